package dev.otasim.gate;

import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.lint.Finding;
import dev.otasim.lint.LintOptions;
import dev.otasim.lint.Linter;
import dev.otasim.scenario.FolderScenario;
import dev.otasim.stubs.host.HostInput;
import dev.otasim.sweep.CutResult;
import dev.otasim.sweep.Injection;
import dev.otasim.sweep.OtaInvariants;
import dev.otasim.sweep.PowerCutSweep;
import dev.otasim.sweep.SweepReport;
import dev.otasim.sweep.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The pre-release gate (DESIGN §10): the boards run the previous release; the candidate is
 * published on a fake GitHub built from the repository's tags; the update must install, survive a
 * power cut at any point and a network fault on any request, and the candidate's app must lint
 * clean.
 *
 * <p>The layout it expects, and the board it builds from it:
 *
 * <pre>
 * repository at the previous tag        flash of the simulated board
 *   board/main.py                  -->    /main.py
 *   board/ota_updater.py           -->    /ota_updater.py
 *   board/ota_config.json          -->    /ota_config.json
 *   main/app.py                    -->    /main/app.py
 *                                         /main/.version  = the previous tag (unless committed)
 * </pre>
 */
public final class Gate {
  private static final int MAX_BOOTS = DeviceConfig.Builder.DEFAULT_MAX_BOOTS;

  private final GateSpec spec;
  private final Consumer<String> progress;

  private Gate(GateSpec spec, Consumer<String> progress) {
    this.spec = spec;
    this.progress = progress;
  }

  /**
   * A gate for a spec.
   *
   * @param progress told in a few words what the gate is doing now
   */
  public static Gate create(GateSpec spec, Consumer<String> progress) {
    return new Gate(spec, progress);
  }

  /**
   * Reads the repository, lays out the board and the releases under {@code work}, and runs every
   * check.
   *
   * @throws IllegalArgumentException when the repository does not fit the layout, naming the fix
   */
  public GateReport run(Path work) throws IOException {
    GitRepository git = GitRepository.open(spec.repoDir());
    List<String> tags = git.releaseTags();
    String candidate = spec.candidate();
    boolean isTag = !GitRepository.WORKTREE.equals(candidate) && git.hasTag(candidate);
    if (!GitRepository.WORKTREE.equals(candidate) && !git.hasCommit(candidate)) {
      throw new IllegalArgumentException(
          "--candidate "
              + candidate
              + " is not a tag or commit of "
              + git.dir()
              + "; give a release tag, a commit, or WORKTREE for the files as they are (fetch"
              + " tags in CI: actions/checkout with fetch-depth: 0)");
    }
    String previous = spec.previous();
    String candidateTag = spec.candidateTag();
    if (candidateTag == null && isTag) {
      if (!GitRepository.VERSION_TAG.matcher(candidate).matches()) {
        throw new IllegalArgumentException(
            "--candidate "
                + candidate
                + " is not a version tag (such as v1.2.0); the updater compares versions, so"
                + " pass --candidate-tag with the version to publish it as");
      }
      candidateTag = candidate;
    }
    if (previous == null) {
      String bound = candidateTag;
      List<String> below =
          tags.stream()
              .filter(t -> bound == null || FolderScenario.compareVersions(t, bound) < 0)
              .filter(t -> !t.equals(candidate))
              .toList();
      if (below.isEmpty()) {
        throw new IllegalArgumentException(
            "no release tag below "
                + (bound == null ? candidate : bound)
                + " in "
                + git.dir()
                + " (tags: "
                + (tags.isEmpty() ? "none" : String.join(" ", tags))
                + "); tag the release the boards run now, or pass --previous TAG");
      }
      previous = below.get(below.size() - 1);
    } else if (!git.hasTag(previous)) {
      throw new IllegalArgumentException(
          "--previous " + previous + " is not a tag of " + git.dir() + " (tags: " + tags + ")");
    }
    if (candidateTag == null) {
      candidateTag = Versions.next(previous);
    }
    if (FolderScenario.compareVersions(candidateTag, previous) <= 0) {
      throw new IllegalArgumentException(
          "the candidate "
              + candidateTag
              + " is not newer than --previous "
              + previous
              + "; the updater would not install it");
    }

    progress.accept("reading " + previous + " and " + candidate + " from " + git.dir());
    Path releases = work.resolve("releases");
    Path previousTree = releases.resolve(previous);
    Path candidateTree = releases.resolve(candidateTag);
    git.extract(previous, previousTree);
    git.extract(candidate, candidateTree);
    String app = spec.appDir().replaceAll("^/+|/+$", "");
    requireApp(previousTree, previous, app);
    requireApp(candidateTree, candidateTag, app);
    Path board = layBoard(previousTree, previous, app, work.resolve("board"));

    DeviceConfig.Builder config = DeviceConfig.builder().setMaxBoots(MAX_BOOTS);
    if (spec.firmware() != null) {
      config.setFirmware(spec.firmware());
    }
    FolderScenario.Spec scenario =
        new FolderScenario.Spec(
                board, releases, spec.repo(), config.build(), null, null, null, false)
            .validate();
    OtaInvariants invariants = invariants(previous, candidateTag, previousTree, candidateTree, app);

    GateReport.Builder report =
        GateReport.builder(spec.repo(), previous, candidate, candidateTag, spec);
    Check update = update(scenario, invariants, candidateTag, previous);
    report.check(update);
    if (spec.lint()) {
      report.check(lint(candidateTree, app));
    }
    sweep(report, "power-cut sweep", new Injection.PowerCut(), scenario, invariants, update);
    sweep(
        report,
        "network-fault sweep",
        Injection.NetworkFaults.standard(),
        scenario,
        invariants,
        update);
    return report.build();
  }

  private static void requireApp(Path tree, String tag, String app) {
    if (!Files.isDirectory(tree.resolve(app))) {
      throw new IllegalArgumentException(
          "the tree of "
              + tag
              + " has no "
              + app
              + "/ folder; the gate publishes the app the updater installs from there. Pass"
              + " --app-dir with the folder that holds your app");
    }
  }

  private Path layBoard(Path previousTree, String previous, String app, Path board)
      throws IOException {
    Path host = Path.of(spec.board());
    Path from;
    if (host.isAbsolute()) {
      from = host;
    } else if (spec.board().equals(".")) {
      from = previousTree;
    } else {
      from = previousTree.resolve(spec.board()).normalize();
    }
    if (!Files.isDirectory(from)) {
      throw new IllegalArgumentException(
          "the tree of "
              + previous
              + " has no "
              + spec.board()
              + "/ folder; the gate flashes it onto the board (main.py and your updater, as the"
              + " boards in the field have them). Commit it there, or pass --board with the folder"
              + " that holds them (--board . for the repository's top-level files)");
    }
    Files.createDirectories(board);
    for (HostInput.Entry e : HostInput.of("--board", from).entries()) {
      // --board . takes only the repository's top-level files
      if (from.equals(previousTree) && e.path().contains("/")) {
        continue;
      }
      Path target = board.resolve(e.path());
      if (e.isFolder()) {
        if (!from.equals(previousTree)) {
          Files.createDirectories(target);
        }
      } else {
        Files.write(target, e.bytes());
      }
    }
    if (!Files.isRegularFile(board.resolve("main.py"))) {
      throw new IllegalArgumentException(
          (from.equals(previousTree) ? "the top level" : spec.board() + "/")
              + " of "
              + previous
              + " has no main.py, so the board would never start your updater; put main.py and"
              + " your updater there, or pass --board with the folder that holds them");
    }
    // the previous release installed: its app, and the version file naming it
    copyTree(previousTree.resolve(app), board.resolve(app));
    Path version = board.resolve(spec.versionFile().replaceFirst("^/+", ""));
    if (!Files.exists(version)) {
      Files.createDirectories(version.getParent());
      Files.writeString(version, previous);
    }
    return board;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (HostInput.Entry e : HostInput.of("the release tree", from).entries()) {
      Path target = to.resolve(e.path());
      if (e.isFolder()) {
        Files.createDirectories(target);
      } else {
        Files.write(target, e.bytes());
      }
    }
  }

  private OtaInvariants invariants(
      String previous, String candidate, Path previousTree, Path candidateTree, String app) {
    return OtaInvariants.builder()
        .setAppDir("/" + app)
        .setVersionFile("/" + spec.versionFile().replaceFirst("^/+", ""))
        .setOldVersion(previous)
        .setNewVersion(candidate)
        .release(previous, files(previousTree.resolve(app)))
        .release(candidate, files(candidateTree.resolve(app)))
        .ignoreInApp(spec.ignoreInApp().toArray(String[]::new))
        .build();
  }

  private static Map<String, byte[]> files(Path root) {
    return new TreeMap<>(HostInput.of("the release tree", root).files());
  }

  private Check update(
      FolderScenario.Spec scenario, OtaInvariants invariants, String candidate, String previous) {
    String name = "update installs " + previous + " -> " + candidate;
    progress.accept(name);
    long t0 = System.nanoTime();
    try (FolderScenario s = FolderScenario.create(scenario)) {
      Device d = s.device();
      List<BootResult> run = d.runUntilSettled();
      List<String> problems =
          new ArrayList<>(invariants.violations(d, run, MAX_BOOTS, Long.MAX_VALUE, false));
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
            "settled running " + candidate + " after " + run.size() + " boots",
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

  private Check lint(Path candidateTree, String app) throws IOException {
    String name = "lint " + app + "/";
    progress.accept(name);
    long t0 = System.nanoTime();
    LintOptions options =
        spec.firmware() == null
            ? LintOptions.defaults()
            : LintOptions.defaults().withFirmware(spec.firmware());
    Path root = candidateTree.resolve(app);
    List<Finding> findings = Linter.lint(root, options);
    int files = Linter.pythonFiles(root).size();
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
              + files
              + (files == 1 ? " file" : " files")
              + ", "
              + warnings
              + " warnings",
          "",
          millis);
    }
    return new Check(
        name,
        Check.Status.FAILED,
        errors.size() + " errors the board rejects, first: " + errors.get(0),
        String.join("\n", errors) + "\n",
        millis);
  }

  private void sweep(
      GateReport.Builder report,
      String name,
      Injection injection,
      FolderScenario.Spec scenario,
      OtaInvariants invariants,
      Check update) {
    if (update.failed()) {
      report.check(
          new Check(name, Check.Status.SKIPPED, "skipped: the update itself fails", "", 0));
      return;
    }
    String shard =
        spec.shardCount() == 1
            ? ""
            : " (shard " + spec.shardIndex() + "/" + spec.shardCount() + ")";
    progress.accept(name + shard);
    long t0 = System.nanoTime();
    SweepReport sweep;
    try {
      sweep =
          PowerCutSweep.builder(() -> FolderScenario.create(scenario), invariants)
              .setName(spec.repo())
              .setInjection(injection)
              .setThreads(spec.threads())
              .setShard(spec.shardIndex(), spec.shardCount())
              .build()
              .run();
    } catch (IllegalStateException e) {
      report.check(
          new Check(
              name + shard,
              Check.Status.FAILED,
              e.getMessage(),
              "",
              (System.nanoTime() - t0) / 1_000_000));
      return;
    }
    report.sweep(name, sweep);
    Map<Verdict, Long> c = sweep.counts();
    String counts =
        sweep.cuts().size()
            + " points: "
            + c.get(Verdict.RECOVERED_NEW)
            + " recovered new, "
            + c.get(Verdict.RECOVERED_OLD)
            + " recovered old, "
            + c.get(Verdict.BRICKED)
            + " bricked";
    if (!sweep.cleanViolations().isEmpty()) {
      report.check(
          new Check(
              name + shard,
              Check.Status.FAILED,
              "the update fails without a fault: " + String.join("; ", sweep.cleanViolations()),
              "",
              sweep.millis()));
      return;
    }
    report.check(
        new Check(
            name + shard,
            sweep.passed() ? Check.Status.PASSED : Check.Status.FAILED,
            sweep.passed() ? counts : "bricks at " + c.get(Verdict.BRICKED) + " of " + counts,
            "",
            sweep.millis()));
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
