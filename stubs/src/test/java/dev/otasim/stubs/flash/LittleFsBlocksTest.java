package dev.otasim.stubs.flash;

import static dev.otasim.stubs.flash.Device.assertRaises;
import static dev.otasim.stubs.flash.Device.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * LittleFS block accounting, calibrated on vfs_probe.out's two {@code statvfs} lines and spec §15.
 * The probe's state is replayed step by step, so each number is the model's own, not a constant.
 */
class LittleFsBlocksTest {

  @Nested
  class Calibration {
    final Device device = Device.littleFs();
    final Flash flash = device.flash;

    /** The probe script up to its first {@code statvfs}. */
    void probeSetup() {
      device.write("/a.txt", "hello");
      flash.mkdir("/d");
      device.touch("/d/x");
    }

    @Test
    void probeSetupLeaves58Of64Free() {
      // given
      probeSetup();

      // when
      long[] blocks = flash.blocks();

      // then: "statvfs -> (4096, 4096, 64, 58, 58, 0, 0, 0, 0, 255)": the root pair (2) and d's
      // pair, which the traversal meets twice (4); a.txt and d/x are inline
      assertThat(blocks).containsExactly(64, 58);
    }

    @Test
    void probeStateAfterTheFillLeaves50Free() {
      // given: everything the probe does between its two statvfs calls
      probeSetup();
      flash.mkdir("/e");
      device.touch("/rf");
      flash.rmdir("/rf");
      flash.mkdir("/ed");
      flash.remove("/ed");
      device.write("/r1", "one");
      device.write("/r2", "two");
      flash.write(flash.open("/uc", "w"), bytes("data"));
      flash.rename("/r1", "/r2");
      flash.mkdir("/emptyd");
      flash.mkdir("/d2");
      flash.rename("/d2", "/emptyd");
      int wp = flash.open("/wp", "w+");
      flash.write(wp, bytes("xyz"));
      flash.open("/ww", "w");
      int sk = flash.open("/sk", "wb");
      flash.seek(sk, 10, 0);
      flash.write(sk, bytes("Z"));
      flash.close(sk);
      flash.open("/fl", "w");
      flash.remove("/fl");
      int big = flash.open("/big", "wb");
      assertRaises("OSError: 28", () -> fill(big));
      flash.close(big);

      // when
      long[] blocks = flash.blocks();

      // then: "big size after ENOSPC -> 0", "statvfs full -> (4096, 4096, 64, 50, 50, ...)": the
      // root pair plus d, e and emptyd at 4 traversed blocks each
      assertThat(device.size("/big")).isZero();
      assertThat(blocks).containsExactly(64, 50);
    }

    private void fill(int handle) {
      byte[] kib = new byte[1024];
      while (true) {
        flash.write(handle, kib);
      }
    }

    @Test
    void freshTwoMebibyteFlashWithBootPyLeaves509Free() {
      // given: spec §15 "fresh FS contains only boot.py"; 139 bytes is over the 128-byte inline
      // limit, so it takes one block
      Device board = Device.littleFs(Flash.DEFAULT_BLOCK_COUNT);
      board.flash.put("/boot.py", new byte[139]);

      // then: spec §18 "os.statvfs('/') (4096, 4096, 512, 509, 509, 0, 0, 0, 0, 255)"
      assertThat(board.flash.blocks()).containsExactly(512, 509);
    }

    @Test
    void freshlyFormattedTwoMebibyteFlashHas510Free() {
      // spec §2.2 "A freshly formatted 2 MiB LFS: (4096, 4096, 512, ~510, ~510, ...)"
      assertThat(Device.littleFs(512).flash.blocks()).containsExactly(512, 510);
    }
  }

  @Nested
  class Model {
    final Device device = Device.littleFs();
    final Flash flash = device.flash;

    @Test
    void filesUpTo128BytesAreInline() {
      flash.put("/small", new byte[128]);
      flash.put("/bigger", new byte[129]);

      assertThat(flash.blocks()).containsExactly(64, 64 - 2 - 1);
    }

    @Test
    void aBlockHoldsLessThan4096BytesOnceSkipListPointersAreNeeded() {
      // block 0 holds 4096, block 1 4092 (one pointer), block 2 4088 (two), block 3 4092
      assertThat(BlockBudget.ctzBlocks(4096)).isEqualTo(1);
      assertThat(BlockBudget.ctzBlocks(4096 + 4092)).isEqualTo(2);
      assertThat(BlockBudget.ctzBlocks(4096 + 4092 + 1)).isEqualTo(3);
      assertThat(BlockBudget.ctzBlocks(4096 + 4092 + 4088 + 1)).isEqualTo(4);
      assertThat(BlockBudget.ctzBlocks(128)).isZero();
    }

    @Test
    void aFileBeingWrittenHoldsItsNewBlocksBesideTheOldOnes() {
      // given: a committed 3-block file
      device.write("/fw", "x".repeat(10_000));
      long before = device.free();

      // when: rewritten but not yet closed
      int h = flash.open("/fw", "w");
      flash.write(h, bytes("y".repeat(10_000)));

      // then: copy-on-write, both versions take blocks until the commit
      assertThat(device.free()).isEqualTo(before - 3);
      flash.close(h);
      assertThat(device.free()).isEqualTo(before);
    }

    @Test
    void appendingSharesTheWholeBlocksBeforeTheFirstChange() {
      // given: two full blocks' worth of data committed
      device.write("/log", "x".repeat(4096 + 4092 + 10));
      int used = flash.blocksUsed();

      // when
      int h = flash.open("/log", "a");
      flash.write(h, bytes("more"));

      // then: blocks 0 and 1 are shared; only the last one is copied
      assertThat(flash.blocksUsed()).isEqualTo(used + 1);
    }

    @Test
    void aDirectoryNeedsTwoBlocksButShowsAsFourInStatvfs() {
      int used = flash.blocksUsed();
      long free = device.free();

      flash.mkdir("/d");

      assertThat(flash.blocksUsed()).isEqualTo(used + 2);
      assertThat(device.free()).isEqualTo(free - 4);
    }

    @Test
    void aDirectoryWithManyEntriesSplitsIntoAnotherPair() {
      // given: entries with inline data beyond half a block of metadata
      for (int i = 0; i < 20; i++) {
        flash.put("/f" + i, new byte[100]);
      }

      // then: the root needs a second pair
      assertThat(flash.blocksUsed()).isEqualTo(4);
    }
  }

  @Nested
  class Full {
    final Device device = Device.littleFs(8);
    final Flash flash = device.flash;

    @Test
    void aWriteBeyondCapacityIsOsError28AndLosesTheFilesUncommittedData() {
      // given: 6 blocks after the root pair
      device.write("/keep", "k".repeat(200));
      int h = flash.open("/keep", "a");
      flash.write(h, bytes("more"));

      // when
      assertRaises("OSError: 28", () -> flash.write(h, new byte[6 * 4096]));
      flash.close(h);

      // then: spec §4 "the data of that file not yet committed is lost"; the committed stays
      assertThat(device.read("/keep")).isEqualTo("k".repeat(200));
    }

    @Test
    void afterEnospcTheHandleNeverCommitsAgain() {
      // given
      int h = flash.open("/big", "wb");
      assertRaises("OSError: 28", () -> flash.write(h, new byte[7 * 4096]));

      // when
      flash.write(h, bytes("small"));
      flash.flush(h);
      flash.close(h);

      // then: vfs_probe "big size after ENOSPC -> 0"
      assertThat(device.size("/big")).isZero();
    }

    @Test
    void theFailedDataFreesItsBlocks() {
      int h = flash.open("/big", "wb");
      assertRaises("OSError: 28", () -> flash.write(h, new byte[7 * 4096]));

      assertThat(flash.blocks()).containsExactly(8, 6);
    }

    @Test
    void mkdirNeedsAFreePair() {
      flash.put("/fill", new byte[5 * 4096]);

      assertRaises("OSError: 28", () -> flash.mkdir("/d"));
    }

    @Test
    void statvfsNeverGoesNegative() {
      // given: three directories count 12 in the traversal on an 8-block flash with 6 free
      flash.mkdir("/a");
      flash.mkdir("/b");
      flash.mkdir("/c");

      assertThat(flash.blocks()).containsExactly(8, 0);
    }
  }
}
