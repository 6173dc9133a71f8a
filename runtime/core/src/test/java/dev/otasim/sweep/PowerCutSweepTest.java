package dev.otasim.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.scenario.DemoSweep;
import dev.otasim.scenario.NaiveScenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowerCutSweepTest {
  @Test
  void naiveUpdaterBricksExactlyBetweenDeletingItselfAndRenamingNext() {
    // when
    SweepReport report =
        PowerCutSweep.builder(NaiveScenario::create, NaiveScenario.invariants())
            .setName("naive")
            .build()
            .run();

    // then: the clean run installs v1.1.0 ...
    assertThat(report.cleanViolations()).isEmpty();
    // ... and the only bricks are cuts after main/ota_updater.py is gone and before next/ is
    // renamed into main/: the board cannot import its updater any more, not even after one more
    // power cycle (boot 4).
    List<String> journal = report.cleanJournal();
    int updaterRemoved = journal.indexOf("remove main/ota_updater.py");
    int renamed = journal.indexOf("rename next -> main");
    assertThat(report.bricked())
        .extracting(CutResult::index)
        .containsExactlyElementsOf(
            report.cuts().stream()
                .map(CutResult::index)
                .filter(i -> i > updaterRemoved && i <= renamed)
                .toList());
    assertThat(report.bricked())
        .extracting(CutResult::event)
        .containsExactly("rmdir main", "rename next -> main");
    assertThat(report.bricked().get(0).reasons())
        .containsExactly(
            "boot 4 ends with ImportError: no module named 'main.ota_updater'",
            "/main/.version is missing",
            "/next is left behind");
    assertThat(report.passed()).isFalse();
  }

  /**
   * The suite's one sweep of all the demo's points, in reused contexts on every core (a few
   * seconds); ReuseDifferentialTest runs a sixth of them in fresh contexts as well, where a boot
   * costs what a first boot costs.
   */
  @Test
  void referenceUpdaterRecoversAtEveryPowerCutPointOfTheDemo() {
    SweepReport report =
        PowerCutSweep.builder(DemoSweep::create, DemoSweep.invariants()).build().run();

    assertThat(report.cleanViolations()).isEmpty();
    assertThat(report.bricked()).isEmpty();
    assertThat(report.cuts()).hasSizeGreaterThan(40);
    assertThat(report.counts().get(Verdict.RECOVERED_NEW)).isEqualTo(report.cuts().size());
    assertThat(report.html()).contains("The board recovered at every point.");
    assertThat(report.json()).contains("\"passed\": true");
  }

  @Test
  void referenceUpdaterKeepsTheOldAppWhenTheFlashFillsUpAtAnyWrite() {
    SweepReport report =
        PowerCutSweep.builder(DemoSweep::create, DemoSweep.invariants())
            .setName("demo")
            .setInjection(new Injection.FlashFull())
            .build()
            .run();

    assertThat(report.fault()).isEqualTo("flash full");
    assertThat(report.bricked()).isEmpty();
    assertThat(report.cuts()).isNotEmpty();
  }

  @Test
  void naiveUpdaterBricksWhenTheFlashFillsUpDuringTheDownload() {
    SweepReport report =
        PowerCutSweep.builder(NaiveScenario::create, NaiveScenario.invariants())
            .setName("naive")
            .setInjection(new Injection.FlashFull())
            .build()
            .run();

    assertThat(report.bricked()).isNotEmpty();
    assertThat(report.bricked().get(0).reasons())
        .anyMatch(r -> r.endsWith("ends with OSError: 28"));
  }
}
