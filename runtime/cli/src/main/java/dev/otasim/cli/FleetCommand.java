package dev.otasim.cli;

import dev.otasim.fleet.BoardState;
import dev.otasim.fleet.Fleet;
import dev.otasim.fleet.FleetReport;
import dev.otasim.fleet.FleetWording;
import dev.otasim.fleet.World;
import dev.otasim.report.Count;
import dev.otasim.scenario.FolderScenario;
import dev.otasim.stubs.host.HostInput;
import dev.otasim.sweep.Shard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code otasim fleet}: a fleet of boards updating from one GitHub over virtual hours, behind sites
 * that share a public IP and its rate limit.
 */
@Command(
    name = "fleet",
    mixinStandardHelpOptions = true,
    subcommands = FleetCommand.Merge.class,
    description = {
      "Simulates N boards running the updater against the same GitHub over virtual hours: each"
          + " powers on at its own time in the first hour and again every --interval minutes;"
          + " power cuts, Wi-Fi failures and drops are drawn per power cycle from --seed. Boards"
          + " sit behind --sites sites (NAT groups) that share one IP and its 60 requests an hour.",
      "Without --board/--releases/--repo it runs the demo (the reference updater); --naive runs"
          + " the 2018 article's updater taken literally.",
      "Prints a summary and writes an HTML report (a chart of the boards' states by hour and the"
          + " journal of each bricked board) and with --json a JSON one; exits 1 if a board bricks"
          + " or --deadline is missed. --shard i/n runs a share of the sites; 'otasim fleet merge'"
          + " joins the shards' JSON reports.",
      "Ctrl-C stops starting power cycles, writes what finished as a report marked incomplete and"
          + " exits 130."
    })
final class FleetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScenarioOptions scenario;

  @Option(names = "--naive", description = "Run the article's updater taken literally.")
  boolean naive;

  @Option(names = "--boards", paramLabel = "N", description = "Boards in the fleet.")
  Integer boards;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of every random draw.")
  Long seed;

  @Option(
      names = "--sites",
      paramLabel = "K",
      description = "Sites sharing one public IP each; board i sits at site i mod K (default: 1).")
  int sites = 1;

  @Option(
      names = "--power-cut-rate",
      paramLabel = "P",
      description = "Chance that power fails during a power cycle (default: 0).")
  double powerCutRate;

  @Option(
      names = "--wifi-failure-rate",
      paramLabel = "P",
      description = "Chance that a power cycle finds no Wi-Fi (default: 0).")
  double wifiFailureRate;

  @Option(
      names = "--wifi-drop-rate",
      paramLabel = "P",
      description = "Chance that the link drops during one of a cycle's requests (default: 0).")
  double wifiDropRate;

  @Option(
      names = "--hours",
      paramLabel = "H",
      description = "Virtual hours to simulate (default: ${DEFAULT-VALUE}).")
  int hours = 24;

  @Option(
      names = "--interval",
      paramLabel = "MINUTES",
      description = "Minutes between a board's power cycles (default: ${DEFAULT-VALUE}).")
  long intervalMinutes = 60;

  @Option(
      names = "--tokens",
      paramLabel = "WHO",
      description =
          "Who carries a GitHub token: none, site (one per site) or board (default:"
              + " ${DEFAULT-VALUE}).")
  String tokens = "none";

  @Option(
      names = "--publish",
      paramLabel = "TAG@HOURS",
      description =
          "Publish a release at a virtual time, such as v2.0.1@1; repeat for each. Add :pre"
              + " (v2.0.0@0:pre) for a prerelease, and publish it again later to promote it."
              + " Without it every release is published at 0.")
  List<String> publish = new ArrayList<>();

  @Option(
      names = "--firmware-mix",
      paramLabel = "V:W,...",
      description = "Firmware versions with weights, such as 1.27:3,1.22:1.")
  String firmwareMix;

  @Option(
      names = "--heap-mix",
      paramLabel = "BYTES:W,...",
      description = "Heap sizes with weights, such as 112000:3,60000:1.")
  String heapMix;

  @Option(
      names = "--start-mix",
      paramLabel = "TAG:W,...",
      description =
          "Releases boards start on, with weights, such as v1.0.0:7,v0.9.0:3 (default: the"
              + " board folder's version).")
  String startMix;

  @Option(
      names = "--app-dir",
      paramLabel = "DIR",
      description =
          "With --board: the app folder (default: the version file's folder; without either,"
              + " found from a clean update).")
  String appDir;

  @Option(
      names = "--version-file",
      paramLabel = "FILE",
      description =
          "With --board: the file naming the installed version (default: DIR/.version with"
              + " --app-dir; without either, the one file a clean update leaves holding the new"
              + " version).")
  String versionFile;

  @Option(
      names = "--new-version",
      paramLabel = "VERSION",
      description =
          "With --board: the version the boards must reach, as the version file will say it"
              + " (default: the newest tag of --releases). Needed without --releases: an updater"
              + " that follows --serve or --github; servers of one's own serve it from its"
              + " --publish time on.")
  String newVersion;

  @Option(
      names = "--new-app",
      paramLabel = "DIR",
      description =
          "With --new-version: the folder holding exactly the files the app folder holds once"
              + " it is installed (such as the served folder's app/); without it only the version"
              + " file is checked.")
  Path newApp;

  @Option(
      names = "--deadline",
      paramLabel = "P@HOURS",
      description = "Exit 1 unless P% of the boards run the newest release by then, such as 99@24.")
  String deadline;

  @Option(
      names = "--threads",
      paramLabel = "T",
      description = "Sites run in parallel (default: the number of cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--shard",
      paramLabel = "i/n",
      description = "Run only the sites whose number is i-1 modulo n (a CI job's share).")
  String shard;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Where to write the HTML report (default: ${DEFAULT-VALUE}).")
  Path html = Path.of("otasim-fleet.html");

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
  Path json;

  @Option(
      names = {"-q", "--quiet"},
      description = "Show no progress while the fleet runs.")
  boolean quiet;

  /** Whether the user asked to stop; null: Ctrl-C, caught while the fleet runs (tests set it). */
  BooleanSupplier stop;

  @Override
  public Integer call() throws IOException {
    if (boards == null || seed == null) {
      throw new IllegalArgumentException(
          "give --boards N and --seed S, such as --boards 1000 --seed 1");
    }
    OutputPaths.checkReport("--html", html);
    OutputPaths.checkReport("--json", json);
    int[] due = deadline == null ? null : deadline(deadline);
    World world;
    if (scenario.given()) {
      if (naive) {
        throw new IllegalArgumentException(
            "--naive runs the built-in fixture; leave out --board/--releases/--repo");
      }
      FolderScenario.Spec s = scenario.spec(12);
      world = World.folder(s, newVersion(s), new World.Layout(appDir, versionFile), WORDING);
    } else {
      List<String> given = new ArrayList<>();
      if (scenario.token != null) {
        given.add("--token");
      }
      if (scenario.isPrivate) {
        given.add("--private");
      }
      if (scenario.defaultBranch != null) {
        given.add("--default-branch");
      }
      if (!given.isEmpty()) {
        throw new IllegalArgumentException(
            String.join(", ", given)
                + " describe a --board scenario's repository; the built-in fixture's boards carry"
                + " a token with --tokens site|board");
      }
      world = naive ? World.naive() : World.demo();
    }
    Fleet.Builder b =
        Fleet.builder(world)
            .setBoards(boards)
            .setSeed(seed)
            .setSites(sites)
            .setHours(hours)
            .setPowerCutRate(powerCutRate)
            .setWifiFailureRate(wifiFailureRate)
            .setWifiDropRate(wifiDropRate)
            .setInterval(intervalMinutes * 60)
            .setThreads(threads)
            .setTokens(tokens(tokens));
    if (shard != null) {
      b.setShard(Shard.parse(shard));
    }
    for (String p : publish) {
      publish(b, p);
    }
    mix(firmwareMix, "--firmware-mix", (k, w) -> b.firmware(k, w));
    mix(heapMix, "--heap-mix", (k, w) -> b.heap(number("--heap-mix", k), w));
    mix(startMix, "--start-mix", (k, w) -> b.start(k, w));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Ansi ansi = spec.commandLine().getColorScheme().ansi();
    try (CtrlC ctrlC = stop == null ? CtrlC.install(err) : null) {
      out.println(ansi.string("@|bold otasim fleet|@ \u2014 " + world.name()));
      out.flush();
      FleetReport report =
          b.setStop(stop != null ? stop : ctrlC)
              .setProgress(ProgressLine.of(err, "fleet", quiet))
              .build(WORDING)
              .run();
      return report(report, due, out, err, ansi, json, html, true);
    }
  }

  /** The fleet's settings as the command line names them. */
  static final FleetWording WORDING =
      new FleetWording(
          "--boards",
          "--sites",
          "--hours",
          "--interval",
          "the power-on spread",
          "--power-cut-rate",
          "--wifi-failure-rate",
          "--wifi-drop-rate",
          "the rate limit",
          "--threads",
          "--tokens",
          "--token",
          "--publish",
          "--start-mix",
          "--firmware-mix",
          "--heap-mix",
          "--new-version",
          "--new-app",
          "--releases",
          "--app-dir",
          "--version-file");

  /** The version the boards must reach, if the options name it; checked here for their names. */
  private FolderScenario.NewVersion newVersion(FolderScenario.Spec s) {
    if (newVersion == null) {
      if (newApp != null) {
        throw new IllegalArgumentException(
            "--new-app needs --new-version: give the version the installed app's version file"
                + " says, such as --new-version 1.1.0");
      }
      return null;
    }
    if (newApp != null && !Files.isDirectory(newApp)) {
      throw new IllegalArgumentException(
          "--new-app "
              + newApp
              + " is not a folder; give the folder holding the files the app folder holds once "
              + newVersion
              + " is installed");
    }
    return new FolderScenario.NewVersion(newVersion, newApp);
  }

  static int report(
      FleetReport report,
      int[] due,
      PrintWriter out,
      PrintWriter err,
      Ansi ansi,
      Path json,
      Path html,
      boolean withRun) {
    out.print(report.text());
    boolean saved = true;
    if (html != null) {
      saved = VerdictLine.save(out, err, "HTML report", html, report.html(), false);
    }
    if (json != null) {
      saved &= VerdictLine.save(out, err, "JSON report", json, report.json(withRun), false);
    }
    if (!report.complete()) {
      FleetReport.Run run = report.run();
      return VerdictLine.interrupted(
          out,
          ansi,
          (run == null
                  ? ""
                  : run.done() + " of " + Count.of(run.cycles(), "power cycle") + " ran; ")
              + "the reports hold the boards as those left them");
    }
    List<String> failed = new ArrayList<>();
    if (report.casualties() > 0) {
      failed.add(
          Count.of(report.finalCount(BoardState.BRICKED), "board")
              + " bricked, "
              + report.finalCount(BoardState.BOOT_LOOP)
              + " in a boot loop ("
              + report.casualties()
              + " ever)");
    }
    if (due != null) {
      long by = report.secondsTo(due[0]);
      if (by < 0 || by > due[1] * 3600L) {
        failed.add(
            "deadline missed: "
                + due[0]
                + "% on "
                + report.target()
                + " "
                + (by < 0 ? "never" : "only by " + clock(by))
                + ", not by "
                + due[1]
                + ":00");
      }
    }
    int code =
        VerdictLine.print(
            out,
            ansi,
            failed.isEmpty(),
            Count.of(report.finalCount(BoardState.UPDATED), "board")
                + " of "
                + report.boards()
                + " on "
                + report.target()
                + ", none bricked"
                + (due == null ? "" : ", deadline met"),
            String.join("; ", failed));
    return saved ? code : OtaSimCommand.EXIT_USAGE;
  }

  private static String clock(long seconds) {
    return String.format(Locale.ROOT, "%d:%02d", seconds / 3600, seconds / 60 % 60);
  }

  private static int[] deadline(String text) {
    String[] parts = text.replace("%", "").split("@", -1);
    try {
      if (parts.length == 2) {
        int p = Integer.parseInt(parts[0].strip());
        int h = Integer.parseInt(parts[1].strip().replaceFirst("h$", ""));
        if (p >= 1 && p <= 100 && h >= 0) {
          return new int[] {p, h};
        }
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException(
        "--deadline '" + text + "' is not PERCENT@HOURS, such as 99@24 (99% by hour 24)");
  }

  private static Fleet.Tokens tokens(String text) {
    return switch (text) {
      case "none" -> Fleet.Tokens.NONE;
      case "site" -> Fleet.Tokens.SITE;
      case "board" -> Fleet.Tokens.BOARD;
      default ->
          throw new IllegalArgumentException(
              "--tokens " + text + " is not who carries a token; use none, site or board");
    };
  }

  private static void publish(Fleet.Builder b, String text) {
    boolean pre = text.endsWith(":pre");
    String body = pre ? text.substring(0, text.length() - 4) : text;
    int at = body.lastIndexOf('@');
    double h;
    try {
      h = at <= 0 ? -1 : Double.parseDouble(body.substring(at + 1).replaceFirst("h$", ""));
    } catch (NumberFormatException e) {
      h = -1;
    }
    if (h < 0) {
      throw new IllegalArgumentException(
          "--publish '"
              + text
              + "' is not TAG@HOURS or TAG@HOURS:pre, such as v2.0.1@1 or v2.0.0@0:pre");
    }
    b.publish(body.substring(0, at), Math.round(h * 3600), pre);
  }

  private static void mix(
      String text, String option, java.util.function.BiConsumer<String, Integer> add) {
    if (text == null) {
      return;
    }
    for (String part : text.split(",")) {
      int colon = part.lastIndexOf(':');
      String key = colon < 0 ? part.strip() : part.substring(0, colon).strip();
      int weight = colon < 0 ? 1 : number(option, part.substring(colon + 1));
      if (key.isEmpty()) {
        throw new IllegalArgumentException(
            option + " '" + text + "' is not VALUE:WEIGHT,..., such as 1.27:3,1.22:1");
      }
      add.accept(key, weight);
    }
  }

  private static int number(String option, String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": '" + text.strip() + "' is not a whole number");
    }
  }

  /** {@code otasim fleet merge}: joins the JSON reports of a fleet's shards into one. */
  @Command(
      name = "merge",
      mixinStandardHelpOptions = true,
      description = {
        "Joins the JSON reports of one fleet's shards (otasim fleet --shard i/n --json FILE) into"
            + " one report, as if the whole fleet had run on one machine; exits 1 if a board"
            + " bricked."
      })
  static final class Merge implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "SHARD.json",
        arity = "1..*",
        description =
            "The shards' reports, or folders holding them (every .json file below, as a CI job"
                + " downloads its matrix's artifacts).")
    List<Path> files;

    @Option(
        names = "--html",
        paramLabel = "FILE",
        description = "Where to write the HTML report (default: ${DEFAULT-VALUE}).")
    Path html = Path.of("otasim-fleet.html");

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the merged JSON.")
    Path json;

    @Override
    public Integer call() throws IOException {
      OutputPaths.checkReport("--html", html);
      OutputPaths.checkReport("--json", json);
      List<FleetReport> parts = new ArrayList<>();
      for (Map.Entry<String, byte[]> f : read(files)) {
        parts.add(FleetReport.parse(f.getKey(), new String(f.getValue(), StandardCharsets.UTF_8)));
      }
      FleetReport merged = FleetReport.merge(parts);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Ansi ansi = spec.commandLine().getColorScheme().ansi();
      out.println(
          ansi.string("@|bold otasim fleet merge|@ \u2014 " + Count.of(parts.size(), "report")));
      if (!merged.allShards()) {
        err.println("otasim: warning: these are not all the run's shards; the report holds theirs");
      }
      return report(merged, null, out, err, ansi, json, html, false);
    }

    /**
     * The files given, with each folder replaced by the .json files below it, by path. Shards are
     * CI artifacts, anyone's files: they are read through {@link HostInput}, so a link, a pipe or a
     * device among them is refused by name, never followed, and no file is read past its limit.
     */
    private static List<Map.Entry<String, byte[]>> read(List<Path> given) {
      List<Map.Entry<String, byte[]>> out = new ArrayList<>();
      for (Path p : given) {
        if (!Files.isDirectory(p)) {
          byte[] bytes = HostInput.readFile("fleet merge", p, HostInput.DEFAULT_FILE_LIMIT);
          if (bytes == null) {
            throw new IllegalArgumentException(
                p + " is not a file; give the JSON reports the shards wrote with --json");
          }
          out.add(Map.entry(p.toString(), bytes));
          continue;
        }
        int before = out.size();
        for (HostInput.Entry e : HostInput.of("fleet merge", p).entries()) {
          if (!e.isFolder() && e.path().endsWith(".json")) {
            out.add(Map.entry(p.resolve(e.path()).toString(), e.bytes()));
          }
        }
        if (out.size() == before) {
          throw new IllegalArgumentException(
              p + " holds no .json file; give the JSON reports the shards wrote with --json");
        }
      }
      return out;
    }
  }
}
