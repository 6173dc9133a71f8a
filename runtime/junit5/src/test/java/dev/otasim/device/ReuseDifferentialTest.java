package dev.otasim.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.otasim.engine.graalpy.ContextPool;
import dev.otasim.scenario.DemoSweep;
import dev.otasim.sweep.PowerCutSweep;
import dev.otasim.sweep.SweepReport;
import dev.otasim.sweep.Verdict;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A boot in a reused context is the same as a boot in a new one: the golden scenarios (the
 * reference updater's, the idiom fixtures', the demo's), the fidelity probes and points of the
 * demo's power-cut sweep run once with a new context per boot and once with reused contexts, and
 * every boot of every board must leave the same journal, console and flash. Only GraalPy reuses
 * contexts, so only its boots are run here: the probes' and golden modules' runs on the real
 * MicroPython VM would be the same boots twice.
 */
@Isolated // sets the JVM-wide fresh-context switch and watches every boot
class ReuseDifferentialTest {
  @Test
  void goldenScenariosAndFidelityProbesBootTheSameInReusedContexts() {
    // given the scenarios of the golden journals and the probes checked against real boards
    Supplier<String> scenarios =
        () -> {
          EngineExecutionResults results =
              EngineTestKit.engine("junit-jupiter")
                  .selectors(
                      selectClass("dev.otasim.updater.ReferenceUpdaterTest"),
                      selectClass("dev.otasim.idioms.IdiomTest"),
                      selectClass("dev.otasim.scenario.DemoScenarioTest"),
                      selectMethod(
                          "dev.otasim.fidelity.ProbeFidelityTest",
                          "printsWhatTheBoardPrintsExceptTheKnownDifferences",
                          "java.lang.String"),
                      selectMethod(
                          "dev.otasim.fidelity.GoldenModuleTest",
                          "printsTheBoardsTranscript",
                          "java.lang.String"))
                  .execute();
          return "tests: "
              + results.testEvents().succeeded().count()
              + " passed, "
              + results.testEvents().failed().count()
              + " failed";
        };

    // when they run with new contexts, then with reused ones
    Run fresh = record(true, scenarios);
    Run reused = record(false, scenarios);

    // then
    assertSameBoots(fresh, reused);
  }

  /**
   * Every sixth point of the demo's sweep: they fall in every boot of the update and take the board
   * through several reboots each. Each boot in a fresh context costs what a first boot costs, so
   * all 80 points took most of this module's time; PowerCutSweepTest sweeps all of them (in reused
   * contexts) for the verdicts.
   */
  @Test
  void theDemosPowerCutSweepGivesTheSameReportInReusedContexts() {
    AtomicReference<SweepReport> last = new AtomicReference<>();
    Supplier<String> sweep =
        () -> {
          SweepReport r =
              PowerCutSweep.builder(DemoSweep::create, DemoSweep.invariants())
                  .setThreads(1)
                  .setShard(1, 6)
                  .build()
                  .run();
          last.set(r);
          return r.text();
        };

    Run fresh = record(true, sweep);
    Run reused = record(false, sweep);

    assertSameBoots(fresh, reused);
    // and the points reach past the first boot and recover, as in PowerCutSweepTest's full sweep
    SweepReport report = last.get();
    assertThat(report.cuts()).hasSizeGreaterThan(10).anyMatch(c -> c.boot() > 1);
    assertThat(report.counts().get(Verdict.RECOVERED_NEW)).isEqualTo(report.cuts().size());
  }

  /** What one run printed and every boot of every board it made, in order. */
  private record Run(String outcome, List<String> boots, int reusedContexts) {}

  private static Run record(boolean freshContexts, Supplier<String> what) {
    List<String> boots = Collections.synchronizedList(new ArrayList<>());
    int reusedBefore = ContextPool.stats().reused();
    String previous = System.getProperty(ContextPool.FRESH_PROPERTY);
    System.setProperty(ContextPool.FRESH_PROPERTY, Boolean.toString(freshContexts));
    Device.bootObserver = (device, boot) -> boots.add(comparable(snapshot(device, boot)));
    try {
      String outcome = comparable(what.get());
      return new Run(outcome, List.copyOf(boots), ContextPool.stats().reused() - reusedBefore);
    } finally {
      Device.bootObserver = null;
      if (previous == null) {
        System.clearProperty(ContextPool.FRESH_PROPERTY);
      } else {
        System.setProperty(ContextPool.FRESH_PROPERTY, previous);
      }
    }
  }

  /**
   * The text without what differs between any two runs: object addresses in reprs ({@code <function
   * f at 0x57c1>}, identity hashes) and a sweep's wall time.
   */
  private static String comparable(String text) {
    return text.replaceAll(" at 0x[0-9a-f]+", " at 0x*").replaceAll(" in [0-9.]+ s:", " in * s:");
  }

  private static void assertSameBoots(Run fresh, Run reused) {
    assertThat(fresh.reusedContexts()).as("contexts reused in the fresh run").isZero();
    assertThat(reused.reusedContexts())
        .as("contexts reused in the reuse run")
        .isGreaterThan(reused.boots().size() / 2);
    assertThat(reused.outcome()).isEqualTo(fresh.outcome());
    for (int i = 0; i < Math.min(fresh.boots().size(), reused.boots().size()); i++) {
      assertThat(reused.boots().get(i)).as("boot record %d", i).isEqualTo(fresh.boots().get(i));
    }
    assertThat(reused.boots()).hasSameSizeAs(fresh.boots());
  }

  private static String snapshot(Device device, BootResult boot) {
    StringBuilder s = new StringBuilder();
    s.append(boot).append('\n');
    s.append("-- console\n").append(boot.console());
    s.append("-- journal\n").append(device.journal().text());
    s.append("-- flash\n").append(device.flash().tree());
    Map<String, byte[]> files = new TreeMap<>(device.flash().files());
    files.forEach((path, bytes) -> s.append(path).append(' ').append(sha256(bytes)).append('\n'));
    return s.toString();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
