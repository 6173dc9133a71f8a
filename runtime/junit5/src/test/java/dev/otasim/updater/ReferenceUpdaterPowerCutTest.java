package dev.otasim.updater;

import static dev.otasim.updater.Boards.APP;
import static dev.otasim.updater.Boards.BROKEN_APP;
import static dev.otasim.updater.Boards.REPO;
import static dev.otasim.updater.Boards.runningVersion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.github.FakeGitHub;
import dev.otasim.stubs.journal.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Power cut before every flash write and every reset of an update (and of a rollback), then the
 * board powered on again until it settles: it must always end running a complete version, with no
 * staging, previous or trash folder left behind. A targeted version of the lead's sweep (DESIGN
 * §8), limited to the events that change the flash, where a cut can matter.
 */
class ReferenceUpdaterPowerCutTest {
  private static final DeviceConfig CONFIG =
      DeviceConfig.builder().setBootTimeLimit(Duration.ofSeconds(60)).build();

  @Test
  void anUpdateCutAtAnyWriteStillEndsRunningTheNewVersion() {
    List<String> failures =
        sweep(
            github ->
                github
                    .repository(REPO)
                    .release(
                        "v1.1.0",
                        t ->
                            t.file("main/app.py", APP)
                                .file("main/lib/greeting.py", "GREETING = 'hi'\n")),
            device -> {
              assertThat(device.flash().text("/main/.version")).isEqualTo("v1.1.0");
              assertThat(device.flash().text("/main/app.py")).isEqualTo(APP);
              assertThat(device.flash().text("/main/lib/greeting.py"))
                  .isEqualTo("GREETING = 'hi'\n");
              assertThat(lastBoot(device).console()).contains("app: v1.1.0 running");
            });
    assertThat(failures).isEmpty();
  }

  @Test
  void aRollbackCutAtAnyWriteStillEndsRunningThePreviousVersion() {
    List<String> failures =
        sweep(
            github ->
                github
                    .repository(REPO)
                    .release("v1.0.0", t -> t.file("main/app.py", APP))
                    .release("v1.1.0", t -> t.file("main/app.py", BROKEN_APP)),
            device -> {
              assertThat(device.flash().text("/main/.version")).isEqualTo("v1.0.0");
              assertThat(device.flash().text("/main/app.py")).isEqualTo(APP);
              assertThat(lastBoot(device).console()).contains("app: v1.0.0 running");
            });
    assertThat(failures).isEmpty();
  }

  /** Runs the scenario once, then once per cut point; returns what went wrong at each. */
  private static List<String> sweep(Consumer<FakeGitHub> releases, Consumer<Device> endsWell) {
    List<Event> reference = run(releases, -1, d -> {});
    List<String> failures = new ArrayList<>();
    for (int k = 0; k < reference.size(); k++) {
      Event e = reference.get(k);
      // A cut before a write leaves the flash as a cut before that file's close does: LittleFS
      // commits a file's content at close only (spec §4). So writes are skipped.
      if (!e.isWrite() && !(e instanceof Event.Reset) || e instanceof Event.Write) {
        continue;
      }
      int cut = k;
      try {
        run(
            releases,
            cut,
            device -> {
              assertThat(lastBoot(device).outcome()).isEqualTo(BootOutcome.RETURNED);
              endsWell.accept(device);
              for (String leftover : List.of("/next", "/prev", "/.ota_trash", "/main/.complete")) {
                assertThat(device.flash().exists(leftover)).as(leftover).isFalse();
              }
            });
      } catch (AssertionError | RuntimeException failure) {
        failures.add("cut before event " + cut + " (" + e + "): " + failure.getMessage());
      }
    }
    return failures;
  }

  private static List<Event> run(Consumer<FakeGitHub> releases, int cut, Consumer<Device> check) {
    try (FakeGitHub github = FakeGitHub.create()) {
      releases.accept(github);
      github.start();
      Device device = Device.create(CONFIG).connect(github);
      runningVersion(device, "v1.0.0");
      if (cut >= 0) {
        device.journal().setCutPoint(i -> i == cut);
      }
      device.runUntilSettled();
      if (cut >= 0) {
        assertThat(device.boots()).extracting(BootResult::outcome).contains(BootOutcome.POWER_CUT);
      }
      check.accept(device);
      return device.journal().events();
    }
  }

  private static BootResult lastBoot(Device device) {
    List<BootResult> boots = device.boots();
    return boots.get(boots.size() - 1);
  }
}
