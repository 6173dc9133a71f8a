package dev.otasim.gate;

import dev.otasim.crosscheck.CrossCheck;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.Engine;
import dev.otasim.lint.Finding;
import dev.otasim.lint.LintConfig;
import dev.otasim.lint.LintConfigFiles;
import dev.otasim.lint.LintOptions;
import dev.otasim.lint.Linter;
import dev.otasim.lint.RuleSelection;
import dev.otasim.report.Count;
import dev.otasim.scenario.FolderScenario;
import dev.otasim.stubs.Firmware;
import dev.otasim.sweep.CutResult;
import dev.otasim.sweep.Injection;
import dev.otasim.sweep.OtaInvariants;
import dev.otasim.sweep.PowerCutSweep;
import dev.otasim.sweep.SweepProgress;
import dev.otasim.sweep.SweepReport;
import dev.otasim.sweep.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The gate's checks, each a {@link Check} for the report: the update installs, the candidate's app
 * lints clean, and a sweep of faults leaves a working board.
 */
final class GateChecks {
  private final GateSpec spec;
  private final int maxBoots;
  private final Consumer<String> progress;
  private final Function<String, SweepProgress> sweepProgress;

  GateChecks(
      GateSpec spec,
      int maxBoots,
      Consumer<String> progress,
      Function<String, SweepProgress> sweepProgress) {
    this.spec = spec;
    this.maxBoots = maxBoots;
    this.progress = progress;
    this.sweepProgress = sweepProgress;
  }

  /** The board updates from the previous release and settles running the candidate. */
  /** The name of the update check. */
  static String updateName(String previous, String candidate) {
    return "update installs " + previous + " -> " + candidate;
  }

  /** The name of the cross-check. */
  static final String CROSS_CHECK = "cross-check on the real MicroPython VM";

  /** The name of the lint check. */
  static String lintName(String app) {
    return "lint " + app + "/";
  }

  /** A sweep check's name: its own, and the shard when it is not every point. */
  String sweepLabel(String name) {
    return spec.shard().isAll() ? name : name + " (shard " + spec.shard() + ")";
  }

  Check update(
      FolderScenario.Spec scenario, OtaInvariants invariants, String candidate, String previous) {
    String name = updateName(previous, candidate);
    progress.accept(name);
    long t0 = System.nanoTime();
    try (FolderScenario s = FolderScenario.create(scenario)) {
      Device d = s.device();
      List<BootResult> run = d.runUntilSettled();
      List<String> problems =
          new ArrayList<>(invariants.violations(d, run, maxBoots, Long.MAX_VALUE, false));
      String file = invariants.versionFile();
      String version = d.flash().exists(file) ? d.flash().text(file).strip() : null;
      if (problems.isEmpty() && !candidate.equals(version)) {
        problems.add("the board settled running " + version + ", not the candidate " + candidate);
      }
      s.github().unexpected().forEach(x -> problems.add("unexpected request: " + x));
      long millis = (System.nanoTime() - t0) / 1_000_000;
      if (problems.isEmpty()) {
        return new Check(
            name,
            Check.Status.PASSED,
            "settled running " + candidate + " after " + Count.of(run.size(), "boot"),
            "",
            millis);
      }
      List<String> lines = d.journal().text().lines().toList();
      String details =
          "last events of the journal:\n"
              + String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()))
              + "\n\nconsole:\n"
              + tail(d.console(), 25)
              + "\nflash:\n"
              + d.flash().tree();
      return new Check(name, Check.Status.FAILED, String.join("; ", problems), details, millis);
    }
  }

  private static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
  }

  /**
   * The clean update runs the same on GraalPy and on the real MicroPython VM: the same journal,
   * console and final flash. A divergence is what the board would do differently from the other
   * checks' runs; its details name the first differing line and the device line behind it.
   */
  Check crossCheck(FolderScenario.Spec scenario) {
    String name = CROSS_CHECK;
    progress.accept(name);
    long t0 = System.nanoTime();
    Device graalpy = settle(scenario.onEngine(Engine.GRAALPY));
    Device micropython = settle(scenario.onEngine(Engine.MICROPYTHON));
    CrossCheck.Result r = CrossCheck.compare(graalpy, micropython);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    if (r.identical()) {
      return new Check(
          name,
          Check.Status.PASSED,
          "the clean update is identical on both engines ("
              + Count.of(CrossCheck.timeline(graalpy).size(), "timeline line")
              + ", "
              + Count.of(CrossCheck.flash(graalpy).size(), "file")
              + ")",
          "",
          millis);
    }
    CrossCheck.Divergence d = r.divergence().orElseThrow();
    return new Check(
        name,
        Check.Status.FAILED,
        "GraalPy and the real MicroPython VM diverge in the "
            + d.part()
            + " at line "
            + (d.index() + 1)
            + d.deviceLine().map(l -> ", from " + l).orElse("")
            + "; the board does what the MicroPython side does",
        d.describe(),
        millis);
  }

  private static Device settle(FolderScenario.Spec spec) {
    try (FolderScenario s = FolderScenario.create(spec)) {
      Device d = s.device();
      d.journal().recordCallSites();
      d.runUntilSettled();
      return d;
    }
  }

  /**
   * The candidate's app has no lint errors (warnings are counted, not failed), under the
   * candidate's own {@code [tool.otasim.lint]} as {@code otasim lint} would read it in the
   * candidate's tree; the summary names the configuration and the firmware.
   */
  Check lint(Path candidateTree, String app, LintConfigFiles configs) throws IOException {
    String name = lintName(app);
    progress.accept(name);
    long t0 = System.nanoTime();
    Path root = candidateTree.resolve(app);
    Set<Firmware> firmwares = new TreeSet<>(Comparator.comparing(Firmware::series));
    List<Finding> all =
        Linter.lint(
            List.of(root),
            file -> {
              Firmware configured =
                  configs.forFile(file.toAbsolutePath()).map(LintConfig::firmware).orElse(null);
              Firmware fw = spec.firmwareSet() || configured == null ? spec.firmware() : configured;
              firmwares.add(fw);
              return new LintOptions(fw);
            });
    List<Finding> findings =
        configs.kept(all, Path::toAbsolutePath, Linter.rules().keySet(), RuleSelection.Layer.NONE);
    int files = Linter.pythonFiles(root).size();
    String configuration =
        configuration(configs, firmwares.isEmpty() ? Set.of(spec.firmware()) : firmwares);
    List<String> errors =
        findings.stream()
            .filter(Finding::isError)
            .map(
                f ->
                    app
                        + "/"
                        + root.relativize(f.path()).toString().replace('\\', '/')
                        + ":"
                        + f.line()
                        + ":"
                        + f.col()
                        + ": error["
                        + f.ruleId()
                        + "] "
                        + f.message())
            .toList();
    long warnings = findings.size() - errors.size();
    long millis = (System.nanoTime() - t0) / 1_000_000;
    if (errors.isEmpty()) {
      return new Check(
          name,
          Check.Status.PASSED,
          "no errors in "
              + Count.of(files, "file")
              + ", "
              + Count.of(warnings, "warning")
              + " ("
              + configuration
              + ")",
          "",
          millis);
    }
    return new Check(
        name,
        Check.Status.FAILED,
        Count.of(errors.size(), "error")
            + (errors.size() == 1 ? " the board rejects: " : " the board rejects, first: ")
            + errors.get(0),
        String.join("\n", errors) + "\n\nlint configuration: " + configuration + "\n",
        millis);
  }

  /** The configuration lint used, in words: its files, or that there was none, and the firmware. */
  private static String configuration(LintConfigFiles configs, Set<Firmware> firmwares) {
    String firmware =
        "firmware " + String.join(" and ", firmwares.stream().map(Firmware::series).toList());
    List<String> files = configs.used().stream().map(c -> configs.shown(c.file())).toList();
    if (files.isEmpty()) {
      return "no [tool.otasim.lint]: every rule, " + firmware;
    }
    return "[tool.otasim.lint] of " + String.join(" and ", files) + ", " + firmware;
  }

  /**
   * A sweep of {@code injection} over this run's shard of points: one check, plus one point per
   * bricking fault; skipped when the update itself fails. Stopped part way by {@code stop}
   * (Ctrl-C), the check says so, is failed only if a point that ran bricked the board, and is named
   * among the report's unfinished checks.
   */
  void sweep(
      GateReport.Builder report,
      String name,
      Injection injection,
      FolderScenario.Spec scenario,
      OtaInvariants invariants,
      Check update,
      BooleanSupplier stop) {
    if (update.failed()) {
      report.check(
          new Check(name, Check.Status.SKIPPED, "skipped: the update itself fails", "", 0));
      return;
    }
    String label = sweepLabel(name);
    progress.accept(label);
    long t0 = System.nanoTime();
    SweepReport sweep;
    try {
      sweep =
          PowerCutSweep.builder(() -> FolderScenario.create(scenario), invariants)
              .setName(spec.repo().toString())
              .setInjection(injection)
              .setThreads(spec.threads())
              .setShard(spec.shard().index(), spec.shard().count())
              .setProgress(sweepProgress.apply(label))
              .setStop(stop)
              .build()
              .run();
    } catch (IllegalStateException e) {
      report.check(
          new Check(
              label,
              Check.Status.FAILED,
              e.getMessage(),
              "",
              (System.nanoTime() - t0) / 1_000_000));
      return;
    }
    report.sweep(name, sweep);
    if (!sweep.complete()) {
      report.unfinished(label);
    }
    if (!sweep.cleanViolations().isEmpty()) {
      report.check(
          new Check(
              label,
              Check.Status.FAILED,
              "the update fails without a fault: " + String.join("; ", sweep.cleanViolations()),
              "",
              sweep.millis()));
      return;
    }
    Map<Verdict, Long> c = sweep.counts();
    String verdicts =
        c.get(Verdict.RECOVERED_NEW)
            + " recovered new, "
            + c.get(Verdict.RECOVERED_OLD)
            + " recovered old, "
            + c.get(Verdict.BRICKED)
            + " bricked";
    String counts = Count.of(sweep.cuts().size(), "point") + ": " + verdicts;
    if (!sweep.complete()) {
      report.check(
          new Check(
              label,
              sweep.bricked().isEmpty() ? Check.Status.SKIPPED : Check.Status.FAILED,
              sweep.interruption() + " (Ctrl-C): " + verdicts,
              "",
              sweep.millis()));
    } else {
      report.check(
          new Check(
              label,
              sweep.passed() ? Check.Status.PASSED : Check.Status.FAILED,
              sweep.passed() ? counts : "bricks at " + c.get(Verdict.BRICKED) + " of " + counts,
              "",
              sweep.millis()));
    }
    for (CutResult r : sweep.bricked()) {
      report.point(
          new Check(
              sweep.fault() + " at point " + r.index() + ": " + r.event(),
              Check.Status.FAILED,
              "bricked (boot " + r.boot() + "): " + String.join("; ", r.reasons()),
              "last events of the journal:\n"
                  + String.join("\n", r.journalTail())
                  + "\n\nflash:\n"
                  + r.flashTree(),
              0));
    }
  }
}
