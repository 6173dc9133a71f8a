package dev.otasim.updater;

import static dev.otasim.assertions.OtaAssertions.assertThat;
import static dev.otasim.updater.Boards.APP;
import static dev.otasim.updater.Boards.REPO;
import static dev.otasim.updater.Boards.assertAppTree;
import static dev.otasim.updater.Boards.runningVersion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.Device;
import dev.otasim.github.Exchange;
import dev.otasim.github.FakeGitHub;
import dev.otasim.github.NetworkFault;
import dev.otasim.junit.OtaSimulatorTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The reference updater against network faults on the way from GitHub: each asserts the exact
 * journal (a reviewed golden file) and the final flash.
 */
// A generous boot limit: the first boot of a JVM also parses ota_updater.py in a cold interpreter.
@OtaSimulatorTest(bootTimeLimitMillis = 60_000)
class ReferenceUpdaterFaultsTest {
  private static final String RAW_APP = "/owner/app/v1.1.0/main/app.py";

  /** v1.1.0 with its app and a decoy of the same size but other bytes. */
  private static void releaseWithDecoy(FakeGitHub github) {
    String decoy = APP.replace("app:", "bad:");
    github
        .repository(REPO)
        .release("v1.1.0", t -> t.file("main/app.py", APP).file("decoy/app.py", decoy));
  }

  @Nested
  class Downloads {
    @Test
    void aCutOffDownloadIsFetchedAgain(Device device, FakeGitHub github) {
      // given: the first download of app.py stops after 100 of its bytes
      github.repository(REPO).release("v1.1.0", t -> t.file("main/app.py", APP));
      github
          .on("GET", "raw.githubusercontent.com", RAW_APP)
          .onRequest(1)
          .fault(new NetworkFault.TruncatedBody(100));
      runningVersion(device, "v1.0.0");

      // when
      device.runUntilSettled();

      // then
      assertThat(device)
          .hasSettled()
          .printed(
              "OTA: main/app.py: download cut off after 100 of %d B; retrying in 2 s (attempt 2 of 3)"
                  .formatted(APP.length()))
          .printed("app: v1.1.0 running")
          .hasFileWithText("/main/app.py", APP);
      assertThat(device.journal()).matchesGolden("updater-truncated-download");
    }

    @Test
    void aDownloadCutOffEveryTimeKeepsTheRunningVersionAndRetriesAtNextBoot(
        Device device, FakeGitHub github) {
      github.repository(REPO).release("v1.1.0", t -> t.file("main/app.py", APP));
      github
          .on("GET", "raw.githubusercontent.com", RAW_APP)
          .always()
          .fault(new NetworkFault.TruncatedBody(100));
      runningVersion(device, "v1.0.0");

      device.runUntilSettled();

      assertThat(device)
          .bootedTimes(2)
          .hasSettled()
          .printed(
              "OTA: could not install v1.1.0: main/app.py: download cut off after 100 of %d B;"
                      .formatted(APP.length())
                  + " keeping v1.0.0, will retry at next boot")
          .printed("OTA: v1.1.0 is already scheduled; it installs at the next boot")
          .hasFileWithText("/main/.version", "v1.0.0");
      assertAppTree(
          device,
          """
          /main/
          /main/.version  6 B
          /main/app.py  %d B
          /next/
          /next/.version_on_reboot  6 B
          """
              .formatted(APP.length()));
    }

    @Test
    void aCorruptedFileAbortsTheUpdateAndKeepsTheRunningVersion(Device device, FakeGitHub github) {
      // given: every download of app.py delivers other bytes of the same length
      releaseWithDecoy(github);
      github
          .on("GET", "raw.githubusercontent.com", RAW_APP)
          .always()
          .fault(
              new NetworkFault.Redirect(
                  "https://raw.githubusercontent.com/owner/app/v1.1.0/decoy/app.py"));
      runningVersion(device, "v1.0.0");

      // when
      device.runUntilSettled();

      // then: three tries, then v1.1.0 is rejected until a newer release appears
      assertThat(device).bootedTimes(2).hasSettled().printed("app: v1.0.0 running");
      assertThat(device.console())
          .containsPattern(
              "OTA: v1\\.1\\.0 rejected: main/app\\.py: SHA-1 [0-9a-f]{40} does not match the"
                  + " release's [0-9a-f]{40}; keeping v1\\.0\\.0");
      assertThat(device)
          .printed("OTA: v1.1.0 was rejected on this board before; waiting for a newer release");
      assertAppTree(
          device,
          """
          /main/
          /main/.rejected  6 B
          /main/.version  6 B
          /main/app.py  %d B
          """
              .formatted(APP.length()));
      assertThat(device.journal()).matchesGolden("updater-corrupted-file");
    }

    @Test
    void followsARedirectToAnAbsoluteLocation(Device device, FakeGitHub github) {
      // given: raw.githubusercontent.com sends app.py's download elsewhere once
      github.repository(REPO).release("v1.1.0", t -> t.file("main/app.py", APP));
      github
          .on("GET", "raw.githubusercontent.com", RAW_APP)
          .onRequest(1)
          .fault(
              new NetworkFault.Redirect(
                  "https://raw.githubusercontent.com/owner/app/refs/tags/v1.1.0/main/app.py"));
      runningVersion(device, "v1.0.0");

      // when
      device.runUntilSettled();

      // then
      assertThat(device).hasSettled().printed("app: v1.1.0 running");
      assertThat(github.exchanges())
          .extracting(Exchange::toString)
          .contains(
              "GET raw.githubusercontent.com/owner/app/v1.1.0/main/app.py -> 302 (0 B), redirect 302 to"
                  + " https://raw.githubusercontent.com/owner/app/refs/tags/v1.1.0/main/app.py",
              "GET raw.githubusercontent.com/owner/app/refs/tags/v1.1.0/main/app.py -> 200 (%d B)"
                  .formatted(APP.length()));
      assertThat(device.journal()).matchesGolden("updater-redirect");
    }
  }

  @Nested
  class ApiErrors {
    @Test
    void aServerErrorIsRetriedWithBackoff(Device device, FakeGitHub github) {
      // given: GitHub answers 503 twice
      github.repository(REPO).release("v1.1.0", t -> t.file("main/app.py", APP));
      github
          .on("GET", "api.github.com", "/repos/owner/app/releases/latest")
          .times(2)
          .fault(new NetworkFault.Status(503));
      runningVersion(device, "v1.0.0");

      // when
      device.boot();

      // then
      assertThat(device)
          .printed(
              "OTA: GitHub answered 503 for https://api.github.com/repos/owner/app/releases/latest; retrying in 2 s (attempt 2 of 3)")
          .printed(
              "OTA: GitHub answered 503 for https://api.github.com/repos/owner/app/releases/latest; retrying in 4 s (attempt 3 of 3)")
          .hasFileWithText("/next/.version_on_reboot", "v1.1.0");
      assertThat(github.exchanges()).extracting(Exchange::status).containsExactly(503, 503, 200);
    }

    @Test
    void aStalledResponseTimesOutAndIsRetried(Device device, FakeGitHub github) {
      github.repository(REPO).release("v1.1.0", t -> t.file("main/app.py", APP));
      github
          .on("GET", "api.github.com", "/repos/owner/app/releases/latest")
          .onRequest(1)
          .fault(new NetworkFault.Stall());
      runningVersion(device, "v1.0.0");

      device.boot();

      assertThat(device)
          .printed("OTA: network error 116; retrying in 2 s (attempt 2 of 3)")
          .hasFileWithText("/next/.version_on_reboot", "v1.1.0");
    }
  }
}
