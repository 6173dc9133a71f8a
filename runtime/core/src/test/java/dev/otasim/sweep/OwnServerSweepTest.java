package dev.otasim.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.DeviceConfig;
import dev.otasim.github.NetworkFault;
import dev.otasim.scenario.FolderScenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The network-fault sweep over an updater that follows a server of its own (examples/own-server):
 * its requests are the sweep's points like GitHub's, and a fault there looks like that server's
 * (issue 17, item 4).
 */
class OwnServerSweepTest {
  private static final Path EXAMPLE = Path.of("../../examples/own-server");

  private static FolderScenario.Spec spec() {
    return new FolderScenario.Spec(
        EXAMPLE.resolve("board"),
        null,
        null,
        DeviceConfig.builder().setMaxBoots(12).build(),
        null,
        null,
        null,
        false,
        Map.of(),
        null,
        Map.of("http://192.168.1.10:8000/", EXAMPLE.resolve("srv")),
        null);
  }

  @Test
  void faultsEachRequestToTheOwnServer() {
    FolderScenario.Spec spec = spec().validate();
    OtaInvariants invariants =
        FolderScenario.invariants(
            spec,
            "/app",
            "/app/.version",
            new FolderScenario.NewVersion("1.1.0", EXAMPLE.resolve("srv/app")));

    SweepReport report =
        PowerCutSweep.builder(() -> FolderScenario.create(spec), invariants)
            .setName(FolderScenario.describe(spec))
            .setThreads(2)
            .setInjection(new Injection.NetworkFaults(List.of(new NetworkFault.Status(503))))
            .build()
            .run();

    // the board keeps its version when the server fails the check, and takes the update at the
    // next boot when a download fails; every request, the POST of the report included, is a point
    assertThat(report.text())
        .startsWith(
            "network fault sweep of http://192.168.1.10:8000/: 1.0.0 -> 1.1.0\n"
                + "clean run: 29 events, 2 boots, recovered new\n"
                + "\n"
                + "point  boot  outcome         network fault before\n"
                + "    4     1  recovered old   request 1 GET 192.168.1.10/version.json: status 503"
                + " Service Unavailable\n"
                + "    6     1  recovered new   request 2 GET 192.168.1.10/app/blink.py: status 503"
                + " Service Unavailable\n"
                + "   10     1  recovered new   request 3 GET 192.168.1.10/app/util.py: status 503"
                + " Service Unavailable\n"
                + "   22     1  recovered new   request 4 POST 192.168.1.10/report: status 503"
                + " Service Unavailable\n"
                + "   28     2  recovered new   request 5 GET 192.168.1.10/version.json: status 503"
                + " Service Unavailable\n"
                + "\n"
                + "http://192.168.1.10:8000/, network fault: 5 points, ")
        .endsWith(": 4 recovered new, 1 recovered old, 0 bricked\n");
  }
}
