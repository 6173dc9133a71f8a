package dev.otasim.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The boot limit on clocks the test moves: the boot thread's CPU time counts, so a boot that other
 * threads keep off the processors is not ended early; a boot that waits ends once the limit has
 * passed in wall-clock time.
 */
class BootLimitTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private long cpu = 7 * MS; // any origin: only differences count
  private long wall = 1_000 * MS;

  private final BootLimit limit = new BootLimit(2_000 * MS, () -> cpu, () -> wall);

  /** Moves both clocks in steps of 100 ms of wall-clock time, the boot getting {@code share}. */
  private boolean run(long wallMillis, double share) {
    boolean passed = false;
    for (long t = 0; t < wallMillis; t += 100) {
      wall += 100 * MS;
      cpu += (long) (100 * MS * share);
      passed = limit.passed();
      if (passed) {
        return true;
      }
    }
    return passed;
  }

  @Test
  void aBootThatWorksEndsWhenItHasWorkedForTheLimit() {
    assertThat(run(1_900, 1.0)).isFalse();
    assertThat(run(100, 1.0)).isTrue();
  }

  @Test
  void aBootKeptOffTheProcessorsIsNotEndedWhileItHasWorkedLessThanTheLimit() {
    // eight boots on two cores: each gets a quarter of a processor, for ten times the limit
    assertThat(run(7_900, 0.25)).isFalse();
    assertThat(run(100, 0.25)).isTrue();
  }

  @Test
  void aBootThatWaitsEndsOnceTheLimitHasPassedInWallClockTime() {
    // a blocking read from a server that never answers: no CPU time at all
    assertThat(run(1_900, 0)).isFalse();
    assertThat(run(100, 0)).isTrue();
  }

  @Test
  void aBootThatStartsWaitingLateEndsAfterASecondOfWaiting() {
    assertThat(run(2_500, 0.5)).isFalse();
    assertThat(run(900, 0)).isFalse();
    assertThat(run(100, 0)).isTrue();
  }

  @Test
  void aBootThatWorksALittleInEveryIntervalIsNotWaiting() {
    // starved, not blocked: 5% of a processor is still work
    assertThat(run(20_000, 0.05)).isFalse();
  }

  @Test
  void theNextLookComesNoLaterThanTheLimitLeft() {
    assertThat(limit.nextPollNanos()).isEqualTo(BootLimit.POLL_NANOS);
    run(1_800, 1.0);
    cpu += 150 * MS;
    wall += 150 * MS;
    assertThat(limit.passed()).isFalse();
    assertThat(limit.nextPollNanos()).isEqualTo(50 * MS);
  }

  @Test
  void theCallingThreadsCpuTimeIsWhatCounts() {
    BootLimit real = BootLimit.onThisThread(60_000);
    // a thread that sleeps does no work: a limit on it has not passed
    assertThat(real.passed()).isFalse();
  }
}
