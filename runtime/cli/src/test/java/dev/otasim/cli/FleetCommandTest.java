package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FleetCommandTest {
  @TempDir Path dir;
  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private int run(String... args) {
    return run(null, args);
  }

  private int run(java.util.function.BooleanSupplier stop, String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cl = OtaSimCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    FleetCommand fleet = cl.getSubcommands().get("fleet").getCommand();
    fleet.stop = stop;
    return cl.execute(args);
  }

  private static final String[] SMALL = {
    "fleet", "--boards", "6", "--seed", "1", "--sites", "3", "--hours", "1", "-q"
  };

  private String[] small(String... more) {
    String[] all = new String[SMALL.length + more.length];
    System.arraycopy(SMALL, 0, all, 0, SMALL.length);
    System.arraycopy(more, 0, all, SMALL.length, more.length);
    return all;
  }

  @Nested
  class Report {
    @Test
    void writesJsonWhoseFinalCountsSumToTheBoardsAndAnHtmlChart() throws IOException {
      Path json = dir.resolve("fleet.json");
      Path html = dir.resolve("fleet.html");

      int code = run(small("--json", json.toString(), "--html", html.toString()));

      assertThat(code).as(err.toString()).isZero();
      assertThat(out.toString())
          .startsWith("otasim fleet \u2014 the demo (reference updater)\n")
          .contains("  6 boards, 3 sites, 1 h; target v1.1.0\n")
          .contains("\u2714 6 boards of 6 on v1.1.0, none bricked");
      String text = Files.readString(json);
      assertThat(text).contains("\"boards\": 6,\n");
      Matcher fin = Pattern.compile("\"final\": \\{([^}]*)\\}").matcher(text);
      assertThat(fin.find()).isTrue();
      int sum = 0;
      for (String pair : fin.group(1).split(",")) {
        sum += Integer.parseInt(pair.split(":")[1].strip());
      }
      assertThat(sum).isEqualTo(6);
      assertThat(Files.readString(html))
          .contains("<svg")
          .contains("<polygon")
          .doesNotContain("<script");
    }

    @Test
    void ctrlCWritesThePowerCyclesThatRanMarkedIncompleteAndExits130() throws IOException {
      Path json = dir.resolve("fleet.json");
      java.util.concurrent.atomic.AtomicInteger asked =
          new java.util.concurrent.atomic.AtomicInteger();

      int code =
          run(
              () -> asked.incrementAndGet() > 2,
              small(
                  "--threads",
                  "1",
                  "--json",
                  json.toString(),
                  "--html",
                  dir.resolve("f.html").toString()));

      assertThat(code).as(out + "\n" + err).isEqualTo(130);
      String text = Files.readString(json);
      assertThat(text).contains("\"complete\": false").contains("\"power_cycles_done\": 2,");
      assertThat(out.toString())
          .endsWith(
              "\u26a0 interrupted (Ctrl-C): 2 of 6 power cycles ran; the reports hold the boards as"
                  + " those left them\n");
    }

    @Test
    void aMissedDeadlineFailsTheRun() {
      int code = run(small("--html", dir.resolve("f.html").toString(), "--deadline", "100@0"));

      assertThat(code).isEqualTo(1);
      assertThat(out.toString()).contains("\u2718 deadline missed: 100% on v1.1.0 only by 0:");
    }
  }

  @Nested
  class Shards {
    @Test
    void mergedShardsReportWhatTheWholeRunReports() throws IOException {
      Path whole = dir.resolve("whole.json");
      Path a = dir.resolve("a.json");
      Path b = dir.resolve("b.json");
      Path merged = dir.resolve("merged.json");
      String html = dir.resolve("f.html").toString();
      assertThat(run(small("--json", whole.toString(), "--html", html))).isZero();
      assertThat(run(small("--shard", "1/2", "--json", a.toString(), "--html", html))).isZero();
      assertThat(run(small("--shard", "2/2", "--json", b.toString(), "--html", html))).isZero();

      int code =
          run(
              "fleet",
              "merge",
              b.toString(),
              a.toString(),
              "--json",
              merged.toString(),
              "--html",
              html);

      assertThat(code).as(err.toString()).isZero();
      assertThat(out.toString()).startsWith("otasim fleet merge \u2014 2 reports\n");
      assertThat(Files.readString(merged).replace("[\"1/2\", \"2/2\"]", "[\"1/1\"]"))
          .isEqualTo(Files.readString(whole).replaceAll(",\n  \"run\": \\{[^}]*\\}", ""));
    }

    @Test
    void aFolderOfShardsAsACiJobDownloadsThemMergesLikeTheFiles() throws IOException {
      // given two shards' JSON, each in a folder of its own as download-artifact lays them out
      Path whole = dir.resolve("whole.json");
      Path shards = dir.resolve("shards");
      Path a = Files.createDirectories(shards.resolve("fleet-1")).resolve("fleet.json");
      Path b = Files.createDirectories(shards.resolve("fleet-2")).resolve("fleet.json");
      Path merged = dir.resolve("merged.json");
      String html = dir.resolve("f.html").toString();
      assertThat(run(small("--json", whole.toString(), "--html", html))).isZero();
      assertThat(run(small("--shard", "1/2", "--json", a.toString(), "--html", html))).isZero();
      assertThat(run(small("--shard", "2/2", "--json", b.toString(), "--html", html))).isZero();

      // when the folder is merged
      int code =
          run("fleet", "merge", shards.toString(), "--json", merged.toString(), "--html", html);

      // then it is the whole run's report
      assertThat(code).as(err.toString()).isZero();
      assertThat(out.toString()).startsWith("otasim fleet merge \u2014 2 reports\n");
      assertThat(Files.readString(merged).replace("[\"1/2\", \"2/2\"]", "[\"1/1\"]"))
          .isEqualTo(Files.readString(whole).replaceAll(",\n  \"run\": \\{[^}]*\\}", ""));
    }

    @Test
    void anEmptyFolderSaysWhatToGive() throws IOException {
      Path empty = Files.createDirectories(dir.resolve("none"));

      int code = run("fleet", "merge", empty.toString());

      assertThat(code).isEqualTo(2);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: "
                  + empty
                  + " holds no .json file; give the JSON reports the shards wrote with --json\n");
    }

    @Test
    void mergingSomethingElseSaysWhatToGive() throws IOException {
      Path notJson = Files.writeString(dir.resolve("x.json"), "{\"boards\": 3}");

      int code = run("fleet", "merge", notJson.toString());

      assertThat(code).isEqualTo(2);
      assertThat(err.toString())
          .startsWith(
              "otasim: "
                  + notJson
                  + " is not a fleet report's JSON (otasim fleet --json writes one)");
    }
  }

  /**
   * Shard reports come from CI artifacts: anyone's files. Each lie a shard can tell is refused in
   * one line naming the file, before the merge sizes a table from it or adds it up.
   */
  @Nested
  class HostileShards {
    private static final String SHARD =
        """
        {
          "updater": "u", "target": "v1.1.0", "fleet": {"seed": "1", "hours": "1"},
          "shards": ["1/2"], "complete": true, "hours": 1, "boards": 2,
          "final": {"updated": 2, "old": 0, "stalled": 0, "updating": 0, "rolled_back": 0,
                    "boot_loop": 0, "bricked": 0},
          "hourly": [
            {"hour": 0, "states": {"old": 2}, "versions": {"v1.0.0": 2}},
            {"hour": 1, "states": {"updated": 2}, "versions": {"v1.1.0": 2}}
          ],
          "sites": [{"site": 0, "boards": 2, "limit_per_hour": 60, "requests_per_hour": [8],
                     "refused_per_hour": [0]}],
          "on_target_changes": [[262, 1], [928, 1]],
          "bricked": []
        }
        """;

    private Path shard(String name, String text) throws IOException {
      return Files.writeString(dir.resolve(name), text);
    }

    private String merged(Path... shards) {
      String[] args = new String[shards.length + 4];
      args[0] = "fleet";
      args[1] = "merge";
      for (int i = 0; i < shards.length; i++) {
        args[2 + i] = shards[i].toString();
      }
      args[shards.length + 2] = "--html";
      args[shards.length + 3] = dir.resolve("f.html").toString();
      int code = run(args);
      assertThat(code).as(out + "\n" + err).isEqualTo(2);
      return err.toString();
    }

    private String notAReport(Path file, String why) {
      return "otasim: "
          + file
          + " is not a fleet report's JSON (otasim fleet --json writes one): "
          + why
          + "\n";
    }

    @Test
    void theFixtureItselfMerges() throws IOException {
      int code =
          run("fleet", "merge", shard("a.json", SHARD).toString(), "--html", dir + "/f.html");

      assertThat(code).as(err.toString()).isZero();
    }

    @Test
    void moreHoursThanItHoldsRowsFor() throws IOException {
      // two billion hours would be two billion rows of the merged table; three shows it
      Path a = shard("a.json", SHARD.replace("\"hours\": 1,", "\"hours\": 3,"));

      assertThat(merged(a)).isEqualTo(notAReport(a, "it says 3 hours but holds 2 hourly rows"));
    }

    @Test
    void aShardThatIsNotIOfN() throws IOException {
      Path a = shard("a.json", SHARD.replace("[\"1/2\"]", "[\"x\"]"));

      assertThat(merged(a))
          .isEqualTo(notAReport(a, "'x' is not i/n, such as 1/2 and 2/2 for two CI jobs"));
    }

    @Test
    void aCountPastAnInt() throws IOException {
      Path a = shard("a.json", SHARD.replace("\"boards\": 2,", "\"boards\": 1e30,"));

      assertThat(merged(a))
          .isEqualTo(notAReport(a, "a count is 1.0E30, not a whole number from 0 to 2147483647"));
    }

    @Test
    void countsThatAddUpPastAnInt() throws IOException {
      String big = SHARD.replace("\"boards\": 2,", "\"boards\": 2000000000,");
      Path a = shard("a.json", big);
      Path b = shard("b.json", big.replace("[\"1/2\"]", "[\"2/2\"]"));

      assertThat(merged(a, b))
          .isEqualTo(
              "otasim: the shards' counts add up to more than 2147483647; these are not the"
                  + " reports otasim fleet --json wrote\n");
    }

    @Test
    void fewerHoursOfRefusalsThanOfRequests() throws IOException {
      Path a =
          shard("a.json", SHARD.replace("\"refused_per_hour\": [0]", "\"refused_per_hour\": []"));

      assertThat(merged(a))
          .isEqualTo(
              notAReport(a, "site 0 has a different number of hours of requests and refusals"));
    }

    @Test
    void aLinkInAFolderOfShardsIsRefusedNotFollowed() throws IOException {
      Path elsewhere = shard("elsewhere.json", SHARD);
      Path shards = Files.createDirectories(dir.resolve("shards/fleet-1"));
      Files.createSymbolicLink(shards.resolve("fleet.json"), elsewhere);

      assertThat(merged(dir.resolve("shards")))
          .isEqualTo(
              "otasim: fleet merge "
                  + dir.resolve("shards")
                  + ": fleet-1/fleet.json is a symbolic link (to "
                  + elsewhere
                  + "); otasim reads only regular files and folders from the host, replace it"
                  + " with the file itself\n");
    }

    @Test
    void aShardPastTheFileLimitIsNotReadWhole() throws IOException {
      Path a = shard("a.json", SHARD + " ".repeat(16 << 20));

      assertThat(merged(a))
          .isEqualTo(
              "otasim: fleet merge "
                  + dir
                  + ": a.json is larger than the limit of 16777216 bytes; otasim stops reading"
                  + " there\n");
    }
  }

  @Nested
  class Usage {
    @Test
    void boardsAndSeedAreNeeded() {
      int code = run("fleet", "--boards", "10");

      assertThat(code).isEqualTo(2);
      assertThat(err.toString())
          .isEqualTo("otasim: give --boards N and --seed S, such as --boards 1000 --seed 1\n");
    }

    @Test
    void aDeadlineThatIsNotPercentAtHoursSaysTheForm() {
      int code = run(small("--deadline", "tomorrow"));

      assertThat(code).isEqualTo(2);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: --deadline 'tomorrow' is not PERCENT@HOURS, such as 99@24 (99% by hour"
                  + " 24)\n");
    }

    @Test
    void anUnknownTokenScopeNamesTheChoices() {
      int code = run(small("--tokens", "all"));

      assertThat(code).isEqualTo(2);
      assertThat(err.toString())
          .isEqualTo("otasim: --tokens all is not who carries a token; use none, site or board\n");
    }

    @Test
    void aTokenWithoutABoardFolderSaysHowTheFixturesBoardsCarryOne() {
      int code = run(small("--token", "ghp_x", "--private"));

      assertThat(code).isEqualTo(2);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: --token, --private describe a --board scenario's repository; the built-in"
                  + " fixture's boards carry a token with --tokens site|board\n");
    }

    @Test
    void aTokenTheBoardFolderSendsNeedsToBeSomeones() {
      int code =
          run(
              small(
                  "--board", "../../examples/board",
                  "--releases", "../../examples/releases",
                  "--repo", "me/app",
                  "--version-file", "/main/.version",
                  "--token", "ghp_x"));

      assertThat(code).isEqualTo(2);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: --token is the token your boards' updater sends: say whose it is with"
                  + " --tokens site (one per site) or board (one per board)\n");
    }

    @Test
    void aFleetWithoutReleasesMustBeToldTheVersionToReach() {
      int code =
          run(
              small(
                  "--board", "../../examples/own-server/board",
                  "--serve", "http://192.168.1.10:8000/=../../examples/own-server/srv"));

      assertThat(code).isEqualTo(2);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: a fleet must know the version its boards reach: give --new-version VERSION"
                  + " (and --new-app DIR, the folder of the app it installs), or --releases DIR,"
                  + " whose newest tag is that version\n");
    }

    @Test
    void aRateOutsideZeroToOneNamesTheOptionAndTheFix() {
      int code = run(small("--power-cut-rate", "5"));

      assertThat(code).isEqualTo(2);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: --power-cut-rate 5.0 is no chance; give one between 0 and 1, such as 0.01"
                  + " for 1%\n");
    }

    @Test
    void aStartingVersionThatIsNoReleaseNamesTheReleases() {
      int code = run(small("--start-mix", "v1.0.0:7,v0.9.0:3"));

      assertThat(code).isEqualTo(2);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: no release v0.9.0 to start boards on; the releases are v1.0.0, v1.1.0\n");
    }
  }

  @Nested
  class OwnServer {
    @Test
    void boardsFollowingAServerOfTheirOwnReachTheVersionItPublishes() throws IOException {
      Path json = dir.resolve("fleet.json");

      int code =
          run(
              small(
                  "--board", "../../examples/own-server/board",
                  "--serve", "http://192.168.1.10:8000/=../../examples/own-server/srv",
                  "--new-version", "1.1.0",
                  "--new-app", "../../examples/own-server/srv/app",
                  "--publish", "1.1.0@0",
                  "--json", json.toString(),
                  "--html", dir.resolve("f.html").toString()));

      assertThat(code).as(err.toString()).isZero();
      assertThat(out.toString())
          .startsWith("otasim fleet \u2014 http://192.168.1.10:8000/\n")
          .contains("\u2714 6 boards of 6 on 1.1.0, none bricked");
      assertThat(Files.readString(json)).contains("\"schedule\": \"1.1.0@0\"");
    }
  }

  @Nested
  class StartMix {
    @Test
    void boardsOnTheNewestReleaseAlreadyCountAsUpdatedInTheJson() throws IOException {
      Path json = dir.resolve("fleet.json");

      String html = dir.resolve("f.html").toString();

      int code = run(small("--start-mix", "v1.1.0:1", "--json", json.toString(), "--html", html));

      assertThat(code).as(err.toString()).isZero();
      assertThat(Files.readString(json)).contains("\"start\": \"{v1.1.0=1}\"");
      assertThat(out.toString()).contains("\u2714 6 boards of 6 on v1.1.0, none bricked");
    }
  }
}
