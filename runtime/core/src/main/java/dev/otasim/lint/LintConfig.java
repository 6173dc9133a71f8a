package dev.otasim.lint;

import dev.otasim.stubs.Firmware;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code [tool.otasim.lint]} table of a {@code pyproject.toml}, checked: the same keys, shapes
 * and file patterns as ruff's {@code [tool.ruff.lint]}.
 *
 * <pre>
 * [tool.otasim.lint]
 * firmware = "1.22"
 * select = ["ALL"]
 * extend-select = []
 * ignore = ["dict-order"]
 * per-file-ignores = { "tests/**" = ["missing-module"], "!src/**" = ["ALL"] }
 * </pre>
 *
 * @param file the pyproject.toml it came from
 * @param firmware the board's firmware, or {@code null} for the default (or {@code --firmware})
 * @param selection its select, extend-select and ignore
 * @param perFileIgnores rules not to run in the files a pattern matches, relative to the file's
 *     folder
 */
public record LintConfig(
    Path file,
    Firmware firmware,
    RuleSelection.Layer selection,
    List<PerFileIgnore> perFileIgnores) {
  /** The keys {@code [tool.otasim.lint]} may have. */
  public static final List<String> KEYS =
      List.of("firmware", "select", "extend-select", "ignore", "per-file-ignores");

  /** Where the keys and the rules are explained, for error messages. */
  static final String CONFIG_DOC = Linter.DOCS + "#configuration";

  /** Rules not to run in the files one pattern matches. */
  public record PerFileIgnore(String pattern, List<String> rules) {
    public PerFileIgnore {
      Objects.requireNonNull(pattern, "pattern");
      rules = List.copyOf(rules);
    }
  }

  public LintConfig {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(selection, "selection");
    perFileIgnores = List.copyOf(perFileIgnores);
  }

  /**
   * Checks a parsed {@code [tool.otasim.lint]} table (TOML values as Java maps, lists and strings).
   *
   * @param rules every rule id lint has
   * @throws IllegalArgumentException naming the file, the key and the fix, for an unknown key or
   *     rule, a value of the wrong shape, a firmware otasim has no profile for or a bad pattern
   */
  public static LintConfig fromTable(Path file, Map<String, ?> table, Set<String> rules) {
    for (String key : table.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            where(file)
                + " has no key '"
                + key
                + "'"
                + suggestion(key, KEYS)
                + "; the keys are "
                + String.join(", ", KEYS)
                + " (see "
                + CONFIG_DOC
                + ")");
      }
    }
    Firmware firmware = null;
    Object fw = table.get("firmware");
    if (fw != null) {
      if (!(fw instanceof String text)) {
        throw new IllegalArgumentException(
            where(file) + " firmware must be a string, such as firmware = \"1.22\"");
      }
      try {
        firmware = Firmware.parse(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where(file) + " firmware: " + e.getMessage(), e);
      }
    }
    List<String> select = table.containsKey("select") ? ids(file, "select", table, rules) : null;
    RuleSelection.Layer layer =
        new RuleSelection.Layer(
            select, ids(file, "extend-select", table, rules), ids(file, "ignore", table, rules));
    List<PerFileIgnore> perFile = new ArrayList<>();
    Object pfi = table.get("per-file-ignores");
    if (pfi != null) {
      if (!(pfi instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException(
            where(file)
                + " per-file-ignores must be a table of file patterns to rule lists, such as"
                + " per-file-ignores = { \"tests/**\" = [\"missing-module\"] }");
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String pattern = String.valueOf(e.getKey());
        try {
          FileGlob.parse(pattern);
        } catch (IllegalArgumentException bad) {
          throw new IllegalArgumentException(
              where(file) + " per-file-ignores: " + bad.getMessage(), bad);
        }
        perFile.add(
            new PerFileIgnore(
                pattern,
                ruleList(file, "per-file-ignores \"" + pattern + "\"", e.getValue(), rules)));
      }
    }
    return new LintConfig(file, firmware, layer, perFile);
  }

  /**
   * Whether {@code per-file-ignores} turns the rule off in this file.
   *
   * @param path the file, absolute or relative to the working folder
   */
  public boolean ignoredIn(Path path, String rule) {
    if (perFileIgnores.isEmpty()) {
      return false;
    }
    Path abs = path.toAbsolutePath().normalize();
    Path folder = file.toAbsolutePath().normalize().getParent();
    String relative =
        folder != null && abs.startsWith(folder)
            ? folder.relativize(abs).toString().replace('\\', '/')
            : null;
    String name = abs.getFileName().toString();
    for (PerFileIgnore p : perFileIgnores) {
      boolean names = p.rules().contains(rule) || p.rules().contains(RuleSelection.ALL);
      if (names && FileGlob.parse(p.pattern()).appliesTo(relative, name)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> ids(Path file, String key, Map<String, ?> table, Set<String> rules) {
    Object value = table.get(key);
    return value == null ? List.of() : ruleList(file, key, value, rules);
  }

  /**
   * A list of rule ids (or {@code ALL}) from a configuration value.
   *
   * @param key where the list was, for the message
   */
  public static List<String> ruleList(Path file, String key, Object value, Set<String> rules) {
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(
          where(file) + " " + key + " must be a list of rule ids, such as [\"step-slice\"]");
    }
    List<String> ids = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String id)) {
        throw new IllegalArgumentException(
            where(file) + " " + key + " must hold rule ids as strings, such as [\"step-slice\"]");
      }
      checkRule(where(file) + " " + key, id, rules);
      ids.add(id);
    }
    return ids;
  }

  /**
   * @throws IllegalArgumentException if {@code id} is neither a rule nor {@code ALL}, naming the
   *     closest rule and where the rules are listed
   */
  public static void checkRule(String where, String id, Set<String> rules) {
    if (!id.equals(RuleSelection.ALL) && !rules.contains(id)) {
      throw new IllegalArgumentException(
          where
              + ": no rule '"
              + id
              + "'"
              + suggestion(id, rules)
              + "; the rules are listed in "
              + Linter.DOCS
              + " (or use ALL)");
    }
  }

  private static String where(Path file) {
    return file + ": [tool.otasim.lint]";
  }

  /** " (did you mean 'x'?)" for a close enough name, else nothing. */
  private static String suggestion(String text, Iterable<String> names) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : names) {
      int d = distance(text, name);
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, text.length() / 3)
        ? " (did you mean '" + best + "'?)"
        : "";
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int up = row[j];
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + cost);
        diagonal = up;
      }
    }
    return row[b.length()];
  }
}
