package dev.otasim.assertions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

/**
 * Reviewed journals kept as files, like MicroPython's {@code tests/*.py.exp}: a scenario's journal
 * is compared with {@code <dir>/<name>.journal}.
 *
 * <p>The folder is {@code src/test/resources/golden} below the working directory (Maven runs tests
 * in the module folder), or the system property {@code otasim.golden.dir}. With {@code
 * -Dotasim.approve=true} the actual journal is written instead of compared; review the change
 * before committing it. On a mismatch the actual journal is also written to {@code
 * target/otasim-golden/<name>.journal} so a diff tool can show it.
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

  static void check(String name, String actual) {
    Path file = file(name);
    try {
      if (Boolean.getBoolean(APPROVE_PROPERTY)) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        System.err.println(
            "otasim: approved golden journal " + file + "; review it before committing");
        return;
      }
      if (!Files.exists(file)) {
        throw new AssertionError(
            String.format(
                "%nNo golden journal at %s.%nRun the test once with -D%s=true to write it, then review"
                    + " it before committing.%nactual journal:%n%s",
                file, APPROVE_PROPERTY, JournalAssert.indent(lines(actual))));
      }
      String expected = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
      if (!expected.equals(actual)) {
        Path copy = Paths.get("target", "otasim-golden", name + ".journal");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, actual, StandardCharsets.UTF_8);
        throw new AssertionError(
            String.format(
                "%nJournal does not match the golden file %s%n%s%nactual journal (also written to"
                    + " %s):%n%s%nIf the change is intended, rerun with -D%s=true and review the"
                    + " diff.",
                file,
                JournalAssert.firstDifference(lines(expected), lines(actual)),
                copy,
                JournalAssert.indent(lines(actual)),
                APPROVE_PROPERTY));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write golden journal " + file, e);
    }
  }

  private static List<String> lines(String text) {
    return text.isEmpty()
        ? List.of()
        : Arrays.asList(text.split("\n", -1))
            .subList(0, text.split("\n", -1).length - (text.endsWith("\n") ? 1 : 0));
  }
}
