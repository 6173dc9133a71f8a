package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.stubs.Firmware;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every firmware profile runs on both engines: the VM is 1.27, but the module table, the {@code
 * u}-names and {@code ussl} a profile changes are ours on both (spec §20), so a probe of them
 * prints the same lines on either.
 */
class FirmwareProfilesOnBothEnginesTest {
  private static final String PROBE =
      """
      for m in ('ssl', 'ussl', 'tls', 'os', 'uos', 'json', 'ujson', 'time', 'utime', 'machine',
                'umachine', 'socket', 'usocket', 'network', 'requests', 'urequests', 'sys', 'usys'):
          try:
              mod = __import__(m)
              print('import OK  ', m, mod.__name__)
          except ImportError as e:
              print('import FAIL', m, e)
      import json, os
      with open('v.json', 'w') as f:
          json.dump({'v': [1, 'a']}, f)
      print(open('v.json').read(), os.listdir())
      """;

  static java.util.List<String> firmwares() {
    return Firmware.supported();
  }

  private static String run(Engine engine, String firmware) {
    Device device =
        Device.create(
            DeviceConfig.builder()
                .setEngine(engine)
                .setFirmware(firmware)
                .setBootTimeLimit(Duration.ofSeconds(60))
                .build());
    device.flash().put("/main.py", PROBE);
    BootResult boot = device.boot();
    return boot.outcome() + "\n" + boot.console();
  }

  @ParameterizedTest
  @MethodSource("firmwares")
  void theMicroPythonEngineRunsTheProfileAsGraalPyDoes(String firmware) {
    String expected = run(Engine.GRAALPY, firmware);
    if (!Firmware.parse(firmware).atLeast(Firmware.PLAIN_NAMES)) {
      // the one difference left: up to v1.20 the board's C json is named ujson, and the VM's own
      // C module (serving json on this engine) keeps its v1.27 name
      expected = expected.replace("json ujson\n", "json json\n");
    }
    assertThat(run(Engine.MICROPYTHON, firmware)).isEqualTo(expected);
  }
}
