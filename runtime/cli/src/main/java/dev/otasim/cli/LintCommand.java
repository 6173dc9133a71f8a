package dev.otasim.cli;

import dev.otasim.lint.Finding;
import dev.otasim.lint.LintOptions;
import dev.otasim.lint.Linter;
import dev.otasim.report.JsonString;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code otasim lint}: reports code that runs in the simulator but fails or differs on the board
 * (DESIGN §4, spec/micropython-esp32.md §16). Exit 1 if any error (or, with {@code --strict}, any
 * warning), 2 for a path that does not exist.
 */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description =
        "Reports MicroPython code that works on GraalPy but fails or differs on an ESP32, as"
            + " path:line:col. Silence one line with '# otasim: ignore[rule-id]'.")
final class LintCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "Python files, or folders searched for *.py recursively.")
  List<Path> paths;

  @Mixin SharedOptions.FirmwareOption firmwareOption;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
  Format format = Format.text;

  @Option(names = "--strict", description = "Fail (exit 1) on warnings too.")
  boolean strict;

  @Override
  public Integer call() throws IOException {
    LintOptions options = new LintOptions(firmwareOption.firmware());
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new OtaSimCommand.UsageException(
            "no such file or folder: " + p + " (name .py files or folders that hold them)");
      }
      files.addAll(Linter.pythonFiles(p));
    }
    List<Finding> findings = Linter.lint(paths, options);
    long errors = findings.stream().filter(Finding::isError).count();
    long warnings = findings.size() - errors;
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      out.println(json(findings, errors, warnings, files.size()));
    } else {
      findings.forEach(out::println);
      out.println(
          count(errors, "error")
              + ", "
              + count(warnings, "warning")
              + " in "
              + count(files.size(), "file"));
    }
    out.flush();
    return errors > 0 || (strict && warnings > 0) ? OtaSimCommand.EXIT_FAILED : 0;
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String json(List<Finding> findings, long errors, long warnings, int files) {
    StringBuilder b = new StringBuilder("{\"findings\":[");
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"path\":")
          .append(JsonString.quote(f.path().toString()))
          .append(",\"line\":")
          .append(f.line())
          .append(",\"col\":")
          .append(f.col())
          .append(",\"rule\":")
          .append(JsonString.quote(f.ruleId()))
          .append(",\"severity\":")
          .append(JsonString.quote(f.severity().label()))
          .append(",\"message\":")
          .append(JsonString.quote(f.message()))
          .append('}');
    }
    return b.append("],\"errors\":")
        .append(errors)
        .append(",\"warnings\":")
        .append(warnings)
        .append(",\"files\":")
        .append(files)
        .append('}')
        .toString();
  }
}
