package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The board has one OSError (spec §1.1), and {@code except OSError} catches every one a module
 * raises. On GraalPy the device's OSError is a class of the bootstrap's, so a shim that raised the
 * host's own OSError escaped the device's {@code except OSError}: an updater that recovers from a
 * corrupt download on the board crashed here.
 */
class ShimOsErrorTest {
  private static final String PROBE =
      """
      import deflate, io, network
      def c(label, f):
          try:
              f()
              print(label, 'no error')
          except OSError as e:
              print(label, 'caught', e.args)
      c('deflate data', lambda: deflate.DeflateIO(io.BytesIO(b'abcdefgh')).read())
      c('deflate stream', lambda: deflate.DeflateIO(5).read())
      c('scan', network.WLAN(network.STA_IF).scan)
      c('sta required', lambda: network.WLAN(network.AP_IF).config('reconnects'))
      """;

  @ParameterizedTest
  @EnumSource(Engine.class)
  void exceptOsErrorCatchesTheModulesOsErrors(Engine engine) {
    Device device =
        Device.create(
            DeviceConfig.builder()
                .setEngine(engine)
                .setBootTimeLimit(Duration.ofSeconds(60))
                .build());
    device.flash().put("/main.py", PROBE);

    BootResult boot = device.boot();

    assertThat(boot.outcome()).as(boot.console()).isEqualTo(BootOutcome.RETURNED);
    assertThat(boot.console())
        .isEqualTo(
            """
            deflate data caught (22,)
            deflate stream caught ('stream operation not supported',)
            scan caught ('STA must be active',)
            sta required caught ('STA required',)
            """);
  }
}
