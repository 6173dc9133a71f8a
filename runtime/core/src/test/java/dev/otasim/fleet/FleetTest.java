package dev.otasim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otasim.sweep.Shard;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FleetTest {
  private static int sum(FleetReport r) {
    return Arrays.stream(BoardState.values()).mapToInt(r::finalCount).sum();
  }

  @Nested
  class Bricks {
    @Test
    void noBoardBricksWithTheReferenceUpdaterAtOnePercentPowerCuts() {
      // given a hundred boards on the demo, power cut in 1% of their power cycles, and a token
      // per site so that the rate limit does not slow them down
      Fleet fleet =
          Fleet.builder(World.demo())
              .setBoards(100)
              .setSeed(7)
              .setSites(4)
              .setHours(3)
              .setPowerCutRate(0.01)
              .setTokens(Fleet.Tokens.SITE)
              .build();

      // when the rollout runs
      FleetReport report = fleet.run();

      // then every board runs the new version within the first hours, and none bricked
      assertThat(report.finalCount(BoardState.BRICKED)).isZero();
      assertThat(report.casualties()).isZero();
      assertThat(report.finalCount(BoardState.UPDATED)).isEqualTo(100);
      assertThat(report.secondsTo(99)).isBetween(0L, 3 * 3600L);
      assertThat(sum(report)).isEqualTo(report.boards()).isEqualTo(100);
    }

    @Test
    void theReferenceUpdaterSurvivesEvenFrequentCutsWhereTheArticlesBricksBoards() {
      // given sixty boards powered on once each, half of them cut by power while they update
      FleetReport naive =
          Fleet.builder(World.naive())
              .setBoards(60)
              .setSeed(3)
              .setSites(6)
              .setHours(1)
              .setPowerCutRate(0.5)
              .build()
              .run();
      FleetReport reference =
          Fleet.builder(World.demo())
              .setBoards(60)
              .setSeed(3)
              .setSites(6)
              .setHours(1)
              .setPowerCutRate(0.5)
              .build()
              .run();

      assertThat(naive.finalCount(BoardState.BRICKED)).isPositive();
      assertThat(naive.json(false))
          .contains("\"problems\": [\"/main/.version is missing\"")
          .contains(
              "\"power cut\", \"boot 3 cause=PWRON\", \"uncaught ImportError: no module named 'main.ota_updater'\"");
      assertThat(reference.finalCount(BoardState.BRICKED)).isZero();
      assertThat(sum(naive)).isEqualTo(60);
    }
  }

  @Nested
  class RateLimit {
    @Test
    void boardsBehindOneIpStallOnTheSixtyRequestsAnHourAndATokenLiftsThat() {
      Fleet.Builder oneIp =
          Fleet.builder(World.demo()).setBoards(60).setSeed(1).setHours(2).setInterval(1800);
      FleetReport shared = oneIp.build().run();
      FleetReport tokens = oneIp.setTokens(Fleet.Tokens.SITE).build().run();

      // 60 boards checking twice an hour need about 4 requests each to update: the IP runs dry
      assertThat(shared.json(false)).contains("\"limit_per_hour\": 60");
      assertThat(shared.onTargetAt(1)).isLessThan(60);
      long all = shared.secondsTo(100);
      assertThat(all < 0 || all > 3600).as("all boards on v1.1.0 at %d s", all).isTrue();
      assertThat(tokens.onTargetAt(1)).isEqualTo(60);
      assertThat(tokens.json(false)).contains("\"limit_per_hour\": 5000");
    }
  }

  @Nested
  class Determinism {
    private Fleet.Builder fleet() {
      return Fleet.builder(World.demo())
          .setBoards(16)
          .setSeed(11)
          .setSites(3)
          .setHours(2)
          .setPowerCutRate(0.15)
          .setWifiDropRate(0.2)
          .setWifiFailureRate(0.1);
    }

    @Test
    void theSameSeedGivesTheSameReportOnOneAndOnTwoThreads() {
      String one = fleet().setThreads(1).build().run().json(false);
      String two = fleet().setThreads(2).build().run().json(false);

      assertThat(two).isEqualTo(one);
    }

    @Test
    void shardsMergedGiveTheWholeRunsReport() {
      FleetReport whole = fleet().setThreads(2).build().run();
      FleetReport first = fleet().setShard(new Shard(1, 2)).build().run();
      FleetReport second = fleet().setShard(new Shard(2, 2)).build().run();

      FleetReport merged =
          FleetReport.merge(
              List.of(
                  FleetReport.parse("2.json", second.json(true)),
                  FleetReport.parse("1.json", first.json(true))));

      assertThat(first.boards() + second.boards()).isEqualTo(16);
      assertThat(merged.json(false).replace("[\"1/2\", \"2/2\"]", "[\"1/1\"]"))
          .isEqualTo(whole.json(false));
      assertThat(merged.allShards()).isTrue();
    }

    @Test
    void replayingRememberedCyclesChangesNothing() {
      FleetReport memo = fleet().setThreads(1).build().run();
      FleetReport booted = fleet().setThreads(1).setMemo(false).build().run();

      assertThat(memo.json(false)).isEqualTo(booted.json(false));
      assertThat(memo.run().memoHits()).isPositive();
      assertThat(booted.run().memoHits()).isZero();
    }

    @Test
    void mergingShardsOfDifferentFleetsIsRefused() {
      FleetReport a =
          FleetReport.parse("a.json", fleet().setBoards(2).setHours(1).build().run().json(false));
      FleetReport b =
          FleetReport.parse(
              "b.json", fleet().setBoards(2).setHours(1).setSeed(12).build().run().json(false));

      assertThatThrownBy(() -> FleetReport.merge(List.of(a, b)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("the reports come from different fleets: ")
          .hasMessageEndingWith("; merge the shards of one run (same seed and options)");
      assertThatThrownBy(() -> FleetReport.merge(List.of(a, a)))
          .hasMessage("shard 1/1 is given twice");
    }
  }

  @Nested
  class Schedule {
    @Test
    void aReleasePublishedLaterIsReachedOnlyAfterItAppears() {
      FleetReport report =
          Fleet.builder(World.demo())
              .setBoards(10)
              .setSeed(5)
              .setHours(3)
              .setTokens(Fleet.Tokens.BOARD)
              .publish("v1.0.0", 0, false)
              .publish("v1.1.0", 3600, true)
              .publish("v1.1.0", 7200, false)
              .build()
              .run();

      assertThat(report.target()).isEqualTo("v1.1.0");
      assertThat(report.onTargetAt(2)).isZero();
      assertThat(report.secondsTo(1)).isGreaterThanOrEqualTo(7200);
      assertThat(report.finalCount(BoardState.UPDATED)).isEqualTo(10);
    }

    @Test
    void publishingATagThatIsNoReleaseSaysWhichAreThere() {
      assertThatThrownBy(() -> Fleet.builder(World.demo()).publish("v9", 0, false).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no release v9 to publish; the releases are v1.0.0, v1.1.0");
    }
  }

  @Nested
  class WallClock {
    @Test
    void aBootThatPassesTheTimeLimitEndsTheRunInsteadOfCountingAsHung() {
      // given a fleet whose boots may run for 1 ms only: every boot passes the limit, as a boot
      // waiting on its fake GitHub does on an overloaded machine
      Fleet fleet =
          Fleet.builder(World.demo())
              .setBoards(3)
              .setSeed(5)
              .setHours(1)
              .setPowerOnSpread(0)
              .setThreads(1)
              .setBootTimeLimit(java.time.Duration.ofMillis(1))
              .build();

      // when the rollout runs, then it fails naming the problem and the fix, with no report in
      // which the boards ended as hung or in a boot loop
      assertThatThrownBy(fleet::run)
          .isInstanceOf(dev.otasim.device.SimulatorException.class)
          .hasMessage(
              "board 0's power cycle at 0:00 (site 0) passed the boot time limit of 1 ms twice; a"
                  + " fleet counts no boot as hung, since that depends on how loaded the machine"
                  + " is, not on the seed. Rerun with fewer --threads or on a less busy machine;"
                  + " if it happens again, the updater itself may hang: run one board with otasim"
                  + " run to see where");
    }
  }

  @Nested
  class StartMix {
    @Test
    void boardsStartOnTheReleasesOfTheMixInstalledWhole() {
      // given ten boards that start on v1.0.0 or on v1.1.0, and a rate limit that refuses every
      // check, so that no board moves from where it started
      FleetReport report =
          Fleet.builder(World.demo())
              .setBoards(10)
              .setSeed(2)
              .setHours(1)
              .setRateLimit(0)
              .start("v1.0.0", 1)
              .start("v1.1.0", 1)
              .build()
              .run();

      // then the boards on v1.1.0 count as updated, the others as old, and none is bricked:
      // each release's app files were installed whole, with its version file
      assertThat(report.finalCount(BoardState.UPDATED)).isEqualTo(6);
      assertThat(report.finalCount(BoardState.OLD)).isEqualTo(4);
      assertThat(report.finalCount(BoardState.BRICKED)).isZero();
    }

    @Test
    void aStartingVersionThatIsNoReleaseNamesTheReleases() {
      assertThatThrownBy(() -> Fleet.builder(World.demo()).start("v0.9.0", 3).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no release v0.9.0 to start boards on; the releases are v1.0.0, v1.1.0");
    }
  }
}
