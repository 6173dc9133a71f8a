package dev.otasim.assertions;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line, with three lines of context around each change: what
 * {@code diff -u} prints, so that a golden mismatch reads like a code review. Lines are matched by
 * a longest common subsequence after the common head and tail are set aside.
 */
final class LineDiff {
  private static final int CONTEXT = 3;

  private LineDiff() {}

  /** One line of the edit script: ' ' kept, '-' only in the old text, '+' only in the new one. */
  private record Op(char kind, String line, int oldLine, int newLine) {}

  /**
   * The unified diff of {@code before} and {@code after}, headed {@code --- beforeName} and {@code
   * +++ afterName}; empty when the lines are equal.
   */
  static String unified(
      List<String> before, List<String> after, String beforeName, String afterName) {
    List<Op> ops = script(before, after);
    List<int[]> hunks = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i).kind() == ' ') {
        continue;
      }
      int from = Math.max(0, i - CONTEXT);
      int last = i;
      while (last + 1 < ops.size()) {
        int next = last + 1;
        while (next < ops.size() && ops.get(next).kind() == ' ') {
          next++;
        }
        if (next < ops.size() && next - last - 1 <= 2 * CONTEXT) {
          last = next;
        } else {
          break;
        }
      }
      int to = Math.min(ops.size(), last + CONTEXT + 1);
      hunks.add(new int[] {from, to});
      i = to - 1;
    }
    if (hunks.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(beforeName).append('\n');
    out.append("+++ ").append(afterName).append('\n');
    for (int[] h : hunks) {
      List<Op> hunk = ops.subList(h[0], h[1]);
      int oldCount = (int) hunk.stream().filter(o -> o.kind() != '+').count();
      int newCount = (int) hunk.stream().filter(o -> o.kind() != '-').count();
      out.append("@@ -")
          .append(range(hunk.get(0).oldLine(), oldCount))
          .append(" +")
          .append(range(hunk.get(0).newLine(), newCount))
          .append(" @@\n");
      for (Op o : hunk) {
        out.append(o.kind()).append(o.line()).append('\n');
      }
    }
    return out.toString();
  }

  /** diff -u's ranges: "start,count", "start" for one line, "before,0" for none. */
  private static String range(int firstLine, int count) {
    if (count == 1) {
      return Integer.toString(firstLine);
    }
    return (count == 0 ? firstLine - 1 : firstLine) + "," + count;
  }

  /**
   * The edit script, each op carrying the 1-based line numbers it would have in each text (for an
   * op missing from a text: the number of the next line there).
   */
  private static List<Op> script(List<String> a, List<String> b) {
    int head = 0;
    while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
      head++;
    }
    int tail = 0;
    while (tail < a.size() - head
        && tail < b.size() - head
        && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
      tail++;
    }
    int n = a.size() - head - tail;
    int m = b.size() - head - tail;
    // lcs[i][j]: the longest common subsequence of a's middle from i and b's middle from j
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(head + i).equals(b.get(head + j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Op> ops = new ArrayList<>();
    for (int k = 0; k < head; k++) {
      ops.add(new Op(' ', a.get(k), k + 1, k + 1));
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(head + i).equals(b.get(head + j))) {
        ops.add(new Op(' ', a.get(head + i), head + i + 1, head + j + 1));
        i++;
        j++;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.add(new Op('-', a.get(head + i), head + i + 1, head + j + 1));
        i++;
      } else {
        ops.add(new Op('+', b.get(head + j), head + i + 1, head + j + 1));
        j++;
      }
    }
    for (int k = 0; k < tail; k++) {
      int ai = a.size() - tail + k;
      int bi = b.size() - tail + k;
      ops.add(new Op(' ', a.get(ai), ai + 1, bi + 1));
    }
    return ops;
  }
}
