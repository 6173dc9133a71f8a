package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports are saved after the run; a failed save says why and leaves the verdict to be printed. */
class VerdictLineTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void savesAReportMakingItsFolderAndSaysWhere() throws IOException {
    Path file = dir.resolve("a/b/report.html");

    boolean saved =
        VerdictLine.save(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "HTML report",
            file,
            "x",
            false);

    assertThat(saved).isTrue();
    assertThat(Files.readString(file)).isEqualTo("x");
    assertThat(out.toString()).isEqualTo("HTML report: " + file + System.lineSeparator());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aFailedSaveSaysWhyAndReturnsFalse() throws IOException {
    Files.writeString(dir.resolve("a"), "a file where a folder should be");
    Path file = dir.resolve("a/report.html");

    boolean saved =
        VerdictLine.save(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "HTML report",
            file,
            "x",
            false);

    assertThat(saved).isFalse();
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .doesNotContain("java.")
        .startsWith("otasim: could not write the HTML report to " + file + ": ");
  }
}
