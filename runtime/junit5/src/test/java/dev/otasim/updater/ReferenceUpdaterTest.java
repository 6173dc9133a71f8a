package dev.otasim.updater;

import static dev.otasim.assertions.OtaAssertions.assertThat;
import static dev.otasim.updater.Boards.APP;
import static dev.otasim.updater.Boards.BROKEN_APP;
import static dev.otasim.updater.Boards.LOOPING_APP;
import static dev.otasim.updater.Boards.REPO;
import static dev.otasim.updater.Boards.assertAppTree;
import static dev.otasim.updater.Boards.binary;
import static dev.otasim.updater.Boards.runningVersion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.github.Exchange;
import dev.otasim.github.FakeGitHub;
import dev.otasim.junit.OtaSimulatorTest;
import dev.otasim.stubs.journal.Event;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The reference updater ({@code python-src/}) in every scenario issue 4 lists: each asserts the
 * exact journal (a reviewed golden file) and the final flash.
 */
// A generous boot limit: the first boot of a JVM also parses ota_updater.py in a cold interpreter.
@OtaSimulatorTest(bootTimeLimitMillis = 60_000)
class ReferenceUpdaterTest {

  @Nested
  class Versions {
    @Test
    void comparesTagsAsSemanticVersions(Device device) {
      // given
      device
          .flash()
          .put(
              "/main.py",
              """
              from ota_updater import is_newer
              for a, b in (("v1.10.0", "v1.9.3"), ("1.0.0", "1.0.0-rc.1"), ("1.0.0-rc.10", "1.0.0-rc.2"),
                           ("1.0.0-beta", "1.0.0-alpha.1"), ("1.0.0-alpha.1", "1.0.0-alpha"),
                           ("1.0.0-alpha.beta", "1.0.0-alpha.12"), ("v2", "1.99.99"), ("V1.2.3", "1.2.2+build.9")):
                  print(a, ">", b, is_newer(a, b), is_newer(b, a))
              print("equal", is_newer("v1.2.0", "1.2.0"), is_newer("1.2.0+b1", "1.2.0+b2"))
              """);
      device
          .flash()
          .put("/ota_updater.py", dev.otasim.scenario.ReferenceUpdater.file("ota_updater.py"));

      // when
      device.boot();

      // then
      assertThat(device.console())
          .isEqualTo(
              """
              v1.10.0 > v1.9.3 True False
              1.0.0 > 1.0.0-rc.1 True False
              1.0.0-rc.10 > 1.0.0-rc.2 True False
              1.0.0-beta > 1.0.0-alpha.1 True False
              1.0.0-alpha.1 > 1.0.0-alpha True False
              1.0.0-alpha.beta > 1.0.0-alpha.12 True False
              v2 > 1.99.99 True False
              V1.2.3 > 1.2.2+build.9 True False
              equal False False
              """);
    }

    @Test
    void anEqualTagIsNoUpdate(Device device, FakeGitHub github) {
      // given
      github.repository(REPO).release("v1.1.0", t -> t.file("main/app.py", APP));
      runningVersion(device, "v1.1.0");

      // when
      device.runUntilSettled();

      // then
      assertThat(device)
          .bootedTimes(1)
          .hasSettled()
          .printed("OTA: v1.1.0 installed, latest release v1.1.0; up to date");
      assertThat(device).doesNotHaveFile("/next");
      assertThat(device.journal()).matchesGolden("updater-no-update");
    }

    @Test
    void anOlderTagIsNoUpdate(Device device, FakeGitHub github) {
      github.repository(REPO).release("v1.9.3", t -> t.file("main/app.py", APP));
      runningVersion(device, "v1.10.0");

      device.runUntilSettled();

      assertThat(device)
          .bootedTimes(1)
          .printed("OTA: v1.10.0 installed, latest release v1.9.3; up to date");
      assertThat(device).doesNotHaveFile("/next");
    }

    @Test
    void aNewerTagIsScheduledForTheNextBoot(Device device, FakeGitHub github) {
      // given: 1.10.0 sorts before 1.9.3 as text
      github
          .repository(REPO)
          .release("v1.9.3", t -> t.file("main/app.py", APP))
          .release("v1.10.0", t -> t.file("main/app.py", APP));
      runningVersion(device, "v1.9.3");

      // when
      device.boot();

      // then
      assertThat(device).lastBoot().endedWith(BootOutcome.HARD_RESET);
      assertThat(device)
          .printed("OTA: v1.9.3 installed, v1.10.0 available; will install after reset")
          .hasFileWithText("/next/.version_on_reboot", "v1.10.0");
      assertThat(device.journal()).matchesGolden("updater-update-available");
    }
  }

  @Nested
  class Install {
    @Test
    void installsTheReleaseWithSubfoldersAndRemovesFilesGoneFromIt(
        Device device, FakeGitHub github) {
      // given: v1.0.0 had main/old.py; v1.1.0 drops it and adds folders three levels deep
      github
          .repository(REPO)
          .release("v1.0.0", t -> t.file("main/app.py", APP).file("main/old.py", "OLD = 1\n"))
          .release(
              "v1.1.0",
              t ->
                  t.file("main/app.py", APP)
                      .file("main/lib/sensors/bme280.py", "ADDRESS = 0x76\n")
                      .file("main/lib/util.py", "def clamp(x):\n    return x\n")
                      .file("README.md", "# app\n"));
      runningVersion(device, "v1.0.0");
      device.flash().put("/main/old.py", "OLD = 1\n");

      // when
      device.runUntilSettled();

      // then
      assertThat(device).bootedTimes(3).hasSettled().printed("app: v1.1.0 running");
      assertThat(device).printed("OTA: v1.1.0 confirmed; previous version deleted");
      assertAppTree(
          device,
          """
          /main/
          /main/.version  6 B
          /main/app.py  %d B
          /main/lib/
          /main/lib/sensors/
          /main/lib/sensors/bme280.py  15 B
          /main/lib/util.py  27 B
          """
              .formatted(APP.length()));
      // The article's order, with main/ kept as prev/ until the new version confirms itself.
      assertThat(device.journal())
          .containsInOrder(
              "mkdir next",
              "open next/.version_on_reboot w",
              "reset HARD",
              "open next/app.py wb",
              "close next/lib/util.py",
              "open next/.complete w",
              "close next/.complete",
              "rename main -> prev",
              "rename next -> main",
              "rename main/.version_on_reboot -> main/.version",
              "remove main/.complete",
              "reset HARD",
              "rename prev -> .ota_trash",
              "rmdir .ota_trash");
      assertThat(device.journal()).matchesGolden("updater-install");
    }

    @Test
    void startsWifiOnlyWhenAnUpdateIsPending(Device device, FakeGitHub github) {
      // given: a main.py that only runs the boot-time step, with nothing scheduled
      runningVersion(device, "v1.0.0");
      device
          .flash()
          .put(
              "/main.py",
              """
              from ota_updater import OTAUpdater
              print(OTAUpdater("owner/app").download_and_install_update_if_available("home", "secret"))
              """);

      // when
      device.boot();

      // then
      assertThat(device).lastBoot().printedExactly("False\n");
      assertThat(device.journal()).network().containsExactly();
    }

    @Test
    void installsFromASourceFolderOfAMonorepo(Device device, FakeGitHub github) {
      // given
      github
          .repository(REPO)
          .release(
              "v2.0.0",
              t ->
                  t.file("boards/sensor/main/app.py", APP)
                      .file("boards/sensor/main/lib/pins.py", "LED = 2\n")
                      .file("boards/gateway/main/app.py", "GATEWAY = True\n")
                      .file("server/api.py", "pass\n"));
      Boards.flashUpdater(device, Boards.PASSWORD, "\"source_dir\": \"boards/sensor\"");
      device.flash().put("/main/app.py", APP);
      device.flash().put("/main/.version", "v1.0.0");
      device.network().accessPoint(Boards.SSID, Boards.PASSWORD);

      // when
      device.runUntilSettled();

      // then
      assertThat(device).hasSettled().printed("app: v2.0.0 running");
      assertAppTree(
          device,
          """
          /main/
          /main/.version  6 B
          /main/app.py  %d B
          /main/lib/
          /main/lib/pins.py  8 B
          """
              .formatted(APP.length()));
      assertThat(device.journal()).matchesGolden("updater-monorepo");
    }
  }

  @Nested
  class PrivateRepository {
    @Test
    void sendsTheTokenFromTheSecretsFileToGitHubOnly(Device device, FakeGitHub github) {
      // given
      github
          .repository(REPO)
          .makePrivate("ghp_board7")
          .release("v1.1.0", t -> t.file("main/app.py", APP));
      runningVersion(device, "v1.0.0");
      device.flash().put("/main/secrets.json", "{\"github_token\": \"ghp_board7\"}");

      // when
      device.runUntilSettled();

      // then
      assertThat(device).hasSettled().printed("app: v1.1.0 running");
      assertThat(device)
          .hasFileWithText("/main/secrets.json", "{\"github_token\": \"ghp_board7\"}");
      assertThat(github.exchanges())
          .isNotEmpty()
          .allSatisfy(
              e ->
                  assertThat(e.requestHeaders())
                      .containsEntry("Authorization", "token ghp_board7"));
      assertThat(device.console()).doesNotContain("ghp_board7");
      assertThat(device.journal()).matchesGolden("updater-private-repo");
    }

    @Test
    void withoutATokenSaysWhereToPutIt(Device device, FakeGitHub github) {
      github
          .repository(REPO)
          .makePrivate("ghp_board7")
          .release("v1.1.0", t -> t.file("main/app.py", APP));
      runningVersion(device, "v1.0.0");

      device.runUntilSettled();

      assertThat(device)
          .hasSettled()
          .printed(
              "OTA: owner/app has no published release (or it is private and main/secrets.json has"
                  + " no github_token)");
    }

    @Test
    @OtaSimulatorTest(failOnUnexpectedRequests = false, bootTimeLimitMillis = 60_000)
    void neverSendsTheTokenToAHostOutsideGitHub(Device device, FakeGitHub github) {
      // given: a mirror host served by the same fake server
      device.network().host("mirror.example.com", "10.9.9.9").route("10.9.9.9", github.address());
      runningVersion(device, "v1.0.0");
      device.flash().put("/main/secrets.json", "{\"github_token\": \"ghp_board7\"}");
      device
          .flash()
          .put(
              "/main.py",
              """
              from ota_updater import OTAUpdater
              u = OTAUpdater("owner/app")
              u.using_network("home", "secret")
              for url in ("https://mirror.example.com/app.py", "https://raw.githubusercontent.com/owner/app/v1/x"):
                  try:
                      u._get(url, lambda s, h: None)
                  except Exception as e:
                      print(url, u.describe(e))
              """);

      // when
      device.boot();

      // then
      assertThat(github.exchanges())
          .extracting(Exchange::host)
          .containsExactly("mirror.example.com", "raw.githubusercontent.com");
      assertThat(github.exchanges().get(0).requestHeaders()).doesNotContainKey("Authorization");
      assertThat(github.exchanges().get(1).requestHeaders())
          .containsEntry("Authorization", "token ghp_board7");
    }
  }

  @Nested
  class GitHubErrors {
    @Test
    void aRepositoryWithoutAReleaseIsNoUpdate(Device device, FakeGitHub github) {
      // given: the repository exists, nothing is published (GitHub's 404)
      github.repository(REPO);
      runningVersion(device, "v1.0.0");

      // when
      device.runUntilSettled();

      // then
      assertThat(device).bootedTimes(1).hasSettled().doesNotHaveFile("/next");
      assertThat(device.journal()).matchesGolden("updater-no-release");
    }

    @Test
    void stopsAskingWhenTheRateLimitIsExhausted(Device device, FakeGitHub github) {
      // given: one API request left this hour; the install needs two more
      github.setRateLimit(1);
      github.repository(REPO).release("v1.1.0", t -> t.file("main/app.py", APP));
      runningVersion(device, "v1.0.0");

      // when
      device.runUntilSettled();

      // then: one refused request, no retries, the pending update waits for the next boot
      assertThat(device).bootedTimes(2).hasSettled().printed("app: v1.0.0 running");
      assertThat(device)
          .printed(
              "OTA: could not install v1.1.0: GitHub's API rate limit is exhausted; it resets in 60"
                  + " min, no requests until then; keeping v1.0.0, will retry at next boot");
      assertThat(device).hasFileWithText("/next/.version_on_reboot", "v1.1.0");
      assertThat(github.exchanges()).extracting(Exchange::status).containsExactly(200, 403);
      assertThat(device.journal()).matchesGolden("updater-rate-limited");
    }
  }

  @Nested
  class FlashAndMemory {
    @Test
    @OtaSimulatorTest(flashBlocks = 48, bootTimeLimitMillis = 60_000)
    void refusesAReleaseThatDoesNotFitBesideTheRunningOne(Device device, FakeGitHub github) {
      // given: 192 KB of flash; the new release carries a 150 KB file
      github
          .repository(REPO)
          .release(
              "v1.1.0", t -> t.file("main/app.py", APP).file("main/model.bin", binary(150_000)));
      runningVersion(device, "v1.0.0");

      // when
      device.runUntilSettled();

      // then
      assertThat(device).hasSettled().printed("app: v1.0.0 running");
      assertAppTree(
          device,
          """
          /main/
          /main/.rejected  6 B
          /main/.version  6 B
          /main/app.py  %d B
          """
              .formatted(APP.length()));
      assertThat(device.journal()).matchesGolden("updater-flash-full");
    }

    @Test
    void installsA200KBFileInChunksOfAtMost1KiB(Device device, FakeGitHub github) {
      // given
      byte[] big = binary(200_000);
      github
          .repository(REPO)
          .release("v1.1.0", t -> t.file("main/app.py", APP).file("main/assets/font.bin", big));
      runningVersion(device, "v1.0.0");

      // when
      device.runUntilSettled();

      // then: binary-safe, and no write (so no buffer) larger than the 1 KiB chunk
      assertThat(device).hasSettled().printed("app: v1.1.0 running");
      assertThat(device.flash().content("/main/assets/font.bin")).isEqualTo(big);
      assertThat(device.journal().events())
          .filteredOn(e -> e instanceof Event.Write)
          .extracting(e -> ((Event.Write) e).bytes())
          .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1024));
      assertThat(device.journal()).matchesGolden("updater-big-file");
    }

    @Test
    void theArticlesWholeFileDownloadRunsOutOfMemoryOnTheSameFile(
        Device device, FakeGitHub github) {
      // given: the article's approach, the whole body in RAM (r.content) before writing it
      github
          .repository(REPO)
          .release("v1.1.0", t -> t.file("main/assets/font.bin", binary(200_000)));
      device.network().accessPoint(Boards.SSID, Boards.PASSWORD);
      device
          .flash()
          .put(
              "/main.py",
              """
              import network, requests
              sta = network.WLAN(network.STA_IF)
              sta.active(True)
              sta.connect("home", "secret")
              while not sta.isconnected():
                  pass
              r = requests.get("https://raw.githubusercontent.com/owner/app/v1.1.0/main/assets/font.bin",
                               headers={"User-Agent": "article"})
              with open("font.bin", "wb") as f:
                  f.write(r.content)
              """);

      // when
      device.boot();

      // then
      assertThat(device)
          .lastBoot()
          .endedWith(BootOutcome.EXCEPTION)
          .raised("MemoryError: memory allocation failed, allocating 200000 bytes");
      // open() came first, so LittleFS has committed the empty file, as on the board (spec §4)
      assertThat(device).hasFileWithText("/font.bin", "");
    }
  }

  @Nested
  class Network {
    @Test
    void aWrongWifiPasswordKeepsTheOldVersionAndThePendingUpdate(Device device, FakeGitHub github) {
      // given: an update is scheduled; the board's Wi-Fi password is wrong
      github.repository(REPO).release("v1.1.0", t -> t.file("main/app.py", APP));
      Boards.flashUpdater(device, "not-the-password", "");
      device.flash().put("/main/app.py", APP);
      device.flash().put("/main/.version", "v1.0.0");
      device.flash().put("/next/.version_on_reboot", "v1.1.0");
      device.network().accessPoint(Boards.SSID, Boards.PASSWORD);

      // when
      device.runUntilSettled();

      // then
      assertThat(device)
          .bootedTimes(1)
          .hasSettled()
          .printed(
              "OTA: could not install v1.1.0: Wi-Fi home: wrong password (status 202); keeping v1.0.0, will retry at next boot")
          .printed("app: v1.0.0 running")
          .hasFileWithText("/next/.version_on_reboot", "v1.1.0");
      assertThat(github.exchanges()).isEmpty();
      assertThat(device.journal()).matchesGolden("updater-wrong-wifi-password");
    }

    @Test
    void aDnsFailureIsRetriedAFewTimesThenWaitsForTheNextBoot(DeviceConfig config) {
      // given: a board whose DNS knows none of GitHub's names (a device of the test's
      // configuration, so -Dotasim.engine reaches it, not connected to the fake GitHub)
      Device device = Device.create(config);
      Boards.flashUpdater(device, Boards.PASSWORD, "");
      device.flash().put("/main/app.py", APP);
      device.flash().put("/main/.version", "v1.0.0");
      device.flash().put("/next/.version_on_reboot", "v1.1.0");
      device.network().accessPoint(Boards.SSID, Boards.PASSWORD);

      // when
      device.runUntilSettled();

      // then
      assertThat(device)
          .bootedTimes(1)
          .hasSettled()
          .printed("OTA: network error -202; retrying in 2 s (attempt 2 of 3)")
          .printed(
              "OTA: could not install v1.1.0: network error -202; keeping v1.0.0, will retry at next boot")
          .hasFileWithText("/next/.version_on_reboot", "v1.1.0");
      assertThat(device.journal()).matchesGolden("updater-dns-failure");
    }
  }

  @Nested
  class Rollback {
    @Test
    void aNewVersionWhoseEntryPointRaisesIsReplacedByThePreviousOne(
        Device device, FakeGitHub github) {
      // given
      github
          .repository(REPO)
          .release("v1.0.0", t -> t.file("main/app.py", APP))
          .release("v1.1.0", t -> t.file("main/app.py", BROKEN_APP));
      runningVersion(device, "v1.0.0");

      // when
      device.runUntilSettled();

      // then: v1.0.0 runs again and does not install v1.1.0 a second time
      assertThat(device).hasSettled().bootedTimes(4);
      assertThat(device)
          .printed(
              "OTA: v1.1.0 failed to start (RuntimeError: sensor driver missing); rolling back to v1.0.0")
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
      assertThat(device).hasFileWithText("/main/.version", "v1.0.0");
      assertThat(device.journal()).matchesGolden("updater-rollback-exception");
    }

    @Test
    void aNewVersionThatNeverConfirmsIsRolledBackAfterThreeBoots(Device device, FakeGitHub github) {
      github
          .repository(REPO)
          .release("v1.0.0", t -> t.file("main/app.py", APP))
          .release("v1.1.0", t -> t.file("main/app.py", LOOPING_APP));
      runningVersion(device, "v1.0.0");

      device.runUntilSettled();

      assertThat(device)
          .hasSettled()
          .bootedTimes(6)
          .printed("OTA: v1.1.0 was not confirmed within 3 boots; rolling back to v1.0.0");
      assertThat(device).hasFileWithText("/main/.version", "v1.0.0").doesNotHaveFile("/prev");
      assertThat(device.journal()).matchesGolden("updater-rollback-unconfirmed");
    }
  }

  @Nested
  class PreservedFiles {
    @Test
    void theBoardsSecretsAndConfigSurviveAnUpdate(Device device, FakeGitHub github) {
      // given: the release ships templates of both; the board has its own
      github
          .repository(REPO)
          .release(
              "v1.1.0",
              t ->
                  t.file("main/app.py", APP)
                      .file("main/secrets.json", "{\"api_key\": \"\"}")
                      .file("main/config.json", "{\"interval\": 60}"));
      Boards.flashUpdater(device, Boards.PASSWORD, "\"preserve\": [\"config.json\"]");
      device.flash().put("/main/app.py", APP);
      device.flash().put("/main/.version", "v1.0.0");
      device.flash().put("/main/secrets.json", "{\"api_key\": \"board-7\"}");
      device.flash().put("/main/config.json", "{\"interval\": 5}");
      device.network().accessPoint(Boards.SSID, Boards.PASSWORD);

      // when
      device.runUntilSettled();

      // then
      assertThat(device)
          .hasSettled()
          .printed("app: v1.1.0 running")
          .hasFileWithText("/main/secrets.json", "{\"api_key\": \"board-7\"}")
          .hasFileWithText("/main/config.json", "{\"interval\": 5}");
      assertThat(device.journal()).matchesGolden("updater-secrets-kept");
    }
  }
}
