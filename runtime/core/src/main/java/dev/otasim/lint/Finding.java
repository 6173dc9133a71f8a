package dev.otasim.lint;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One place where device code works on GraalPy but fails or differs on the ESP32.
 *
 * @param path the file, as the user named it (or under the folder they named)
 * @param line 1-based line
 * @param col 1-based column, in characters
 * @param ruleId the rule, such as {@code missing-name}; {@code # otasim: ignore[missing-name]} on
 *     the line silences it
 * @param severity error (fails on the board) or warning (may differ)
 * @param message what the problem is and how to fix it, on one line
 */
public record Finding(
    Path path, int line, int col, String ruleId, Severity severity, String message) {
  /** Path, then line, then column: the order a compiler prints in. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing((Finding f) -> f.path().toString())
          .thenComparingInt(Finding::line)
          .thenComparingInt(Finding::col)
          .thenComparing(Finding::ruleId);

  public Finding {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code path:line:col: error[rule-id] message}, as compilers print. */
  @Override
  public String toString() {
    return path + ":" + line + ":" + col + ": " + severity.label() + "[" + ruleId + "] " + message;
  }
}
