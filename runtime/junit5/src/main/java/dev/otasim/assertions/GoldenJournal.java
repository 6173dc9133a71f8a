package dev.otasim.assertions;

import dev.otasim.stubs.host.HostInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * Reviewed journals kept as files, like MicroPython's {@code tests/*.py.exp}: a scenario's journal
 * is compared with {@code <dir>/<name>.journal}.
 *
 * <p>The folder is {@code src/test/resources/golden} below the working directory (Maven runs tests
 * in the module folder), or the system property {@code otasim.golden.dir}. A mismatch fails with
 * opentest4j's {@link AssertionFailedError} (the golden text as expected, the journal as actual, so
 * an IDE shows the two side by side) and a unified diff in the message; the actual journal is also
 * written to {@code target/otasim-golden/<name>.journal}.
 *
 * <p>Lines that change without mattering (the sizes of otasim's own JSON, a token, a time) are
 * rewritten on both sides by {@link Scrubber}s: {@code
 * assertThat(journal).scrubbing(Scrubber.GENERATED_SIZES).matchesGolden("name")}; an approval
 * writes the scrubbed lines.
 *
 * <p>{@code -Dotasim.approve} writes the actual journal instead of comparing, for every test
 * ({@code =true}), the tests of one class ({@code =MyUpdaterTest}, the simple or the full name) or
 * one test ({@code =MyUpdaterTest#installsNewRelease}); several, comma-separated. Review the change
 * before committing it.
 */
public final class GoldenJournal {
  /** The system property that turns comparing into approving. */
  public static final String APPROVE_PROPERTY = "otasim.approve";

  /** The system property that overrides the folder of golden files. */
  public static final String DIR_PROPERTY = "otasim.golden.dir";

  private GoldenJournal() {}

  /** The golden file for a name. */
  public static Path file(String name) {
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "golden journal name (" + name + ") may use only letters, digits, '.', '_' and '-'");
    }
    return Paths.get(System.getProperty(DIR_PROPERTY, "src/test/resources/golden"))
        .resolve(name + ".journal");
  }

  /**
   * Compares a journal (its lines already scrubbed) with the golden file's lines after the same
   * scrubber, or writes it when approving.
   */
  static void check(String name, String actual, Scrubber scrubber) {
    Path file = file(name);
    List<StackWalker.StackFrame> stack =
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
            .walk(s -> s.collect(Collectors.toList()));
    try {
      if (approves(System.getProperty(APPROVE_PROPERTY, ""), stack)) {
        write(file, actual);
        System.err.println(
            "otasim: approved golden journal " + file + "; review it before committing");
        return;
      }
      String approve = APPROVE_PROPERTY + "=" + testName(stack).orElse("true");
      // through the host-input fence: a golden file that is a link (to a host file whose lines
      // would land in a CI log) is refused, not followed
      byte[] golden = HostInput.readFile("the golden folder", file, HostInput.DEFAULT_FILE_LIMIT);
      if (golden == null) {
        throw new AssertionFailedError(
            String.format(
                "%nNo golden journal at %s.%nRun the test once with -D%s to write it, then review"
                    + " it before committing.%nactual journal:%n%s",
                file, approve, JournalAssert.indent(lines(actual))));
      }
      String expected =
          JournalAssert.text(
              lines(new String(golden, StandardCharsets.UTF_8).replace("\r\n", "\n")).stream()
                  .map(scrubber::scrub)
                  .toList());
      if (!expected.equals(actual)) {
        Path copy = Paths.get("target", "otasim-golden", name + ".journal");
        write(copy, actual);
        throw new AssertionFailedError(
            String.format(
                "%nJournal does not match the golden file %s:%n%sThe actual journal is also in %s."
                    + "%nIf the change is intended, rerun with -D%s and review the golden file's"
                    + " diff before committing.",
                file,
                LineDiff.unified(lines(expected), lines(actual), file.toString(), "actual"),
                copy,
                approve),
            expected,
            actual);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write golden journal " + file, e);
    }
  }

  /**
   * Writes a journal file whole and never through a link: a link at {@code file} is refused, and
   * the text goes to a fresh file in the same folder that then replaces {@code file} (a rename
   * replaces a link that appears meanwhile, never its target).
   */
  private static void write(Path file, String text) throws IOException {
    if (Files.isSymbolicLink(file)) {
      throw new IllegalStateException(
          "golden journal "
              + file
              + " is a symbolic link (to "
              + Files.readSymbolicLink(file)
              + "); otasim writes golden journals only as regular files, never through a link:"
              + " replace the link with the file itself");
    }
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path partial = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(partial, text, StandardCharsets.UTF_8);
      Files.move(
          partial,
          file.toAbsolutePath(),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /**
   * Whether the approve switch covers the test on this stack: {@code true}, or an entry naming a
   * class on it (simple or full name), or a class and a method on it ({@code Class#method}).
   */
  static boolean approves(String value, List<StackWalker.StackFrame> stack) {
    for (String entry : value.split(",")) {
      String e = entry.strip();
      if (e.equalsIgnoreCase("true")) {
        return true;
      }
      if (e.isEmpty() || e.equalsIgnoreCase("false")) {
        continue;
      }
      int hash = e.indexOf('#');
      String type = hash < 0 ? e : e.substring(0, hash);
      String method = hash < 0 ? null : e.substring(hash + 1);
      for (StackWalker.StackFrame f : stack) {
        if (names(f.getDeclaringClass(), type)
            && (method == null || method.equals(f.getMethodName()))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean names(Class<?> c, String type) {
    String binary = c.getName();
    String local = binary.substring(binary.lastIndexOf('.') + 1);
    return type.equals(binary)
        || type.equals(local)
        || type.equals(local.replace('$', '.'))
        || type.equals(c.getSimpleName())
        || type.equals(binary.replace('$', '.'));
  }

  /**
   * {@code Class#method} of the test method on this stack (JUnit's or jqwik's), if there is one.
   */
  private static Optional<String> testName(List<StackWalker.StackFrame> stack) {
    for (StackWalker.StackFrame f : stack) {
      for (Method m : f.getDeclaringClass().getDeclaredMethods()) {
        if (m.getName().equals(f.getMethodName()) && isTest(m)) {
          String binary = f.getDeclaringClass().getName();
          return Optional.of(
              binary.substring(binary.lastIndexOf('.') + 1).replace('$', '.') + "#" + m.getName());
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isTest(Method m) {
    for (Annotation a : m.getAnnotations()) {
      String n = a.annotationType().getName();
      if (n.startsWith("org.junit.") || n.startsWith("net.jqwik.")) {
        String simple = a.annotationType().getSimpleName();
        if (simple.endsWith("Test")
            || simple.equals("TestTemplate")
            || simple.equals("Property")
            || simple.equals("TestFactory")
            || simple.equals("Example")) {
          return true;
        }
      }
    }
    return false;
  }

  static List<String> lines(String text) {
    return text.isEmpty()
        ? List.of()
        : Arrays.asList(text.split("\n", -1))
            .subList(0, text.split("\n", -1).length - (text.endsWith("\n") ? 1 : 0));
  }
}
