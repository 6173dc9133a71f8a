package dev.otasim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otasim.device.Device;
import dev.otasim.github.FakeGitHub;
import dev.otasim.scenario.DemoScenario;
import dev.otasim.scenario.DemoSweep;
import dev.otasim.scenario.NaiveScenario;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A point whose fault falls in boot b starts from the state the clean run saved at the start of
 * boot b; the reports must be the ones a replay of every boot from the first gives.
 */
class SweepFromBootStartTest {
  private static SweepReport sweep(
      Supplier<? extends SweepScenario> scenarios,
      OtaInvariants invariants,
      Injection injection,
      int shardCount,
      boolean replay) {
    SweepReport r =
        PowerCutSweep.builder(scenarios, invariants)
            .setName("same")
            .setInjection(injection)
            .setShard(1, shardCount)
            .setReplayFromStart(replay)
            .build()
            .run();
    // the wall time is the one thing allowed to differ
    return new SweepReport(
        r.name(),
        r.fault(),
        r.oldVersion(),
        r.newVersion(),
        r.cleanJournal(),
        r.cleanBoots(),
        r.cleanViolations(),
        r.cuts(),
        r.threads(),
        0);
  }

  private static SweepReport assertSameBothWays(
      Supplier<? extends SweepScenario> scenarios,
      OtaInvariants invariants,
      Injection injection,
      int shardCount) {
    // when
    SweepReport replayed = sweep(scenarios, invariants, injection, shardCount, true);
    SweepReport restored = sweep(scenarios, invariants, injection, shardCount, false);

    // then: the same points, verdicts, reasons, boots, journal tails and flash trees
    assertThat(restored.cuts()).isNotEmpty();
    // a shard of the points, but one that starts points past the first boot: those are restored
    assertThat(restored.cuts()).anyMatch(c -> c.boot() > 1);
    assertThat(restored.cuts()).containsExactlyElementsOf(replayed.cuts());
    assertThat(restored.text()).isEqualTo(replayed.text());
    assertThat(restored.json()).isEqualTo(replayed.json());
    assertThat(restored.html()).isEqualTo(replayed.html());
    return restored;
  }

  @Test
  void theDemoPowerCutSweepReportsTheSameAsReplayingEveryBoot() {
    // every eighth point (a shard), to keep the suite quick: ten points, in every boot of the
    // update, so most start from a restored boot (replaying each from the first is the cost)
    assertSameBothWays(DemoSweep::create, DemoSweep.invariants(), new Injection.PowerCut(), 8);
  }

  @Test
  void theNaiveSweepBricksAtTheSamePointsWithTheSameJournalsAndFlash() {
    SweepReport restored =
        assertSameBothWays(
            NaiveScenario::create, NaiveScenario.invariants(), new Injection.PowerCut(), 4);
    assertThat(restored.bricked()).isNotEmpty();
  }

  @Test
  void networkFaultsCountRequestsAcrossTheRestoredBoots() {
    // a fault on "the 2nd GET of x" must find the same request when the first boots are restored
    assertSameBothWays(
        DemoSweep::create, DemoSweep.invariants(), Injection.NetworkFaults.standard(), 16);
  }

  @Test
  void aFullFlashSweepIsTheSameBothWays() {
    assertSameBothWays(
        NaiveScenario::create, NaiveScenario.invariants(), new Injection.FlashFull(), 6);
  }

  /** The demo, with a boot.py that creates a file named after how many runs came before. */
  private static final class Forgetful implements SweepScenario {
    private final DemoScenario demo = DemoSweep.create();

    Forgetful(int run) {
      String name = run == 0 ? "first" : "again";
      demo.device().flash().put("/boot.py", "open('" + name + "', 'w').close()\n");
    }

    @Override
    public Device device() {
      return demo.device();
    }

    @Override
    public FakeGitHub github() {
      return demo.github();
    }

    @Override
    public void close() {
      demo.close();
    }
  }

  @Test
  void anUpdaterThatDoesSomethingElseOnEveryRunIsNamedNotSwept() {
    // given: a scenario whose runs differ (as an updater drawing random numbers would)
    AtomicInteger runs = new AtomicInteger();

    // when / then
    assertThatThrownBy(
            () ->
                PowerCutSweep.builder(
                        () -> new Forgetful(runs.getAndIncrement()), DemoSweep.invariants())
                    .setThreads(1)
                    .build()
                    .run())
        .isInstanceOf(NotDeterministicException.class)
        .hasMessage(
            "the scenario is not deterministic: the run for fault point 2 (close first) differs"
                + " from the clean run before its fault, first at event 1: the clean run has"
                + " \"open first w\", this run has \"open again w\". A sweep needs an updater that"
                + " does the same on every run: look for random numbers (os.urandom, random),"
                + " time it did not get from the board, or state the scenario keeps outside the"
                + " device and the fake GitHub.");
  }
}
