package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Ctrl-C during {@code otasim sweep}: the points that finished are written as a report marked
 * incomplete, one line says how many, and the exit code is 130. In-process, a stop hook stands in
 * for the key (asked once per point); once, a real SIGINT reaches a child JVM. The gate's Ctrl-C is
 * in {@link GateCommandTest}.
 */
class CtrlCTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Ctrl-C pressed once {@code n} points have started (the sweep asks before each point). */
  static BooleanSupplier afterPoints(int n) {
    AtomicInteger asked = new AtomicInteger();
    return () -> asked.incrementAndGet() > n;
  }

  private int sweep(BooleanSupplier stop, String... args) {
    CommandLine cl = OtaSimCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    SweepCommand sweep = cl.getSubcommands().get("sweep").getCommand();
    sweep.stop = stop;
    return cl.execute(args);
  }

  private static int plannedPoints(String json) {
    Matcher m = Pattern.compile("\"plannedPoints\": (\\d+)").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return Integer.parseInt(m.group(1));
  }

  @Test
  void aSweepStoppedAfterTwoPointsWritesThemMarkedIncompleteAndExits130() throws IOException {
    // given
    Path html = dir.resolve("sweep.html");
    Path json = dir.resolve("sweep.json");

    // when
    int code =
        sweep(
            afterPoints(2),
            "sweep",
            "--fault",
            "corrupt-file",
            "--threads",
            "1",
            "-q",
            "--html",
            html.toString(),
            "--json",
            json.toString());

    // then
    assertThat(code).as(out + "\n" + err).isEqualTo(130);
    String report = Files.readString(json);
    int planned = plannedPoints(report);
    assertThat(planned).isGreaterThan(2);
    assertThat(report).contains("\"complete\": false");
    assertThat(report.split("\\{\"index\": ", -1)).as(report).hasSize(3);
    assertThat(Files.readString(html)).contains("Incomplete: interrupted after 2 of ");
    assertThat(out.toString())
        .contains("\nINCOMPLETE: interrupted after 2 of " + planned + " points (Ctrl-C);")
        .endsWith(
            "HTML report: "
                + html.toAbsolutePath()
                + "\nJSON report: "
                + json.toAbsolutePath()
                + "\n\u26a0 interrupted (Ctrl-C): 2 of "
                + planned
                + " points finished; the reports hold those only\n");
  }

  @Test
  void aSweepNeverStoppedEndsWithItsVerdict() throws IOException {
    // the demo's updater is not hardened against a corrupt file of its own: two points brick
    Path json = dir.resolve("sweep.json");

    int code =
        sweep(
            () -> false,
            "sweep",
            "--fault",
            "corrupt-file",
            "-q",
            "--html",
            dir.resolve("sweep.html").toString(),
            "--json",
            json.toString());

    assertThat(code).as(out + "\n" + err).isEqualTo(1);
    assertThat(Files.readString(json)).contains("\"complete\": true");
    assertThat(out.toString())
        .endsWith("\u2718 the board bricks at 2 of 5 points\n")
        .doesNotContain("interrupted");
  }

  /**
   * A real SIGINT, sent once the sweep has named itself (Ctrl-C is caught from before that line),
   * while its clean run or its first points run: far from the end of a sweep of every point.
   */
  @Test
  void aRealSigintToTheCommandWritesAnIncompleteReportAndExits130() throws Exception {
    // given
    Path json = dir.resolve("sweep.json");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "-Dpolyglotimpl.AttachLibraryFailureAction=ignore",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.otasim.cli.Main",
            "sweep",
            "--threads",
            "1",
            "-q",
            "--html",
            dir.resolve("sweep.html").toString(),
            "--json",
            json.toString()));
    Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("err.txt").toFile()).start();
    StringBuilder seen = new StringBuilder();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String first = lines.readLine();
      seen.append(first).append('\n');
      assertThat(first).startsWith("otasim sweep \u2014 ");

      // when
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        seen.append(line).append('\n');
      }
    } finally {
      p.waitFor();
    }

    // then
    String all = seen + "\n" + Files.readString(dir.resolve("err.txt"));
    assertThat(p.exitValue()).as(all).isEqualTo(130);
    String report = Files.readString(json);
    assertThat(report).contains("\"complete\": false");
    assertThat(seen.toString())
        .containsPattern(
            "\n\u26a0 interrupted \\(Ctrl-C\\): \\d+ of "
                + plannedPoints(report)
                + " points finished; the reports hold those only\n$");
    assertThat(Files.readString(dir.resolve("err.txt")))
        .contains("otasim: Ctrl-C: finishing what is running, then writing what finished");
  }
}
