package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden transcripts of device modules and of MicroPython's dialect: each {@code
 * fidelity/golden/NAME.py} runs as main.py and must print exactly {@code NAME.exp}. A file named
 * {@code NAME.fw-1.22.py} runs on that firmware (spec §20). Set {@code -Dgolden.write=true} to
 * write the {@code .exp} files of new scripts (then read them against the spec before committing).
 */
class GoldenModuleTest {
  static Stream<String> scripts() throws IOException, URISyntaxException {
    Path dir = Path.of(GoldenModuleTest.class.getResource("/fidelity/golden").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".py"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void printsTheBoardsTranscript(String script) {
    // given
    String firmware = DeviceConfig.Builder.DEFAULT_FIRMWARE;
    int at = script.indexOf(".fw-");
    if (at >= 0) {
      firmware = script.substring(at + 4, script.length() - 3);
    }
    Device device = Device.create(DeviceConfig.builder().setFirmware(firmware).build());
    device.flash().put("/main.py", ProbeFidelityTest.resource("golden/" + script));

    // when
    device.boot();

    // then
    String name = script.substring(0, script.length() - 3) + ".exp";
    if (Boolean.getBoolean("golden.write")) {
      write(name, device.console());
    }
    assertThat(device.console()).isEqualTo(ProbeFidelityTest.resource("golden/" + name));
  }

  private static void write(String name, String text) {
    try {
      Files.writeString(Path.of("src/test/resources/fidelity/golden", name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
