package dev.otasim.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.scenario.DemoScenario;
import dev.otasim.scenario.NaiveScenario;
import dev.otasim.stubs.machine.Board;
import dev.otasim.sweep.Injection;
import dev.otasim.sweep.PowerCutSweep;
import dev.otasim.sweep.SweepReport;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Many update cycles in one JVM leave nothing behind: no threads, no listening ports, no retained
 * boards, no heap that grows with the number of runs.
 */
// measures the heap and the live threads of the whole JVM
@Isolated
class LeakTest {
  private static final int WARM_UP = 2;
  private static final int CYCLES = 40;
  private static final int MEASURE_AT = 10;

  /** Threads that come and go with pools the JVM or libraries keep (okhttp's idle task runners). */
  private static final int THREAD_SLACK = 4;

  /** Far above the noise of a few runs; far below what 30 retained boots would cost. */
  private static final long HEAP_SLACK_BYTES = 48L * 1024 * 1024;

  @Test
  void fortyDemoUpdateCyclesLeaveNoThreadsPortsBoardsOrGrowingHeap() throws Exception {
    // given a warm JVM
    for (int i = 0; i < WARM_UP; i++) {
      runDemoCycle();
    }
    List<String> before = liveThreadNames();
    List<Integer> formerPorts = new ArrayList<>();
    List<WeakReference<Board>> boards = new ArrayList<>();
    long heapAtTen = 0;

    // when
    for (int i = 1; i <= CYCLES; i++) {
      Cycle c = runDemoCycle();
      formerPorts.add(c.port());
      boards.add(new WeakReference<>(c.board()));
      if (i == MEASURE_AT) {
        heapAtTen = usedHeapAfterGc();
      }
    }
    long heapAtForty = usedHeapAfterGc();

    // then
    List<String> after = settledThreadNames(before.size() + THREAD_SLACK);
    assertThat(after.size())
        .as("live threads before %s%nafter %s", before, after)
        .isLessThanOrEqualTo(before.size() + THREAD_SLACK);
    assertThat(after)
        .as("no fake GitHub still listens")
        .noneMatch(
            name ->
                formerPorts.stream().anyMatch(p -> name.equals("MockWebServer{port=" + p + "}")));
    assertThat(formerPorts)
        .allSatisfy(port -> assertThat(refuses(port)).as("port %d", port).isTrue());
    assertThat(boards.stream().filter(b -> b.get() != null).count())
        .as("boards still reachable after their runs ended")
        .isZero();
    System.out.printf(
        "LeakTest: heap after %d cycles %d MiB, after %d cycles %d MiB; threads %d -> %d%n",
        MEASURE_AT, heapAtTen >> 20, CYCLES, heapAtForty >> 20, before.size(), after.size());
    assertThat(heapAtForty)
        .as("heap after %d cycles vs after %d", CYCLES, MEASURE_AT)
        .isLessThan(heapAtTen + HEAP_SLACK_BYTES);
  }

  @Test
  void aPowerCutSweepRunTwiceLeavesNoExtraThreads() {
    // given a sweep that has run once (pools and caches exist); a full flash before each write of
    // the naive updater is the smallest sweep there is (a dozen runs), and uses the same engine
    PowerCutSweep sweep =
        PowerCutSweep.builder(NaiveScenario::create, NaiveScenario.invariants())
            .setInjection(new Injection.FlashFull())
            .setThreads(2)
            .build();
    SweepReport first = sweep.run();
    List<String> afterFirst = settledThreadNames(0);

    // when it runs again
    SweepReport second = sweep.run();

    // then
    assertThat(second.cuts()).hasSameSizeAs(first.cuts());
    List<String> afterSecond = settledThreadNames(afterFirst.size() + THREAD_SLACK);
    assertThat(afterSecond.size())
        .as("threads after one sweep %s%nafter two %s", afterFirst, afterSecond)
        .isLessThanOrEqualTo(afterFirst.size() + THREAD_SLACK);
    assertThat(afterSecond).noneMatch(name -> name.equals("otasim-sweep"));
  }

  private record Cycle(int port, Board board) {}

  private static Cycle runDemoCycle() {
    try (DemoScenario scenario = DemoScenario.create()) {
      List<BootResult> run = scenario.device().runUntilSettled();
      assertThat(run.get(run.size() - 1).outcome()).isEqualTo(BootOutcome.RETURNED);
      return new Cycle(scenario.github().address().getPort(), scenario.device().board());
    }
  }

  private static boolean refuses(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * The live threads' names, once their number drops to {@code target} or after a minute: ending
   * threads take longer on a loaded machine, and the wait ends as soon as they are gone.
   */
  private static List<String> settledThreadNames(int target) {
    List<String> names = liveThreadNames();
    for (int i = 0; i < 600 && names.size() > target; i++) {
      sleep(100);
      names = liveThreadNames();
    }
    return names;
  }

  private static List<String> liveThreadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .sorted()
        .collect(Collectors.toList());
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      sleep(100);
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
