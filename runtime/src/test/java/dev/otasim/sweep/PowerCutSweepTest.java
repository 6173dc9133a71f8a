package dev.otasim.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.demo.DemoSweep;
import dev.otasim.demo.NaiveScenario;
import org.junit.jupiter.api.Test;

class PowerCutSweepTest {
  @Test
  void naiveUpdaterBricksInTheArticlesWindow() {
    SweepReport report =
        PowerCutSweep.builder(NaiveScenario::create, NaiveScenario.invariants())
            .setName("naive")
            .build()
            .run();
    System.out.println(report.text());
    assertThat(report.cleanViolations()).isEmpty();
    assertThat(report.bricked()).isNotEmpty();
  }

  @Test
  void referenceUpdaterRecoversAtEveryCutPoint() {
    SweepReport report =
        PowerCutSweep.builder(DemoSweep::create, DemoSweep.invariants())
            .setName("demo")
            .build()
            .run();
    System.out.println(report.text());
    assertThat(report.cleanViolations()).isEmpty();
  }
}
