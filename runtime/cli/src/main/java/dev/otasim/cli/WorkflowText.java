package dev.otasim.cli;

/**
 * Text a device or a repository chose, made safe for a CI log: GitHub's runner reads any line of a
 * step's output that starts with {@code ::} as a workflow command ({@code ::error file=…}, {@code
 * ::stop-commands::}, {@code ::add-mask::}), so such text is escaped as GitHub's actions toolkit
 * escapes a command's data, and never starts a line of its own.
 */
final class WorkflowText {
  private WorkflowText() {}

  /**
   * A command's data as the toolkit escapes it: {@code %} as {@code %25}, carriage return as {@code
   * %0D}, line feed as {@code %0A}. The text then holds no line break, so it stays on the line the
   * caller starts with words of its own.
   */
  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A command's property value: as {@link #data}, and {@code :} and {@code ,} too. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }

  /**
   * One line of output that carries device text: escaped as {@link #data}, and a line that would
   * still start with {@code ::} or GitHub's older {@code ##[} (the runner strips leading blanks
   * first) gets a {@code >} in front.
   */
  static String line(String s) {
    String escaped = data(s);
    String start = escaped.stripLeading();
    return start.startsWith("::") || start.startsWith("##[") ? "> " + escaped : escaped;
  }

  /**
   * A message of the command line's own that may quote device or repository text (a file name with
   * a line break, a tag): its lines stay lines, a carriage return is escaped, and a line that would
   * start a workflow command gets a {@code >} in front. The first line starts with the caller's own
   * words.
   */
  static String message(String s) {
    StringBuilder out = new StringBuilder();
    for (String l : s.replace("\r", "%0D").split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      String start = l.stripLeading();
      out.append(start.startsWith("::") || start.startsWith("##[") ? "> " + l : l);
    }
    return out.toString();
  }
}
