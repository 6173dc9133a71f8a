package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code import} as py/builtinimport.c resolves it, by firmware (spec §20.1), on both engines: the
 * MicroPython engine's table served an extensible built-in or a frozen module before the flash was
 * searched, so a flash json.py or ./requests.py shadowed nothing there.
 */
class ImportOrderTest {
  private static Device board(String firmware) {
    return board(firmware, Engine.GRAALPY);
  }

  private static Device board(String firmware, Engine engine) {
    return Device.create(
        DeviceConfig.builder()
            .setEngine(engine)
            .setFirmware(firmware)
            .setBootTimeLimit(Duration.ofSeconds(60))
            .build());
  }

  private static final String PROBE =
      """
      def t(m):
          try:
              mod = __import__(m)
              print(m, 'ok', mod.__name__, getattr(mod, 'WHERE', '-'))
          except ImportError as e:
              print(m, 'ImportError:', e)
      """;

  /** Flash files that try to shadow builtins and frozen modules. */
  private static Device withShadows(String firmware, Engine engine) {
    Device device = board(firmware, engine);
    device.flash().put("/json.py", "WHERE = 'flash'\n");
    device.flash().put("/gc.py", "WHERE = 'flash'\n");
    device.flash().put("/machine.py", "WHERE = 'flash'\n");
    device.flash().put("/umachine.py", "WHERE = 'flash'\n");
    device.flash().put("/requests.py", "WHERE = 'flash'\n");
    device.flash().put("/lib/ntptime.py", "WHERE = '/lib'\n");
    device.flash().put("/lib/mylib.py", "WHERE = '/lib'\n");
    return device;
  }

  @Nested
  class Newest {
    @ParameterizedTest
    @EnumSource(Engine.class)
    void followsBuiltinimportC(Engine engine) {
      // given
      Device device = withShadows("1.27", engine);
      device
          .flash()
          .put(
              "/main.py",
              PROBE
                  + """
                  import sys
                  print(sys.path)
                  for m in ('gc', 'json', 'ujson', 'machine', 'umachine', 'uos', 'usys', 'usocket',
                            'unetwork', 'ugc', 'utls', 'ussl', 'requests', 'ntptime', 'mylib'):
                      t(m)
                  """);

      // when
      BootResult boot = device.boot();

      // then
      assertThat(boot.console())
          .isEqualTo(
              """
              ['', '.frozen', '/lib']
              gc ok gc -
              json ok json flash
              ujson ok json -
              machine ok machine flash
              umachine ok machine -
              uos ok os -
              usys ok sys -
              usocket ok socket -
              unetwork ImportError: no module named 'unetwork'
              ugc ImportError: no module named 'ugc'
              utls ImportError: no module named 'utls'
              ussl ImportError: no module named 'ussl'
              requests ok requests flash
              ntptime ok ntptime -
              mylib ok mylib /lib
              """);
    }
  }

  @Nested
  class V122 {
    @ParameterizedTest
    @EnumSource(Engine.class)
    void sslIsAnExtensibleBuiltinWithItsUName(Engine engine) {
      Device device = withShadows("1.22", engine);
      device
          .flash()
          .put(
              "/main.py",
              PROBE
                  + """
                  for m in ('ssl', 'ussl', 'umachine', 'json', 'ujson'):
                      t(m)
                  """);

      BootResult boot = device.boot();

      assertThat(boot.console())
          .isEqualTo(
              """
              ssl ok ssl -
              ussl ok ssl -
              umachine ok machine -
              json ok json flash
              ujson ok json -
              """);
    }
  }

  @Nested
  class V120 {
    @ParameterizedTest
    @EnumSource(Engine.class)
    void plainNamesAreWeakLinksTriedAfterTheFileSystem(Engine engine) {
      Device device = withShadows("1.20", engine);
      device
          .flash()
          .put(
              "/main.py",
              PROBE
                  + """
                  for m in ('json', 'ujson', 'machine', 'umachine', 'os', 'uos', 'sys', 'usys',
                            'ssl', 'ussl', 'gc'):
                      t(m)
                  """);

      BootResult boot = device.boot();

      // the MicroPython engine runs the v1.27 VM, whose own json module (the real one, not a
      // shim) is named json; v1.20 registered it as ujson
      String ujsonName = engine == Engine.GRAALPY ? "ujson" : "json";
      assertThat(boot.console())
          .isEqualTo(
              """
              json ok json flash
              ujson ok %s -
              machine ok machine flash
              umachine ok umachine -
              os ok uos -
              uos ok uos -
              sys ok sys -
              usys ok sys -
              ssl ok ussl -
              ussl ok ussl -
              gc ok gc -
              """
                  .formatted(ujsonName));
    }
  }

  @Nested
  class ReadOnlyBuiltins {
    @Test
    void attributesOfBuiltinModulesCannotBeSetOrDeleted() {
      Device device = board("1.27");
      device.flash().put("/mymod.py", "x = 1\n");
      device
          .flash()
          .put(
              "/main.py",
              """
              import os, time, sys, requests, mymod
              def f(*a):
                  return 0
              for what in ('os.stat = f', 'del os.stat', 'time.sleep = f', 'os.extra = 1'):
                  try:
                      exec(what)
                      print(what, 'ok')
                  except AttributeError as e:
                      print(what, 'AttributeError:', e)
              try:
                  setattr(os, 'listdir', f)
              except AttributeError as e:
                  print('setattr', 'AttributeError:', e)
              requests.get = f
              mymod.x = 2
              sys.ps1 = '>>'
              print(requests.get('x'), mymod.x, sys.ps1, os.stat('main.py')[0])
              """);

      BootResult boot = device.boot();

      assertThat(boot.console())
          .isEqualTo(
              """
              os.stat = f AttributeError: 'module' object has no attribute 'stat'
              del os.stat AttributeError: 'module' object has no attribute 'stat'
              time.sleep = f AttributeError: 'module' object has no attribute 'sleep'
              os.extra = 1 AttributeError: 'module' object has no attribute 'extra'
              setattr AttributeError: 'module' object has no attribute 'listdir'
              0 2 >> 32768
              """);
    }
  }
}
