package dev.otasim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otasim.device.DeviceConfig;
import dev.otasim.scenario.FolderScenario;
import dev.otasim.sweep.Shard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleets against the origins real updaters use: a server of one's own publishing the new version on
 * the schedule, an app kept somewhere other than /main, and an updater that acts on GitHub's
 * rate-limit headers.
 */
class FleetOriginsTest {
  private static final Path OWN = Path.of("../../examples/own-server");
  private static final String SERVER = "http://192.168.1.10:8000/";

  private static FolderScenario.Spec ownServer() {
    return new FolderScenario.Spec(
        OWN.resolve("board"),
        null,
        null,
        DeviceConfig.builder().setMaxBoots(12).build(),
        null,
        null,
        null,
        false,
        Map.of(),
        null,
        Map.of(SERVER, OWN.resolve("srv")),
        null);
  }

  private static World ownServerWorld() {
    return World.folder(
        ownServer(),
        new FolderScenario.NewVersion("1.1.0", OWN.resolve("srv/app")),
        World.Layout.FIND,
        FleetWording.API);
  }

  @Nested
  class OwnServer {
    @Test
    void theAppFolderAndVersionFileAreFoundFromACleanUpdate() {
      World world = ownServerWorld();

      assertThat(world.appDir()).isEqualTo("/app");
      assertThat(world.versionFile()).isEqualTo("/app/.version");
      assertThat(world.tags()).containsExactly("1.0.0", "1.1.0");
    }

    @Test
    void boardsReachTheVersionTheServerPublishesOnlyOnceItIsPublished() {
      // given the new version published on the server at 1:00 and no rate limit in the way
      FleetReport report =
          Fleet.builder(ownServerWorld())
              .setBoards(8)
              .setSeed(3)
              .setSites(2)
              .setHours(3)
              .setRateLimit(0)
              .publish("1.1.0", 3600, false)
              .build()
              .run();

      // then nobody has it before 1:00, all have it after, though GitHub refuses every API call:
      // the rate limit is GitHub's API hosts' alone
      assertThat(report.target()).isEqualTo("1.1.0");
      assertThat(report.onTargetAt(1)).isZero();
      assertThat(report.secondsTo(1)).isGreaterThanOrEqualTo(3600);
      assertThat(report.finalCount(BoardState.UPDATED)).isEqualTo(8);
      assertThat(report.finalCount(BoardState.BRICKED)).isZero();
    }

    @Test
    void theReportIsTheSameOnOneAndTwoThreadsShardedAndWithoutTheMemo() {
      Fleet.Builder fleet =
          Fleet.builder(ownServerWorld())
              .setBoards(10)
              .setSeed(5)
              .setSites(3)
              .setHours(2)
              .setPowerCutRate(0.2)
              .setWifiDropRate(0.2);
      String one = fleet.setThreads(1).build().run().json(false);
      FleetReport two = fleet.setThreads(2).build().run();
      String booted = fleet.setThreads(1).setMemo(false).build().run().json(false);
      FleetReport first = fleet.setMemo(true).setShard(new Shard(1, 2)).build().run();
      FleetReport second = fleet.setShard(new Shard(2, 2)).build().run();
      FleetReport merged =
          FleetReport.merge(
              List.of(
                  FleetReport.parse("1.json", first.json(true)),
                  FleetReport.parse("2.json", second.json(true))));

      assertThat(two.json(false)).isEqualTo(one);
      assertThat(booted).isEqualTo(one);
      assertThat(merged.json(false).replace("[\"1/2\", \"2/2\"]", "[\"1/1\"]")).isEqualTo(one);
      assertThat(two.run().memoHits()).isPositive();
    }
  }

  @Nested
  class Layout {
    @Test
    void aVersionFileGivenNamesItsFolderAsTheApps() {
      World world =
          World.folder(
              ownServer(),
              new FolderScenario.NewVersion("1.1.0", null),
              new World.Layout(null, "/app/.version"),
              FleetWording.API);

      assertThat(world.appDir()).isEqualTo("/app");
    }

    @Test
    void anUpdaterThatLeavesNoVersionFileSaysWhatToGive() {
      // given a version the server does not publish: the clean update installs nothing
      assertThatThrownBy(
              () ->
                  World.folder(
                      ownServer(),
                      new FolderScenario.NewVersion("2.0.0", null),
                      World.Layout.FIND,
                      FleetWording.API))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "cannot tell where the updater keeps its version: after three power cycles with"
                  + " everything published, no file on the board says 2.0.0; give the layout's"
                  + " versionFile FILE (such as /app/.version; its folder is the app's unless the"
                  + " layout's appDir says otherwise)");
    }

    @Test
    void withoutReleasesTheVersionToReachIsNeeded() {
      assertThatThrownBy(() -> World.folder(ownServer(), null, World.Layout.FIND, FleetWording.API))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "a fleet must know the version its boards reach: give the target's version VERSION"
                  + " (and the target's app DIR, the folder of the app it installs), or the"
                  + " spec's releases DIR, whose newest tag is that version");
    }
  }

  @Nested
  class RateLimitHeaders {
    @TempDir Path dir;

    /**
     * An updater that takes the new release only while its IP has 50 or more API requests left this
     * hour, as read from {@code X-RateLimit-Remaining}.
     */
    private World politeUpdater() throws IOException {
      Path board = dir.resolve("board");
      Files.createDirectories(board.resolve("app"));
      Files.writeString(board.resolve("app/app.py"), "print('v1.0.0')\n");
      Files.writeString(board.resolve("app/.version"), "v1.0.0");
      Files.writeString(
          board.resolve("main.py"),
          """
          import network
          import requests
          import time

          UA = {"User-Agent": "polite"}
          wlan = network.WLAN(network.STA_IF)
          wlan.active(True)
          wlan.connect("home", "secret")
          while not wlan.isconnected():
              time.sleep_ms(100)


          def installed():
              try:
                  with open("/app/.version") as f:
                      return f.read().strip()
              except OSError:
                  return None


          r = requests.get("https://api.github.com/repos/me/app/releases/latest", headers=UA)
          left = int(r.headers.get("x-ratelimit-remaining", "0"))
          if r.status_code == 200 and left >= 50:
              tag = r.json()["tag_name"]
              if tag != installed():
                  url = "https://raw.githubusercontent.com/me/app/" + tag + "/app/app.py"
                  g = requests.get(url, headers=UA)
                  if g.status_code == 200:
                      with open("/app/app.py", "w") as f:
                          f.write(g.text)
                      with open("/app/.version", "w") as f:
                          f.write(tag)
          """);
      for (String tag : List.of("v1.0.0", "v1.1.0")) {
        Path app = dir.resolve("releases/" + tag + "/app");
        Files.createDirectories(app);
        Files.writeString(app.resolve("app.py"), "print('" + tag + "')\n");
      }
      FolderScenario.Spec spec =
          new FolderScenario.Spec(
              board,
              dir.resolve("releases"),
              "me/app",
              DeviceConfig.builder().setMaxBoots(12).build(),
              null,
              null,
              null,
              false);
      return World.folder(spec, null, World.Layout.FIND, FleetWording.API);
    }

    @Test
    void anUpdaterActingOnTheRemainderGetsTheSameReportWithTheMemoOnAndOff() throws IOException {
      // given 16 boards behind one IP, each checking twice an hour: the IP's 60 requests an hour
      // fall below 50 after its first boards' checks
      Fleet.Builder fleet =
          Fleet.builder(politeUpdater()).setBoards(16).setSeed(2).setHours(1).setInterval(1800);

      // when the fleet runs with the memo and without it
      FleetReport memo = fleet.setThreads(1).build().run();
      FleetReport booted = fleet.setThreads(1).setMemo(false).build().run();

      // then the boards saw what their IP had left, not a fresh hour each: some held back, and
      // replaying remembered cycles changed nothing
      assertThat(memo.json(false)).isEqualTo(booted.json(false));
      assertThat(memo.finalCount(BoardState.OLD)).isPositive();
      assertThat(memo.finalCount(BoardState.UPDATED)).isPositive();
    }
  }
}
