package dev.otasim.lint;

import dev.otasim.stubs.Firmware;
import dev.otasim.stubs.host.HostInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code otasim lint}: reports MicroPython code that runs on GraalPy, and so in the simulator, but
 * fails or differs on an ESP32 — the catalogue of spec/micropython-esp32.md §16 with the module
 * tables of §1.1, §2.1, §8–§14 and §20 (DESIGN §4). Files are parsed by Python's own {@code ast} in
 * a sandboxed GraalPy context; nothing is run.
 *
 * <pre>{@code
 * List<Finding> findings = Linter.lint(Path.of("python-src"), LintOptions.defaults());
 * }</pre>
 */
public final class Linter {
  private Linter() {}

  /** A release's version: numbers only, no {@code -SNAPSHOT}. */
  private static final Pattern RELEASE = Pattern.compile("\\d+(\\.\\d+)*");

  /** The project's home page, SARIF's {@code informationUri}. */
  public static final String HOME = "https://github.com/otasim/otasim";

  /**
   * The version of otasim that lints, as the build wrote it ({@code 0.3.0}, {@code
   * 0.3.0-SNAPSHOT}), or {@code development} for classes not built by Maven.
   */
  public static final String VERSION = buildVersion();

  /**
   * The rules' documentation, one section per rule ({@code #step-slice}) and {@code
   * #configuration}: docs/lint.md as it was in the release that lints ({@link #docsAt}), which
   * {@link #explain} prints from the jar.
   */
  public static final String DOCS = docsAt(VERSION);

  /**
   * docs/lint.md as a release had it: at its tag {@code v0.3.0} for a release version, on {@code
   * main} for a snapshot or a development build (whose rules are main's, give or take a commit). A
   * rule added or renamed later is then never a broken link from an older report.
   */
  public static String docsAt(String version) {
    String ref = RELEASE.matcher(version).matches() ? "v" + version : "main";
    return HOME + "/blob/" + ref + "/docs/lint.md";
  }

  private static String buildVersion() {
    // written by Maven's resource filtering (runtime/core/src/main/resources-filtered)
    try (InputStream in = Linter.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "development";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "");
      return v.isEmpty() || v.startsWith("$") ? "development" : v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lints one {@code .py} file, or every {@code .py} file under a folder. */
  public static List<Finding> lint(Path fileOrDir, LintOptions options) throws IOException {
    return lint(List.of(fileOrDir), options);
  }

  /**
   * Lints files and folders together, sorted by path, line and column.
   *
   * @throws NoSuchFileException naming the first path that does not exist
   */
  public static List<Finding> lint(Collection<Path> paths, LintOptions options) throws IOException {
    return lint(paths, file -> options);
  }

  /**
   * Lints files and folders together, each file with its own options (the firmware of the
   * configuration file nearest to it), sorted by path, line and column.
   *
   * @throws NoSuchFileException naming the first path that does not exist
   */
  public static List<Finding> lint(Collection<Path> paths, Function<Path, LintOptions> optionsFor)
      throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      files.addAll(pythonFiles(p));
    }
    String local = String.join(",", localModules(paths, files));
    List<Finding> findings = new ArrayList<>();
    for (Path file : files) {
      String source = new String(HostInput.readFile("lint", file), StandardCharsets.UTF_8);
      Firmware firmware = optionsFor.apply(file).firmware();
      String out = Checker.check(source, file.toString(), firmware, local);
      for (String row : out.split("\n")) {
        if (!row.isEmpty()) {
          findings.add(parse(file, row));
        }
      }
    }
    findings.sort(Finding.ORDER);
    return List.copyOf(findings);
  }

  /**
   * Every rule lint has, by id ({@code step-slice}), with what it finds in one sentence (from the
   * rule's own module), sorted by id.
   */
  public static Map<String, String> rules() {
    Map<String, String> rules = new TreeMap<>();
    for (String row : Checker.rulesHelp().split("\n")) {
      String[] f = row.split("\t", 2);
      rules.put(f[0], f[1]);
    }
    return rules;
  }

  /**
   * The documentation of one rule, as docs/lint.md has it: its section from the heading to the next
   * rule's, as Markdown.
   *
   * @throws IllegalArgumentException if there is no such rule, naming the closest one
   */
  public static String explain(String rule) {
    LintConfig.checkRule("otasim lint --explain", rule, rules().keySet());
    String docs = docs();
    Matcher heading = Pattern.compile("(?m)^## `" + Pattern.quote(rule) + "`.*$").matcher(docs);
    if (!heading.find()) {
      throw new IllegalStateException("docs/lint.md has no section for rule " + rule);
    }
    int end = docs.indexOf("\n## ", heading.end());
    return docs.substring(heading.start(), end < 0 ? docs.length() : end + 1).strip() + "\n";
  }

  /** docs/lint.md, as packaged in the jar. */
  static String docs() {
    try (InputStream in = Linter.class.getResourceAsStream("lint.md")) {
      if (in == null) {
        throw new IllegalStateException("dev/otasim/lint/lint.md is missing from otasim-core");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads the rules now, so that the first lint pays no start-up (a long-lived process). */
  public static void warmUp() {
    Checker.warmUp();
  }

  /**
   * The files {@link #lint} reads for a path: the path itself if it is a file, else every {@code
   * .py} file under it (hidden folders and {@code __pycache__} skipped), sorted.
   *
   * @throws NoSuchFileException if the path does not exist
   */
  public static List<Path> pythonFiles(Path fileOrDir) throws IOException {
    if (!Files.exists(fileOrDir)) {
      throw new NoSuchFileException(fileOrDir.toString());
    }
    if (!Files.isDirectory(fileOrDir)) {
      return List.of(fileOrDir);
    }
    try (Stream<Path> walk = Files.walk(fileOrDir)) {
      // a link is not followed (HostInput): it could lead anywhere on the host
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> p.getFileName().toString().endsWith(".py"))
          .filter(p -> !skipped(fileOrDir.relativize(p)))
          .sorted()
          .toList();
    }
  }

  private static boolean skipped(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.equals("__pycache__")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Module names the user's own files provide: a {@code logging.py} of their own beside the code
   * (or in {@code lib/}) is not the missing CPython module. Every {@code .py} file and folder in
   * the named folders and beside the named files counts.
   */
  private static Set<String> localModules(Collection<Path> roots, List<Path> files)
      throws IOException {
    Set<String> names = new TreeSet<>();
    for (Path root : roots) {
      if (Files.isDirectory(root)) {
        addModules(root, Integer.MAX_VALUE, names);
      }
    }
    for (Path file : files) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        addModules(parent, 1, names);
      }
    }
    names.remove("");
    return names;
  }

  private static void addModules(Path dir, int depth, Set<String> names) throws IOException {
    try (Stream<Path> walk = Files.walk(dir, depth)) {
      walk.filter(p -> !p.equals(dir)).forEach(p -> names.add(moduleName(p)));
    }
  }

  private static String moduleName(Path p) {
    String name = p.getFileName().toString();
    if (Files.isDirectory(p)) {
      return name;
    }
    return name.endsWith(".py") ? name.substring(0, name.length() - 3) : "";
  }

  private static Finding parse(Path file, String row) {
    String[] f = row.split("\t", 5);
    return new Finding(
        file, Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2], Severity.ofLabel(f[3]), f[4]);
  }
}
