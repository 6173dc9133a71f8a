package dev.otasim.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.demo.DemoSweep;
import dev.otasim.demo.NaiveScenario;
import dev.otasim.github.NetworkFault;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultMatrixTest {
  @Test
  void referenceUpdaterRecoversFromEveryStandardFaultOnEveryRequest() {
    // when
    SweepReport report =
        PowerCutSweep.builder(DemoSweep::create, DemoSweep.invariants())
            .setName("demo")
            .setInjection(Injection.NetworkFaults.standard())
            .build()
            .run();

    // then: 6 requests, 8 faults each
    assertThat(report.fault()).isEqualTo("network fault");
    assertThat(report.cuts()).hasSize(48);
    assertThat(report.bricked()).isEmpty();
    assertThat(report.cuts().get(0).event())
        .isEqualTo(
            "request 1 GET api.github.com/repos/owner/app/releases/latest: status 500 Internal"
                + " Server Error");
  }

  @Test
  void naiveUpdaterWritesAnErrorPageAsItsAppWhenADownloadFails() {
    // The article's updater checks no status: a 500 on a file download is saved as the file.
    SweepReport report =
        PowerCutSweep.builder(NaiveScenario::create, NaiveScenario.invariants())
            .setName("naive")
            .setInjection(new Injection.NetworkFaults(List.of(new NetworkFault.Status(500))))
            .build()
            .run();

    assertThat(report.bricked())
        .extracting(CutResult::event)
        .contains(
            "request 3 GET raw.githubusercontent.com/owner/app/v1.1.0/main/app.py: status 500 Internal Server Error");
  }
}
