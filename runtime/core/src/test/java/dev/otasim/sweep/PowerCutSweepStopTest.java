package dev.otasim.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.scenario.DemoSweep;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Asked to stop (the CLI's Ctrl-C), a sweep starts no further point and reports the points that
 * ended, marked incomplete in every format.
 */
class PowerCutSweepStopTest {
  /** A stop asked for after the first {@code n} points have started (it is asked once a point). */
  private static BooleanSupplier afterPoints(int n) {
    AtomicInteger asked = new AtomicInteger();
    return () -> asked.incrementAndGet() > n;
  }

  private static SweepReport sweep(BooleanSupplier stop, SweepProgress progress) {
    return PowerCutSweep.builder(DemoSweep::create, DemoSweep.invariants())
        .setName("demo")
        .setInjection(new Injection.CorruptFile())
        .setThreads(2)
        .setStop(stop)
        .setProgress(progress)
        .build()
        .run();
  }

  @Test
  void stopsStartingPointsOnceAskedAndReportsThoseThatEnded() {
    // given
    List<String> told = new ArrayList<>();
    SweepProgress progress =
        new SweepProgress() {
          @Override
          public void started(int points) {
            told.add("started " + points);
          }

          @Override
          public void pointDone(CutResult result, int boots) {
            told.add("done " + result.index());
          }

          @Override
          public void stopped() {
            told.add("stopped");
          }
        };

    // when
    SweepReport r = sweep(afterPoints(2), progress);

    // then
    int planned = r.plannedPoints();
    assertThat(planned).isGreaterThan(2);
    assertThat(r.cuts()).hasSize(2);
    assertThat(r.complete()).isFalse();
    assertThat(r.passed()).isFalse();
    assertThat(told).hasSize(4).startsWith("started " + planned).endsWith("stopped");
    assertThat(r.interruption()).isEqualTo("interrupted after 2 of " + planned + " points");
    assertThat(r.json())
        .contains("  \"passed\": false,\n  \"complete\": false,\n  \"plannedPoints\": " + planned);
    assertThat(r.text())
        .contains(
            "\nINCOMPLETE: interrupted after 2 of "
                + planned
                + " points (Ctrl-C); the points that did not run are not in this report\n")
        .contains("demo, corrupt file: 2 points, ");
    assertThat(r.html())
        .contains(
            "<div class=\"banner incomplete\">&#9888; Incomplete: interrupted after 2 of "
                + planned
                + " points (Ctrl-C); the points that did not run are not in this report.</div>")
        .contains("The board recovered at every point that ran.")
        .doesNotContain("The board recovered at every point.");
  }

  @Test
  void aSweepNeverAskedToStopIsCompleteAndSaysSo() {
    SweepReport r = sweep(() -> false, SweepProgress.NONE);

    assertThat(r.complete()).isTrue();
    assertThat(r.cuts()).hasSize(r.plannedPoints());
    assertThat(r.json()).contains("  \"complete\": true,\n");
    assertThat(r.text()).doesNotContain("INCOMPLETE");
    assertThat(r.html()).doesNotContain("Incomplete");
  }
}
