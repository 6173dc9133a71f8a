package dev.otasim.device;

import static dev.otasim.assertions.OtaAssertions.assertThat;

import dev.otasim.junit.OtaSimulatorTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Device code sees the simulated board only: no host files, classes, processes or sockets. */
// not @Isolated: the 5-second limit is the boot thread's CPU time, which other test classes
// running alongside do not use up
@OtaSimulatorTest(bootTimeLimitMillis = 5000)
class SandboxTest {
  @Test
  void openReachesTheFlashNotTheHost(Device device) {
    device.flash().put("/main.py", "open('/etc/hostname').read()\n");

    assertThat(device.boot()).raised("OSError: [Errno 2] ENOENT");
  }

  @Test
  void cpythonFileObjectsFoundThroughSubclassesCannotReadHostFiles(Device device) {
    device
        .flash()
        .put(
            "/main.py",
            """
            found = []
            for cls in ().__class__.__base__.__subclasses__():
                if cls.__name__ in ('FileIO', 'FileLoader', 'BufferedReader'):
                    found.append(cls)
            ok = 0
            for cls in found:
                try:
                    if cls.__name__ == 'FileIO':
                        data = cls('/etc/passwd').read()
                    else:
                        data = cls('x', '/etc/passwd').get_data('/etc/passwd')
                    print('READ HOST FILE', len(data))
                except BaseException as e:
                    ok += 1
            print('denied', ok)
            """);

    BootResult boot = device.boot();

    org.assertj.core.api.Assertions.assertThat(boot.console()).doesNotContain("READ HOST FILE");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "java",
        "polyglot",
        "subprocess",
        "posix",
        "_io",
        "ctypes",
        "threading",
        "importlib"
      })
  void hostModulesAreNotImportable(String module, Device device) {
    device.flash().put("/main.py", "import " + module + "\n");

    assertThat(device.boot()).raised("ImportError: no module named '" + module + "'");
  }

  @Test
  void theBoardsBuiltinsModuleOpensFlashFilesOnly(Device device) {
    // builtins exists on the board too; through it, open is still the flash's.
    device.flash().put("/main.py", "import builtins\nbuiltins.open('/etc/hostname').read()\n");

    assertThat(device.boot()).raised("OSError: [Errno 2] ENOENT");
  }

  @Test
  void hostNotInTheFakeDnsFailsLikeAFailedLookup(Device device) {
    device
        .flash()
        .put(
            "/main.py",
            """
            import network, socket, time
            w = network.WLAN(network.STA_IF)
            w.active(True)
            w.connect('home', 'pw')
            while not w.isconnected():
                time.sleep_ms(100)
            socket.getaddrinfo('example.com', 443)
            """);

    assertThat(device.boot()).raised("OSError: -202");
    assertThat(device.journal())
        .containsInOrder("wifi connect \"home\"", "dns example.com -> OSError: -202");
  }

  @Test
  void lookupsFailWithoutWifi(Device device) {
    device.flash().put("/main.py", "import socket\nsocket.getaddrinfo('api.github.com', 443)\n");

    assertThat(device.boot()).raised("OSError: -202");
  }
}
