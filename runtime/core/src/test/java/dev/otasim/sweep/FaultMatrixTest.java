package dev.otasim.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.Device;
import dev.otasim.github.FakeGitHub;
import dev.otasim.github.NetworkFault;
import dev.otasim.scenario.DemoScenario;
import dev.otasim.scenario.DemoSweep;
import dev.otasim.scenario.NaiveScenario;
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

    // then: 6 requests x 8 server faults but GitHub's API rate limit on the 2 raw downloads (raw
    // is not rate-limited), and a failing lookup and handshake for each of them
    assertThat(report.fault()).isEqualTo("network fault");
    assertThat(report.cuts()).hasSize(6 * 8 - 2 + 6 + 6);
    assertThat(report.cuts())
        .extracting(CutResult::event)
        .filteredOn(e -> e.startsWith("request 4 ") || e.startsWith("request 5 "))
        .noneMatch(e -> e.endsWith("rate limited (403)"));
    assertThat(report.bricked()).isEmpty();
    assertThat(report.cuts())
        .extracting(CutResult::event)
        .contains(
            "request 1 GET api.github.com/repos/owner/app/releases/latest: status 500 Internal"
                + " Server Error",
            "dns api.github.com fails (OSError -202)",
            "tls raw.githubusercontent.com handshake fails");
  }

  @Test
  void referenceUpdaterRecoversWhenWifiDropsInTheMiddleOfADownload() {
    SweepReport report =
        PowerCutSweep.builder(BigFile::new, BigFile.invariants())
            .setName("big file")
            .setInjection(new Injection.NetworkFaults(List.of(), true))
            .build()
            .run();

    assertThat(report.cuts())
        .extracting(CutResult::event)
        .contains("wifi drops for 5000 ms once 1024 B of next/assets/data.bin have arrived");
    assertThat(report.bricked()).isEmpty();
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
            "request 3 GET raw.githubusercontent.com/owner/app/v1.1.0/main/app.py: status 500"
                + " Internal Server Error");
  }

  @Test
  void referenceUpdaterSurvivesACorruptDataFileButNotACorruptCopyOfItself() {
    SweepReport report =
        PowerCutSweep.builder(DemoSweep::create, DemoSweep.invariants())
            .setName("demo")
            .setInjection(new Injection.CorruptFile())
            .build()
            .run();

    // No updater can run a broken copy of itself; everything else must recover.
    assertThat(report.bricked())
        .extracting(CutResult::event)
        .containsExactly("/main.py", "/ota_updater.py");
    assertThat(report.cuts())
        .filteredOn(c -> c.event().equals("/main/.version"))
        .extracting(CutResult::verdict)
        .containsExactly(Verdict.RECOVERED_NEW);
  }

  /** The demo with a 6000-byte file in the release, so a download spans several chunks. */
  static final class BigFile implements SweepScenario {
    private final DemoScenario demo = DemoScenario.create();

    BigFile() {
      byte[] data = data();
      byte[] app =
          demo.github().repository(DemoScenario.REPO).files("v1.1.0", "main").get("app.py");
      demo.github()
          .repository(DemoScenario.REPO)
          .release("v1.2.0", t -> t.file("main/app.py", app).file("main/assets/data.bin", data));
    }

    static byte[] data() {
      byte[] data = new byte[6000];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) (i * 31 + 7);
      }
      return data;
    }

    static OtaInvariants invariants() {
      try (BigFile s = new BigFile()) {
        var repo = s.github().repository(DemoScenario.REPO);
        return OtaInvariants.builder()
            .setOldVersion("v1.0.0")
            .setNewVersion("v1.2.0")
            .release("v1.0.0", repo.files("v1.0.0", "main"))
            .release("v1.2.0", repo.files("v1.2.0", "main"))
            .ignoreInApp(".rejected")
            .build();
      }
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
}
