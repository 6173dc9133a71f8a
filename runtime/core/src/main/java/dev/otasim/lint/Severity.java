package dev.otasim.lint;

import java.util.Locale;

/** How sure a finding is: the code fails on the board, or it may behave differently there. */
public enum Severity {
  /** Fails on the board whenever the line runs (or, for syntax, the whole file never runs). */
  ERROR,
  /** May differ on the board: a heuristic that cannot see the type, or a silent difference. */
  WARNING;

  /** The compiler-style label: {@code error} or {@code warning}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Severity ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
