package dev.otasim.engine.graalpy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Hundreds of boots in reused contexts retain no heap: what a boot builds (host modules, shims,
 * device globals, stub objects) is garbage once the next boot has prepared the context. Closing a
 * context per boot used to leave ~0.2-0.5 MiB behind each time. The suite boots 300 times (200
 * measured), which already tells ~13 MiB of slack from the ~44 MiB a context per boot would leave;
 * {@code -Dotasim.reuseHeap.boards=100} boots the thousand this test used to, and {@code otasim
 * bench} measures the heap retained per boot.
 */
@Isolated // measures the heap
class ReuseHeapTest {
  private static final int BOARDS = Integer.getInteger("otasim.reuseHeap.boards", 30);
  private static final int BOOTS_PER_BOARD = 10;
  private static final int MEASURE_AFTER_BOARDS = Math.max(1, BOARDS / 3);

  /**
   * A quarter of what a boot retained with a closed context per boot (~220 KiB, measured with the
   * demo cycle), far above the noise of heap measurement after GC. Measured on a loaded 2-core
   * machine: before the merge of fidelity's read-only modules and harden's cache ~0 per boot (the
   * demo cycle, 40 cycles), after it +25 KiB per boot over 800 boots; the target is 0, so this
   * bound catches a return to per-boot contexts, not yet the last of the growth.
   */
  private static final long SLACK_BYTES_PER_BOOT = 64 * 1024;

  private static final String MAIN =
      """
      import machine, os, json, time, socket, network, gc
      n = int(open('count').read()) if 'count' in os.listdir() else 0
      with open('count', 'w') as f:
          f.write(str(n + 1))
      json.dumps({'boot': n, 'files': os.listdir()})
      time.sleep_ms(5)
      if n + 1 < %d:
          machine.reset()
      """
          .formatted(BOOTS_PER_BOARD);

  @Test
  void hundredsOfBootsInReusedContextsRetainNoHeap() {
    // given a warm JVM
    Device.warmUp();
    int reusedBefore = ContextPool.stats().reused();
    long atStart = 0;

    // when thirty boards boot ten times each
    for (int b = 1; b <= BOARDS; b++) {
      Device board = Device.create();
      board.flash().put("/main.py", MAIN);
      assertThat(board.runUntilSettled()).hasSize(BOOTS_PER_BOARD);
      if (b == MEASURE_AFTER_BOARDS) {
        atStart = usedHeapAfterGc();
      }
    }
    long atEnd = usedHeapAfterGc();

    // then
    int measuredBoots = (BOARDS - MEASURE_AFTER_BOARDS) * BOOTS_PER_BOARD;
    System.out.printf(
        "ReuseHeapTest: heap %d KiB after %d boots, %d KiB after %d; %+.1f KiB per boot; %s%n",
        atStart >> 10,
        MEASURE_AFTER_BOARDS * BOOTS_PER_BOARD,
        atEnd >> 10,
        BOARDS * BOOTS_PER_BOARD,
        (atEnd - atStart) / 1024.0 / measuredBoots,
        ContextPool.stats());
    assertThat(ContextPool.stats().reused() - reusedBefore)
        .as("boots that reused a context")
        .isGreaterThanOrEqualTo(BOARDS * BOOTS_PER_BOARD - 2);
    assertThat(atEnd - atStart)
        .as("heap retained over %d boots", measuredBoots)
        .isLessThan(SLACK_BYTES_PER_BOOT * measuredBoots);
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
