package dev.otasim.cli;

import dev.otasim.lint.Finding;
import dev.otasim.lint.LintConfig;
import dev.otasim.lint.LintConfigFiles;
import dev.otasim.lint.LintOptions;
import dev.otasim.lint.Linter;
import dev.otasim.lint.RuleSelection;
import dev.otasim.stubs.Firmware;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code otasim lint}: reports code that runs in the simulator but fails or differs on the board
 * (DESIGN §4, spec/micropython-esp32.md §16). Exit 0 clean, 1 findings (errors, or with {@code
 * --strict} any), 2 usage. From the command line it runs in a per-user lint daemon that keeps a
 * warm GraalPy context ({@link LintClient}, {@link LintDaemon}), or in this process.
 */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = {
      "Reports MicroPython code that works on GraalPy but fails or differs on an ESP32, as"
          + " path:line:col. Silence one line with '# otasim: ignore[rule-id]'.",
      "",
      "Configured like ruff: [tool.otasim.lint] in the nearest pyproject.toml (firmware, select,"
          + " extend-select, ignore, per-file-ignores); --explain RULE prints a rule's"
          + " documentation.",
      "",
      "Runs in a lint daemon of your own (a warm engine on a private unix socket, started on first"
          + " use, gone after "
          + LintClient.IDLE_MINUTES
          + " idle minutes) so that a pre-commit hook"
          + " answers in about a second; --no-daemon or OTASIM_LINT_DAEMON=off lint in this"
          + " process (always so when CI is set)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no errors (with --strict: no findings at all)",
      "1:findings: an error (with --strict: any warning), including a file the board cannot"
          + " parse",
      "2:usage: an unknown option or rule, a bad --firmware, a path that does not exist, a"
          + " pyproject.toml that is not valid or has an unknown key"
    })
final class LintCommand implements Callable<Integer> {
  enum Format {
    text,
    json,
    sarif,
    github
  }

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description = "Python files, or folders searched for *.py recursively.")
  List<Path> paths = new ArrayList<>();

  @Mixin SharedOptions.FirmwareOption firmwareOption;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "text (default: path:line:col lines and a summary), json, sarif (SARIF 2.1.0 for code"
              + " scanning) or github (::error workflow commands that annotate a pull request);"
              + " --output-format, ruff's name for it, works too.")
  Format format = Format.text;

  /** {@code --output-format}: ruff's name for {@code --format}, which a ruff user types first. */
  @Option(names = "--output-format", hidden = true, paramLabel = "FORMAT")
  void outputFormat(Format value) {
    format = value;
  }

  @Option(names = "--strict", description = "Fail (exit 1) on warnings too.")
  boolean strict;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The pyproject.toml whose [tool.otasim.lint] applies to every file (default: the"
              + " nearest pyproject.toml above each file that has that table).")
  Path config;

  @Option(
      names = "--select",
      split = ",",
      paramLabel = "RULE",
      description = "Run only these rules (ids separated by commas, or ALL), instead of select.")
  List<String> select;

  @Option(
      names = "--extend-select",
      split = ",",
      paramLabel = "RULE",
      description = "Run these rules as well.")
  List<String> extendSelect = new ArrayList<>();

  @Option(
      names = "--ignore",
      split = ",",
      paramLabel = "RULE",
      description = "Do not run these rules.")
  List<String> ignore = new ArrayList<>();

  @Option(
      names = "--explain",
      paramLabel = "RULE",
      description = "Print what a rule finds, why the board differs and how to fix it, and exit.")
  String explain;

  @Option(
      names = "--no-daemon",
      description = "Lint in this process; do not use or start the lint daemon.")
  boolean noDaemon;

  @Option(names = "--stop-daemon", description = "Stop your lint daemon, if one runs, and exit.")
  boolean stopDaemon;

  /**
   * The folder relative paths are resolved against, when it is not this process's (the daemon lints
   * for a client in another folder); findings keep the paths as the user named them.
   */
  Path workingDir;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (stopDaemon) {
      out.println(
          LintClient.stop()
              ? "otasim: stopped your lint daemon"
              : "otasim: no lint daemon of yours was running");
      out.flush();
      return 0;
    }
    if (explain != null) {
      out.print(Linter.explain(explain));
      out.flush();
      return 0;
    }
    if (paths.isEmpty()) {
      throw new OtaSimCommand.UsageException(
          "name the .py files or folders to lint, such as: otasim lint python-src/");
    }
    Firmware cliFirmware = firmwareOption.firmware();
    boolean firmwareGiven = spec.commandLine().getParseResult().hasMatchedOption("--firmware");
    Set<String> rules = Linter.rules().keySet();
    RuleSelection.Layer cli = commandLineLayer(rules);
    LintConfigFiles configs =
        new LintConfigFiles(config == null ? null : base().resolve(config).normalize());
    List<Path> resolved = new ArrayList<>();
    int files = 0;
    for (Path p : paths) {
      Path r = workingDir == null ? p : workingDir.resolve(p);
      if (!Files.exists(r)) {
        throw new OtaSimCommand.UsageException(
            "no such file or folder: " + p + " (name .py files or folders that hold them)");
      }
      resolved.add(r);
      files += Linter.pythonFiles(r).size();
    }
    List<Finding> all =
        Linter.lint(
            resolved,
            file -> {
              Optional<LintConfig> c = configs.forFile(base().resolve(file));
              Firmware fw = c.map(LintConfig::firmware).orElse(null);
              return new LintOptions(firmwareGiven || fw == null ? cliFirmware : fw);
            });
    List<Finding> kept = configs.kept(all, f -> base().resolve(f), rules, cli);
    List<Finding> findings = shown(kept, resolved);
    out.print(
        switch (format) {
          case text -> LintReport.text(findings, files);
          case json -> LintReport.json(findings, files);
          case sarif -> LintReport.sarif(findings, Linter.rules(), version(), base());
          case github -> LintReport.github(findings, files);
        });
    out.flush();
    boolean errors = findings.stream().anyMatch(Finding::isError);
    return errors || (strict && !findings.isEmpty()) ? OtaSimCommand.EXIT_FAILED : 0;
  }

  /** Findings under the paths as the user named them (the daemon resolved them first). */
  private List<Finding> shown(List<Finding> findings, List<Path> resolved) {
    if (workingDir == null) {
      return findings;
    }
    List<Finding> shown = new ArrayList<>();
    for (Finding f : findings) {
      Path path = f.path();
      for (int i = 0; i < resolved.size(); i++) {
        if (f.path().startsWith(resolved.get(i))) {
          path = paths.get(i).resolve(resolved.get(i).relativize(f.path()));
          break;
        }
      }
      shown.add(new Finding(path, f.line(), f.col(), f.ruleId(), f.severity(), f.message()));
    }
    return shown;
  }

  /** The folder relative paths are resolved against. */
  private Path base() {
    return workingDir != null ? workingDir : Path.of("").toAbsolutePath();
  }

  /** --select, --extend-select and --ignore, checked: a layer on top of the configuration's. */
  private RuleSelection.Layer commandLineLayer(Set<String> rules) {
    check("--select", select, rules);
    check("--extend-select", extendSelect, rules);
    check("--ignore", ignore, rules);
    return new RuleSelection.Layer(select, extendSelect, ignore);
  }

  private static void check(String option, List<String> ids, Set<String> rules) {
    if (ids != null) {
      for (String id : ids) {
        LintConfig.checkRule(option, id, rules);
      }
    }
  }

  private static String version() {
    // the version whose documentation the report's links point at (Linter.DOCS)
    return Linter.VERSION;
  }
}
