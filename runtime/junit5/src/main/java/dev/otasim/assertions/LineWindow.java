package dev.otasim.assertions;

import java.util.List;

/**
 * What a line assertion's failure shows instead of every line: a few numbered lines around the one
 * that matters, and the actual line closest to an expected one.
 *
 * <p>Closeness is a simple, stable measure: two lines are {@code 2·c / (a + b)} alike, where {@code
 * c} is the length of their longest common subsequence of characters and {@code a}, {@code b} their
 * lengths (1 for equal lines, 0 for lines with no character in common in order). The closest line
 * is the most alike; of equally alike lines, the first.
 */
final class LineWindow {
  /** Lines shown on each side of the one that matters. */
  static final int CONTEXT = 2;

  private LineWindow() {}

  /**
   * Lines {@code at - CONTEXT .. at + CONTEXT} (0-based {@code at}), each with its 1-based number,
   * the line at {@code at} marked with {@code >}.
   */
  static String around(List<String> lines, int at) {
    int from = Math.max(0, at - CONTEXT);
    int to = Math.min(lines.size(), at + CONTEXT + 1);
    int width = Integer.toString(to).length();
    StringBuilder b = new StringBuilder();
    for (int i = from; i < to; i++) {
      if (b.length() > 0) {
        b.append(System.lineSeparator());
      }
      b.append(i == at ? "  > " : "    ")
          .append(String.format("%" + width + "d", i + 1))
          .append("  ")
          .append(lines.get(i));
    }
    return b.toString();
  }

  /** The index of the line in {@code lines[from..]} most alike {@code wanted}, or -1 if none. */
  static int closest(List<String> lines, int from, String wanted) {
    int best = -1;
    double bestScore = -1;
    for (int i = from; i < lines.size(); i++) {
      double score = similarity(lines.get(i), wanted);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  }

  /** {@code 2·c / (a + b)}: see the class comment. */
  static double similarity(String a, String b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    int[] row = new int[b.length() + 1];
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = 0;
      for (int j = 1; j <= b.length(); j++) {
        int up = row[j];
        row[j] = a.charAt(i - 1) == b.charAt(j - 1) ? diagonal + 1 : Math.max(up, row[j - 1]);
        diagonal = up;
      }
    }
    return 2.0 * row[b.length()] / (a.length() + b.length());
  }

  /** The similarity as a whole percentage, rounded down ("93% alike"). */
  static int percent(String a, String b) {
    return (int) Math.floor(similarity(a, b) * 100);
  }
}
