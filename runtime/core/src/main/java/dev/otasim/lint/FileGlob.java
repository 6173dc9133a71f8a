package dev.otasim.lint;

import java.util.regex.Pattern;

/**
 * A file pattern of {@code per-file-ignores}, matched as ruff matches its own: against the file's
 * path relative to the folder of the configuration file, and against the file's name alone. {@code
 * *} and {@code **} match any characters, {@code /} included; {@code ?} one character; {@code
 * [abc]}, {@code [!abc]} one of (or none of) a set; {@code {a,b}} either alternative. A leading
 * {@code !} negates the pattern: the rules are ignored in every file that does not match.
 */
final class FileGlob {
  private final String text;
  private final boolean negated;
  private final Pattern pattern;

  private FileGlob(String text, boolean negated, Pattern pattern) {
    this.text = text;
    this.negated = negated;
    this.pattern = pattern;
  }

  /**
   * @throws IllegalArgumentException for an unclosed {@code [} or <code>{</code>
   */
  static FileGlob parse(String text) {
    boolean negated = text.startsWith("!");
    String glob = negated ? text.substring(1) : text;
    while (glob.startsWith("./")) {
      glob = glob.substring(2);
    }
    return new FileGlob(text, negated, Pattern.compile(regex(glob), Pattern.DOTALL));
  }

  /**
   * Whether the pattern applies to a file.
   *
   * @param relative the file's {@code /}-separated path under the configuration's folder, or {@code
   *     null} if it is not under it
   * @param name the file's name
   */
  boolean appliesTo(String relative, String name) {
    boolean matches =
        (relative != null && pattern.matcher(relative).matches())
            || pattern.matcher(name).matches();
    return matches != negated;
  }

  @Override
  public String toString() {
    return text;
  }

  private static String regex(String glob) {
    StringBuilder re = new StringBuilder();
    int alternatives = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          if (glob.startsWith("**/", i)) {
            re.append("(?:.*/)?"); // zero or more folders
            i += 2;
          } else {
            re.append(".*");
            while (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
              i++;
            }
          }
        }
        case '?' -> re.append('.');
        case '[' -> {
          int end = glob.indexOf(']', i + 2);
          if (end < 0) {
            throw new IllegalArgumentException(
                "the pattern '" + glob + "' has a '[' without its ']'");
          }
          String set = glob.substring(i + 1, end);
          boolean not = set.startsWith("!") || set.startsWith("^");
          re.append(not ? "[^" : "[");
          for (char s : (not ? set.substring(1) : set).toCharArray()) {
            // a range's '-' stays; any other punctuation is escaped inside the class
            re.append(s == '-' || Character.isLetterOrDigit(s) ? String.valueOf(s) : "\\" + s);
          }
          re.append(']');
          i = end;
        }
        case '{' -> {
          re.append("(?:");
          alternatives++;
        }
        case '}' -> {
          if (alternatives == 0) {
            re.append("\\}");
          } else {
            re.append(')');
            alternatives--;
          }
        }
        case ',' -> re.append(alternatives > 0 ? "|" : ",");
        case '\\' -> {
          if (i + 1 < glob.length()) {
            re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (alternatives > 0) {
      throw new IllegalArgumentException("the pattern '" + glob + "' has a '{' without its '}'");
    }
    return re.toString();
  }
}
