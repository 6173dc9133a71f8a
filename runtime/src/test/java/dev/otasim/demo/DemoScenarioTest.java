package dev.otasim.demo;

import static dev.otasim.assertions.OtaAssertions.assertThat;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.Device;
import org.junit.jupiter.api.Test;

class DemoScenarioTest {
  @Test
  void installsTheNewReleaseInTheArticlesOrder() {
    try (DemoScenario scenario = DemoScenario.create()) {
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
              /main/app.py  803 B
              /main/lib/
              /main/lib/greeting.py  31 B
              /main.py  3204 B
              /ota_config.json  59 B
              /ota_updater.py  11146 B
              """);
      // The article's order: files into next/, delete main/, rename next -> main,
      // rename .version_on_reboot -> .version, reset.
      assertThat(device.journal())
          .containsInOrder(
              "open next/app.py wb",
              "close next/lib/greeting.py",
              "rmdir main",
              "rename next -> main",
              "rename main/.version_on_reboot -> main/.version",
              "reset HARD",
              "boot 3 cause=HARD");
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
