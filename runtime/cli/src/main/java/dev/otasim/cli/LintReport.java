package dev.otasim.cli;

import dev.otasim.lint.Finding;
import dev.otasim.lint.Linter;
import dev.otasim.report.Count;
import dev.otasim.report.JsonString;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How {@code otasim lint} prints its findings: {@code text} (compiler lines and a summary), {@code
 * json}, {@code sarif} (SARIF 2.1.0, for code scanning) or {@code github} (workflow commands that
 * annotate the lines of a pull request).
 */
final class LintReport {
  private LintReport() {}

  static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  /**
   * {@code path:line:col: error[rule] message} per finding, then {@code N errors, M warnings in K
   * files}.
   */
  static String text(List<Finding> findings, int files) {
    StringBuilder b = new StringBuilder();
    findings.forEach(f -> b.append(f).append('\n'));
    return b.append(summary(findings, files)).append('\n').toString();
  }

  static String summary(List<Finding> findings, int files) {
    long errors = findings.stream().filter(Finding::isError).count();
    long warnings = findings.size() - errors;
    return Count.of(errors, "error")
        + ", "
        + Count.of(warnings, "warning")
        + " in "
        + Count.of(files, "file");
  }

  /** One JSON object: the findings, the counts of errors and warnings, the files read. */
  static String json(List<Finding> findings, int files) {
    long errors = findings.stream().filter(Finding::isError).count();
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
        .append(findings.size() - errors)
        .append(",\"files\":")
        .append(files)
        .append("}\n")
        .toString();
  }

  /**
   * A SARIF 2.1.0 log with one run: the rules that found something (id, description, help) and a
   * result per finding. Columns count Unicode code points, as lint reports them.
   */
  static String sarif(
      List<Finding> findings, Map<String, String> ruleHelp, String version, Path workingDir) {
    Path root = repositoryRoot(workingDir);
    List<String> ids = List.copyOf(new TreeSet<>(findings.stream().map(Finding::ruleId).toList()));
    StringBuilder b = new StringBuilder();
    b.append("{\n  \"$schema\": ").append(JsonString.quote(SARIF_SCHEMA)).append(",\n");
    b.append("  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n");
    b.append("      \"tool\": {\n        \"driver\": {\n");
    b.append("          \"name\": \"otasim lint\",\n");
    b.append("          \"version\": ").append(JsonString.quote(version)).append(",\n");
    b.append("          \"informationUri\": ").append(JsonString.quote(Linter.HOME)).append(",\n");
    b.append("          \"rules\": [");
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      String description = ruleHelp.getOrDefault(id, id);
      String help =
          description
              + " Silence one line with '# otasim: ignore["
              + id
              + "]'. Documentation: "
              + helpUri(version, id);
      b.append(i == 0 ? "\n" : ",\n");
      b.append("            {\n");
      b.append("              \"id\": ").append(JsonString.quote(id)).append(",\n");
      b.append("              \"shortDescription\": { \"text\": ")
          .append(JsonString.quote(description))
          .append(" },\n");
      b.append("              \"helpUri\": ")
          .append(JsonString.quote(helpUri(version, id)))
          .append(",\n");
      b.append("              \"help\": { \"text\": ")
          .append(JsonString.quote(help))
          .append(" }\n");
      b.append("            }");
    }
    b.append(ids.isEmpty() ? "]\n" : "\n          ]\n");
    b.append("        }\n      },\n");
    b.append("      \"originalUriBaseIds\": {\n");
    b.append("        \"%SRCROOT%\": { \"uri\": ")
        .append(JsonString.quote(root.toUri().toString()))
        .append(" }\n      },\n");
    b.append("      \"columnKind\": \"unicodeCodePoints\",\n");
    b.append("      \"results\": [");
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      b.append(i == 0 ? "\n" : ",\n");
      b.append("        {\n");
      b.append("          \"ruleId\": ").append(JsonString.quote(f.ruleId())).append(",\n");
      b.append("          \"ruleIndex\": ").append(ids.indexOf(f.ruleId())).append(",\n");
      b.append("          \"level\": ")
          .append(JsonString.quote(f.severity().label()))
          .append(",\n");
      b.append("          \"message\": { \"text\": ")
          .append(JsonString.quote(f.message()))
          .append(" },\n");
      b.append("          \"locations\": [\n            {\n");
      b.append("              \"physicalLocation\": {\n");
      b.append("                \"artifactLocation\": ")
          .append(artifactLocation(workingDir.resolve(f.path()).normalize(), root))
          .append(",\n");
      b.append("                \"region\": { \"startLine\": ")
          .append(f.line())
          .append(", \"startColumn\": ")
          .append(f.col())
          .append(" }\n");
      b.append("              }\n            }\n          ]\n        }");
    }
    b.append(findings.isEmpty() ? "]\n" : "\n      ]\n");
    return b.append("    }\n  ]\n}\n").toString();
  }

  /** A rule's section of docs/lint.md, as the version that reports it has it. */
  static String helpUri(String version, String rule) {
    return Linter.docsAt(version) + "#" + rule;
  }

  /**
   * The repository the working folder is in (the nearest folder with {@code .git}), or the working
   * folder itself: SARIF's {@code %SRCROOT%}, which code scanning resolves to the checkout.
   */
  static Path repositoryRoot(Path workingDir) {
    Path abs = workingDir.toAbsolutePath().normalize();
    for (Path p = abs; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
        return p;
      }
    }
    return abs;
  }

  /**
   * A file under the root as a URI relative to {@code %SRCROOT%}; one outside it (lint was asked
   * about a file elsewhere) as a file URI.
   */
  static String artifactLocation(Path file, Path root) {
    if (file.startsWith(root)) {
      return "{ \"uri\": "
          + JsonString.quote(uri(root.relativize(file)))
          + ", \"uriBaseId\": \"%SRCROOT%\" }";
    }
    return "{ \"uri\": " + JsonString.quote(uri(file)) + " }";
  }

  /** A relative path as a relative URI reference ({@code lib/my%20file.py}); else a file URI. */
  static String uri(Path path) {
    if (path.isAbsolute()) {
      return path.toUri().toString();
    }
    String slashed = path.toString().replace('\\', '/');
    try {
      return new URI(null, null, slashed, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("path " + path + " is not a URI path", e);
    }
  }

  /**
   * GitHub Actions workflow commands, {@code ::error file=…,line=…,col=…,title=…::message}, one per
   * finding, then the summary line.
   */
  static String github(List<Finding> findings, int files) {
    StringBuilder b = new StringBuilder();
    for (Finding f : findings) {
      b.append("::")
          .append(f.severity().label())
          .append(" file=")
          .append(property(f.path().toString().replace('\\', '/')))
          .append(",line=")
          .append(f.line())
          .append(",col=")
          .append(f.col())
          .append(",title=")
          .append(property("otasim lint " + f.ruleId()))
          .append("::")
          .append(data(f.message()))
          .append('\n');
    }
    return b.append(summary(findings, files)).append('\n').toString();
  }

  // The escapes of the runner's workflow commands (actions/toolkit, command.ts).
  private static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
