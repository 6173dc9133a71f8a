package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.sweep.CutResult;
import dev.otasim.sweep.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress of a sweep on a terminal and in a CI log, on a clock the test moves. */
class ProgressLineTest {
  private final StringWriter err = new StringWriter();
  private long now = 5_000_000_000L; // any origin: only differences count

  private ProgressLine progress(boolean terminal) {
    return new ProgressLine(new PrintWriter(err), "power-cut sweep", terminal, () -> now);
  }

  private static CutResult point(int index) {
    return new CutResult(
        index, "write /main/app.py", 1, Verdict.RECOVERED_NEW, List.of(), 3, "v2", List.of(), "");
  }

  /** Runs {@code points} points of {@code seconds} and {@code boots} boots each. */
  private void sweep(ProgressLine p, int points, double seconds, int boots) {
    p.started(points);
    for (int i = 0; i < points; i++) {
      now += (long) (seconds * 1e9);
      p.pointDone(point(i), boots);
    }
  }

  @Test
  void aCiLogGetsOneLinePerTenthOfThePointsAndOneAtTheEnd() {
    sweep(progress(false), 20, 0.5, 2);

    assertThat(err.toString())
        .isEqualTo(
            """
              power-cut sweep: 2/20 points, 4.0 boots/s, 0:09 left
              power-cut sweep: 4/20 points, 4.0 boots/s, 0:08 left
              power-cut sweep: 6/20 points, 4.0 boots/s, 0:07 left
              power-cut sweep: 8/20 points, 4.0 boots/s, 0:06 left
              power-cut sweep: 10/20 points, 4.0 boots/s, 0:05 left
              power-cut sweep: 12/20 points, 4.0 boots/s, 0:04 left
              power-cut sweep: 14/20 points, 4.0 boots/s, 0:03 left
              power-cut sweep: 16/20 points, 4.0 boots/s, 0:02 left
              power-cut sweep: 18/20 points, 4.0 boots/s, 0:01 left
              power-cut sweep: 20/20 points, 4.0 boots/s, 0:10 taken
            """);
  }

  @Test
  void aSweepOfOnePointSaysPointNotPoints() {
    sweep(progress(false), 1, 0.5, 2);

    assertThat(err.toString()).isEqualTo("  power-cut sweep: 1/1 point, 4.0 boots/s, 0:01 taken\n");
  }

  @Test
  void aSweepStoppedByCtrlCSaysWhereInACiLogAndWipesTheBarOnATerminal() {
    ProgressLine log = progress(false);
    log.started(100);
    now += 1_000_000_000L;
    log.pointDone(point(0), 1);
    log.stopped();

    assertThat(err.toString()).endsWith("  power-cut sweep: stopped at 1/100 points\n");

    err.getBuffer().setLength(0);
    ProgressLine bar = progress(true);
    bar.started(100);
    bar.pointDone(point(0), 1);
    bar.stopped();

    assertThat(err.toString()).endsWith("\r\033[K");
  }

  @Test
  void slowPointsInACiLogGetALineAtLeastEveryTenSeconds() {
    ProgressLine p = progress(false);
    p.started(100);
    for (int i = 0; i < 6; i++) {
      now += 4_000_000_000L;
      p.pointDone(point(i), 1);
    }

    assertThat(err.toString())
        .isEqualTo(
            """
              power-cut sweep: 3/100 points, 0.3 boots/s, 6:28 left
              power-cut sweep: 6/100 points, 0.3 boots/s, 6:16 left
            """);
  }

  @Test
  void aTerminalGetsOneBarRedrawnInPlaceAndWipedAtTheEnd() {
    sweep(progress(true), 4, 1.5, 3);

    String wipe = "\r\033[K";
    assertThat(err.toString())
        .isEqualTo(
            wipe
                + "  power-cut sweep [######------------------] 1/4 points, 2.0 boots/s, 0:05 left"
                + wipe
                + "  power-cut sweep [############------------] 2/4 points, 2.0 boots/s, 0:03 left"
                + wipe
                + "  power-cut sweep [##################------] 3/4 points, 2.0 boots/s, 0:02 left"
                + wipe
                + "  power-cut sweep [########################] 4/4 points, 2.0 boots/s, 0:06 taken"
                + wipe)
        .doesNotContain("\n");
  }

  @Test
  void quietShowsNothing() {
    var quiet = ProgressLine.of(new PrintWriter(err), "power-cut sweep", true);
    quiet.started(3);
    quiet.pointDone(point(0), 2);

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aSweepWithoutPointsEndsWithoutDividingByZero() {
    ProgressLine p = progress(false);
    p.started(0);

    assertThat(err.toString()).isEmpty();
  }
}
