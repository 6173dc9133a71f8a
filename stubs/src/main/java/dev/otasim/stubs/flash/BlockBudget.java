package dev.otasim.stubs.flash;

import java.util.Collection;
import java.util.Map;

/**
 * Block accounting: how many 4096-byte blocks the tree and the open files take, for {@code
 * os.statvfs} and for {@code OSError(28)}.
 *
 * <p><b>LittleFS model</b> (facts from the littlefs design notes and vfs_lfsx.c, calibrated on
 * vfs_probe.out):
 *
 * <ul>
 *   <li>The superblock shares the root directory's metadata pair: a fresh file system uses 2 blocks
 *       (spec §2.2 "fresh 2 MiB LFS ~510 free").
 *   <li>Every other directory has its own metadata pair (2 blocks). A pair holds about half a block
 *       of entries before littlefs splits it into a further pair; an entry costs its name, its tags
 *       and attributes ({@link #ENTRY_OVERHEAD} bytes, an estimate) and its inline data or 8-byte
 *       pointer.
 *   <li>A file of up to {@link #INLINE_MAX} bytes lives inline in its directory's metadata (the
 *       inline limit is the 128-byte cache: 4 × the 32-byte prog size). A bigger file is a CTZ
 *       skip-list: block 0 holds 4096 bytes, block n holds 4096 − 4·(ctz(n)+1), the rest being
 *       back-pointers. So {@code boot.py} (139 B) takes one block: 512 − 2 − 1 = 509 (spec §15).
 *   <li>Copy-on-write: a file being written takes new blocks for everything from its first changed
 *       block on, while the committed blocks stay in use until the commit. Those new blocks are
 *       what a full flash refuses (OSError(28)).
 *   <li>{@code statvfs} does not count unique blocks: MicroPython counts the callbacks of {@code
 *       lfs2_fs_traverse}, which visits each directory's pair twice (once along the metadata tail
 *       list, once through the parent's directory entry) and the whole block list of a file being
 *       written. So a subdirectory shows as 4 blocks in statvfs but needs only 2 to create. This is
 *       what makes the probe read 58 free of 64 with {@code a.txt} (5 B), {@code d/} and {@code
 *       d/x}: 64 − 2 − 4; and 50 after the fill, with three subdirectories: 64 − 2 − 3·4.
 * </ul>
 *
 * <p>Not modelled: wear levelling's block moves (block_cycles=100), the superblock's own growth,
 * metadata needed by rename/remove on a full flash.
 *
 * <p><b>FAT model</b> (FatFs f_mkfs as MicroPython calls it: one FAT, 512 root entries, one sector
 * a cluster): 1 reserved sector, the FAT, 16 KiB of root directory, then clusters. Every
 * subdirectory takes a cluster, a file {@code ceil(size / 4096)} clusters, the root none. statvfs
 * reports clusters. On the probe's 512 × 512 B volume this gives its 477 clusters, 475 free after
 * {@code a.txt}, {@code d/} and the empty {@code d/x}.
 */
final class BlockBudget {
  /** The inline limit: {@code min(cache_size=128, attr_max, block_size/8)}. */
  static final int INLINE_MAX = 128;

  /** Estimated metadata bytes per directory entry beside its name and payload. */
  static final int ENTRY_OVERHEAD = 24;

  /** How much a metadata pair holds before littlefs splits it: half a block. */
  static final int PAIR_CAPACITY = Flash.BLOCK_SIZE / 2;

  /** Blocks a metadata pair takes. */
  static final int PAIR = 2;

  private final FileSystemKind kind;
  private final int blockCount;

  BlockBudget(FileSystemKind kind, int blockCount) {
    this.kind = kind;
    this.blockCount = blockCount;
  }

  /** What statvfs calls {@code f_blocks}: all blocks on LittleFS, data clusters on FAT. */
  int capacity() {
    return kind == FileSystemKind.FAT ? fatClusters(blockCount, Flash.BLOCK_SIZE) : blockCount;
  }

  /** Blocks a new directory needs. */
  int directoryCost() {
    return kind == FileSystemKind.FAT ? 1 : PAIR;
  }

  /** What statvfs reports as free. */
  int free(FlashNode.Directory root, Collection<FlashHandle> handles) {
    int counted = kind == FileSystemKind.FAT ? used(root, handles) : traversed(root, handles);
    return Math.max(0, capacity() - counted);
  }

  /** Blocks in use, each counted once: what the allocator sees. */
  int used(FlashNode.Directory root, Collection<FlashHandle> handles) {
    int used = kind == FileSystemKind.FAT ? fatTree(root) : lfsTree(root, true, false);
    for (FlashHandle h : handles) {
      used += freshBlocks(h);
    }
    return used;
  }

  /** The blocks of a file of this size. */
  int fileBlocks(long size) {
    return kind == FileSystemKind.FAT
        ? (int) ((size + Flash.BLOCK_SIZE - 1) / Flash.BLOCK_SIZE)
        : ctzBlocks(size);
  }

  /** Blocks a handle holds beyond its file's committed ones. */
  int freshBlocks(FlashHandle h) {
    if (!h.dirty || h.erred) {
      return 0;
    }
    int pending = fileBlocks(h.pendingSize());
    if (kind == FileSystemKind.FAT) {
      // FAT writes clusters in place; only growth takes new ones.
      return Math.max(0, pending - fileBlocks(h.file.data.length));
    }
    int shared =
        h.file.data.length <= INLINE_MAX
            ? 0
            : Math.min(ctzBlocks(h.file.data.length), wholeBlocksBefore(h.firstChange));
    return Math.max(0, pending - shared);
  }

  private int traversed(FlashNode.Directory root, Collection<FlashHandle> handles) {
    int counted = lfsTree(root, true, true);
    for (FlashHandle h : handles) {
      if (h.dirty && !h.erred) {
        counted += ctzBlocks(h.pendingSize());
      }
    }
    return counted;
  }

  private int lfsTree(FlashNode.Directory dir, boolean root, boolean asTraversed) {
    int bytes = 0;
    int blocks = 0;
    for (Map.Entry<String, FlashNode> e : dir.entries()) {
      bytes += ENTRY_OVERHEAD + FlashNode.utf8(e.getKey()).length;
      if (e.getValue() instanceof FlashNode.Directory d) {
        bytes += 8;
        blocks += lfsTree(d, false, asTraversed);
      } else {
        int size = ((FlashNode.RegularFile) e.getValue()).data.length;
        bytes += size <= INLINE_MAX ? size : 8;
        blocks += ctzBlocks(size);
      }
    }
    int pairs = Math.max(1, (bytes + PAIR_CAPACITY - 1) / PAIR_CAPACITY);
    blocks += pairs * PAIR;
    if (!root && asTraversed) {
      // The parent's directory entry points at the first pair, and the traversal visits it again.
      blocks += PAIR;
    }
    return blocks;
  }

  private int fatTree(FlashNode.Directory dir) {
    int clusters = 0;
    for (Map.Entry<String, FlashNode> e : dir.entries()) {
      if (e.getValue() instanceof FlashNode.Directory d) {
        clusters += 1 + fatTree(d);
      } else {
        clusters += fileBlocks(((FlashNode.RegularFile) e.getValue()).data.length);
      }
    }
    return clusters;
  }

  /** How many blocks a CTZ skip-list of this many bytes takes; 0 for an inline file. */
  static int ctzBlocks(long size) {
    if (size <= INLINE_MAX) {
      return 0;
    }
    int n = 0;
    long held = 0;
    while (held < size) {
      held += ctzCapacity(n++);
    }
    return n;
  }

  /** How many whole blocks of a CTZ list lie before this byte offset. */
  static int wholeBlocksBefore(long offset) {
    int n = 0;
    long end = ctzCapacity(0);
    while (end <= offset) {
      n++;
      end += ctzCapacity(n);
    }
    return n;
  }

  private static long ctzCapacity(int index) {
    return index == 0
        ? Flash.BLOCK_SIZE
        : Flash.BLOCK_SIZE - 4L * (Integer.numberOfTrailingZeros(index) + 1);
  }

  /** Data clusters of a FAT volume with one sector a cluster, as MicroPython's mkfs makes it. */
  static int fatClusters(int sectors, int sectorSize) {
    int rootSectors = 512 * 32 / sectorSize;
    int fatSectors = 1;
    while (true) {
      int clusters = sectors - 1 - rootSectors - fatSectors;
      // FAT12 entries take 1.5 bytes, FAT16 2; the two reserved entries come first.
      long fatBytes = clusters < 4085 ? ((clusters + 2L) * 3 + 1) / 2 : (clusters + 2L) * 2;
      int needed = (int) ((fatBytes + sectorSize - 1) / sectorSize);
      if (needed <= fatSectors) {
        return Math.max(0, clusters);
      }
      fatSectors = needed;
    }
  }
}
