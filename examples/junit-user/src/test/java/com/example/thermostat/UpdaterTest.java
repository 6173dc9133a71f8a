package com.example.thermostat;

import static dev.otasim.assertions.OtaAssertions.assertThat;

import dev.otasim.device.Device;
import dev.otasim.github.FakeGitHub;
import dev.otasim.junit.OtaSimulatorTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@OtaSimulatorTest
class UpdaterTest {
  @Test
  void installsNewRelease(Device device, FakeGitHub github) {
    // given: GitHub has a newer release; the board runs v1.0.0 of the app
    github
        .repository("me/thermostat")
        .release("v1.0.0", tree -> tree.file("main/app.py", APP))
        .release("v1.1.0", tree -> tree.file("main/app.py", APP));
    device.flash().load(Path.of("../board")); // main.py, ota_updater.py, ota_config.json, main/
    device.network().accessPoint("home", "secret");

    // when: the board boots until it settles
    device.runUntilSettled();

    // then
    assertThat(device).hasSettled().hasFileWithText("/main/.version", "v1.1.0");
    assertThat(device.journal())
        .fileOps()
        .containsInOrder("rename main -> prev", "rename next -> main");
    assertThat(device).lastBoot().printed("app: doing my work");
  }

  static final String APP =
      """
      def run(updater, config):
          updater.confirm()
          print("app: doing my work")
      """;
}
