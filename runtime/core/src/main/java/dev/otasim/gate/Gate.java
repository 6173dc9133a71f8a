package dev.otasim.gate;

import dev.otasim.device.DeviceConfig;
import dev.otasim.engine.micropython.WasmArtifact;
import dev.otasim.lint.LintConfigFiles;
import dev.otasim.lint.Linter;
import dev.otasim.scenario.FolderScenario;
import dev.otasim.sweep.Injection;
import dev.otasim.sweep.SweepProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The pre-release gate (DESIGN §10): the boards run the previous release; the candidate is
 * published on a fake GitHub built from the repository's tags; the update must install, survive a
 * power cut at any point and a network fault on any request, and the candidate's app must lint
 * clean; with the cross-check, the clean update must also run the same on the real MicroPython VM.
 * {@link GateLayout} builds the board and the releases from the repository; {@link GateChecks} runs
 * each check; this class puts them in order.
 */
public final class Gate {
  private static final int MAX_BOOTS = DeviceConfig.Builder.DEFAULT_MAX_BOOTS;

  private final GateSpec spec;
  private final GateWording wording;
  private final Consumer<String> progress;
  private Function<String, SweepProgress> sweepProgress = label -> SweepProgress.NONE;
  private BooleanSupplier stop = () -> false;
  private boolean stopped;

  private Gate(GateSpec spec, GateWording wording, Consumer<String> progress) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.wording = Objects.requireNonNull(wording, "wording");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /**
   * A gate for a spec; its messages name settings as {@link GateWording#API} does.
   *
   * @param progress told in a few words what the gate is doing now
   */
  public static Gate create(GateSpec spec, Consumer<String> progress) {
    return new Gate(spec, GateWording.API, progress);
  }

  /** A gate whose messages name the settings as {@code wording} does (the CLI's flags). */
  public static Gate create(GateSpec spec, GateWording wording, Consumer<String> progress) {
    return new Gate(spec, wording, progress);
  }

  /**
   * Shows each sweep's progress (points done, boots per second, time left) on what {@code
   * sweepProgress} makes of the sweep's label; by default nothing is shown.
   */
  public Gate withSweepProgress(Function<String, SweepProgress> sweepProgress) {
    this.sweepProgress = Objects.requireNonNull(sweepProgress, "sweepProgress");
    return this;
  }

  /**
   * Asked before each check and each sweep point: once it answers true (the user pressed Ctrl-C),
   * the check or points running end as ever, nothing further starts, and the report holds what
   * finished, marked incomplete ({@link GateReport#complete()}). By default the gate never stops.
   */
  public Gate withStop(BooleanSupplier stop) {
    this.stop = Objects.requireNonNull(stop, "stop");
    return this;
  }

  /**
   * Reads the repository, lays out the board and the releases under {@code work}, and runs every
   * check.
   *
   * @throws IllegalArgumentException when the repository does not fit the layout, naming the fix
   */
  public GateReport run(Path work) throws IOException {
    if (spec.crossCheck()) {
      try {
        WasmArtifact.check();
      } catch (WasmArtifact.MissingWasmException e) {
        throw new IllegalArgumentException(
            "the cross-check runs the real MicroPython VM: " + e.getMessage(), e);
      }
    }
    GateLayout layout = GateLayout.lay(spec, wording, work, progress);
    FolderScenario.Spec scenario =
        new FolderScenario.Spec(
                layout.board(),
                layout.releases(),
                spec.repo().toString(),
                DeviceConfig.builder().setMaxBoots(MAX_BOOTS).setFirmware(spec.firmware()).build(),
                null,
                null,
                null,
                false,
                java.util.Map.of(),
                null,
                served(layout),
                spec.github())
            .validate();
    // the candidate's [tool.otasim.lint], read (and refused if bad) before any check runs
    LintConfigFiles lintConfig = null;
    if (spec.lint()) {
      String rev = GitRepository.WORKTREE.equals(spec.candidate()) ? "" : spec.candidate() + ":";
      lintConfig = LintConfigFiles.within(layout.candidateTree(), path -> rev + path);
      for (Path file : Linter.pythonFiles(layout.candidateTree().resolve(layout.app()))) {
        lintConfig.forFile(file);
      }
    }
    GateChecks checks = new GateChecks(spec, MAX_BOOTS, progress, sweepProgress);
    GateReport.Builder report =
        GateReport.builder(
            spec.repo().toString(),
            layout.previous(),
            spec.candidate(),
            layout.candidateTag(),
            spec);
    // once stopped, every later check is unfinished (starts() latches), so the sweeps below never
    // start without the update check they depend on
    Check update = null;
    if (starts(report, GateChecks.updateName(layout.previous(), layout.candidateTag()))) {
      update =
          checks.update(scenario, layout.invariants(), layout.candidateTag(), layout.previous());
      report.check(update);
    }
    if (spec.lint() && starts(report, GateChecks.lintName(layout.app()))) {
      report.check(checks.lint(layout.candidateTree(), layout.app(), lintConfig));
    }
    if (spec.crossCheck() && starts(report, GateChecks.CROSS_CHECK)) {
      report.check(checks.crossCheck(scenario));
    }
    if (starts(report, checks.sweepLabel(POWER_CUT))) {
      checks.sweep(
          report, POWER_CUT, new Injection.PowerCut(), scenario, layout.invariants(), update, stop);
    }
    if (starts(report, checks.sweepLabel(NETWORK))) {
      checks.sweep(
          report,
          NETWORK,
          Injection.NetworkFaults.standard(),
          scenario,
          layout.invariants(),
          update,
          stop);
    }
    return report.build();
  }

  /**
   * The folders the servers of one's own serve, the candidate's: a path in its tree, or an absolute
   * folder on the host.
   */
  private java.util.Map<String, Path> served(GateLayout layout) {
    java.util.Map<String, Path> out = new java.util.LinkedHashMap<>();
    spec.serve()
        .forEach(
            (url, folder) -> {
              Path host = Path.of(folder);
              Path dir =
                  host.isAbsolute() ? host : layout.candidateTree().resolve(folder).normalize();
              if (host.isAbsolute() && !java.nio.file.Files.isDirectory(dir)) {
                throw new IllegalArgumentException(
                    wording.serve()
                        + " "
                        + url
                        + "="
                        + folder
                        + ": "
                        + folder
                        + " is not a folder; give the folder the server at "
                        + url
                        + " serves");
              }
              boolean outside = !host.isAbsolute() && !dir.startsWith(layout.candidateTree());
              if (outside || !java.nio.file.Files.isDirectory(dir)) {
                throw new IllegalArgumentException(
                    "the tree of "
                        + layout.candidateTag()
                        + " has no "
                        + folder
                        + "/ folder to serve at "
                        + url
                        + "; give a folder of the candidate's tree ("
                        + wording.serve()
                        + " "
                        + url
                        + "=. serves all of it) or an absolute folder on this machine");
              }
              out.put(url, dir);
            });
    return out;
  }

  private static final String POWER_CUT = "power-cut sweep";
  private static final String NETWORK = "network-fault sweep";

  /** Whether the check named {@code name} may start; if the gate was stopped, it is unfinished. */
  private boolean starts(GateReport.Builder report, String name) {
    stopped = stopped || stop.getAsBoolean();
    if (stopped) {
      report.unfinished(name);
      return false;
    }
    return true;
  }
}
