package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.gate.GitFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code otasim gate --serve}: a repository whose boards update from a server of its own gets the
 * candidate published there, and the gate's checks and sweeps run against that server (issue 17,
 * item 4).
 */
class GateOriginsTest {
  private static final Path OWN_SERVER = Path.of("../../examples/own-server/board");

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int gate(String... args) {
    CommandLine cl = OtaSimCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    return cl.execute(args);
  }

  /**
   * The own-server example as a repository: board/ holds main.py and ota.py, each release its app/
   * and the version.json the server hands out, and the server serves the whole tree.
   */
  private GitFixture repository() throws IOException {
    GitFixture repo = GitFixture.create(Files.createDirectories(dir.resolve("repo")));
    for (String name : List.of("main.py", "ota.py")) {
      repo.write("board/" + name, Files.readAllBytes(OWN_SERVER.resolve(name)));
    }
    Files.walk(repo.dir().resolve("board"))
        .filter(p -> !p.getFileName().toString().matches("board|main\\.py|ota\\.py"))
        .sorted(java.util.Comparator.reverseOrder())
        .forEach(p -> p.toFile().delete());
    release(repo, "1.0.0");
    release(repo, "1.1.0");
    return repo;
  }

  private static void release(GitFixture repo, String version) throws IOException {
    String blink = "def run():\n    print('blink " + version + "')\n";
    repo.write("app/blink.py", blink.getBytes(StandardCharsets.UTF_8));
    repo.write(
        "version.json",
        ("{\"version\": \"" + version + "\", \"files\": {\"blink.py\": " + blink.length() + "}}")
            .getBytes(StandardCharsets.UTF_8));
    repo.git("add", "-A");
    repo.git("commit", "-q", "-m", "release " + version);
    repo.git("tag", version);
  }

  @Test
  void publishesTheCandidateOnTheOwnServerAndSweepsItsRequests() throws IOException {
    GitFixture repo = repository();
    List<String> args =
        new ArrayList<>(
            List.of(
                "gate",
                "--repo-dir",
                repo.dir().toString(),
                "--repo",
                "me/blinker",
                "--candidate",
                "1.1.0",
                "--app-dir",
                "app",
                "--serve",
                "http://192.168.1.10:8000/=.",
                "--shard",
                "4/8",
                "--no-lint",
                "--quiet",
                "--junit",
                dir.resolve("reports/gate.xml").toString(),
                "--summary",
                dir.resolve("summary.md").toString()));

    int code = gate(args.toArray(String[]::new));

    // the candidate installs from the own server, and the network sweep finds the example
    // updater's weak spot there: a failed version check is not caught
    assertThat(code).as(out + "\n" + err).isEqualTo(1);
    assertThat(out.toString())
        .contains(
            "\u2714 update installs 1.0.0 -> 1.1.0: settled running 1.1.0 after 2 boots\n"
                + "\u2714 power-cut sweep (shard 4/8): 3 points: 3 recovered new, 0 recovered"
                + " old, 0 bricked\n"
                + "\u2718 network-fault sweep (shard 4/8): bricks at 2 of 4 points: 2 recovered"
                + " new, 0 recovered old, 2 bricked\n"
                + "  \u2718 network fault at point 4: request 1 GET 192.168.1.10/version.json:"
                + " disconnect after 20 B: bricked (boot 1): boot 1 ends with ValueError: not"
                + " enough values to unpack (expected 2, got 1)\n"
                + "  \u2718 network fault at point 24: request 4 GET 192.168.1.10/version.json:"
                + " connection reset: bricked (boot 2): boot 2 ends with OSError: [Errno 104]"
                + " ECONNRESET\n")
        .endsWith("\u2718 the candidate fails 1 of 3 checks\n");
  }

  @Test
  void namesAServedFolderTheCandidateLacks() throws IOException {
    GitFixture repo = repository();

    int code =
        gate(
            "gate",
            "--repo-dir",
            repo.dir().toString(),
            "--repo",
            "me/blinker",
            "--candidate",
            "1.1.0",
            "--app-dir",
            "app",
            "--serve",
            "http://192.168.1.10:8000/=srv",
            "--junit",
            dir.resolve("reports/gate.xml").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "otasim: the tree of 1.1.0 has no srv/ folder to serve at http://192.168.1.10:8000/;"
                + " give a folder of the candidate's tree (--serve http://192.168.1.10:8000/=."
                + " serves all of it) or an absolute folder on this machine\n");
  }
}
