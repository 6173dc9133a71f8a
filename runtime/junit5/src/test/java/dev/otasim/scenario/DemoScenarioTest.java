package dev.otasim.scenario;

import static dev.otasim.assertions.OtaAssertions.assertThat;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.junit.OtaSimulatorTest;
import org.junit.jupiter.api.Test;

class DemoScenarioTest {
  /** The configuration comes from the extension, so {@code -Dotasim.engine} reaches the demo. */
  @Test
  @OtaSimulatorTest
  void installsTheNewReleaseInTheArticlesOrder(DeviceConfig config) {
    try (DemoScenario scenario = DemoScenario.create(config)) {
      // when
      Device device = scenario.device();
      device.runUntilSettled();

      // then
      assertThat(device).bootedTimes(3).hasSettled().printed("app: version v1.1.0 running");
      assertThat(device).hasFileWithText("/main/.version", "v1.1.0").doesNotHaveFile("/next");
      assertThat(device)
          .hasFlashTree(
              """
              /main/
              /main/.version  6 B
              /main/app.py  %d B
              /main/lib/
              /main/lib/greeting.py  31 B
              /main.py  %d B
              /ota_config.json  59 B
              /ota_updater.py  %d B
              """
                  .formatted(
                      ReferenceUpdater.file(ReferenceUpdater.APP).length,
                      ReferenceUpdater.file("main.py").length,
                      ReferenceUpdater.file("ota_updater.py").length));
      // The article's order: files into next/, main/ out of the way, rename next -> main,
      // rename .version_on_reboot -> .version, reset. main/ is moved to prev/ rather than deleted,
      // and deleted once the new version confirms itself (boot 3).
      assertThat(device.journal())
          .containsInOrder(
              "open next/app.py wb",
              "close next/lib/greeting.py",
              "close next/.complete",
              "rename main -> prev",
              "rename next -> main",
              "rename main/.version_on_reboot -> main/.version",
              "reset HARD",
              "boot 3 cause=HARD",
              "rename prev -> .ota_trash",
              "rmdir .ota_trash");
      assertThat(device.journal()).matchesGolden("demo-cycle");
    }
  }

  @Test
  void secondRunFindsNothingToInstall() {
    try (DemoScenario scenario = DemoScenario.create()) {
      Device device = scenario.device();
      device.runUntilSettled();
      int before = device.journal().size();

      // when: the board is power-cycled
      device.runUntilSettled();

      // then
      assertThat(device).bootedTimes(4).lastBoot().endedWith(BootOutcome.RETURNED);
      org.assertj.core.api.Assertions.assertThat(
              device.journal().events().subList(before, device.journal().size()))
          .extracting(Object::toString)
          .startsWith("boot 4 cause=PWRON")
          .doesNotContain("mkdir next", "reset HARD");
    }
  }
}
