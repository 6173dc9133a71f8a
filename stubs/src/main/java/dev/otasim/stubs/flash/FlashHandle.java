package dev.otasim.stubs.flash;

import dev.otasim.stubs.MicroPythonError;
import java.util.Arrays;

/**
 * An open file: its pending content, position and mode. The pending content reaches the file's
 * committed content only when {@link Flash} commits it (spec §4: "keep a committed and a pending
 * version per open file").
 */
final class FlashHandle {
  final String path;
  final FlashNode.RegularFile file;
  final OpenMode mode;

  /** What the file's mtime becomes at the next commit: MicroPython reads the RTC at open. */
  final long openedAt;

  private byte[] buffer;
  private int size;
  long position;

  /**
   * Whether a commit would change the file. A LittleFS handle opened for writing is dirty from the
   * start: its mtime attribute is written at close even without a write (lfs2_file_opencfg marks
   * files with writable attributes dirty).
   */
  boolean dirty;

  /** After a failed write littlefs never commits this handle again (LFS_F_ERRED). */
  boolean erred;

  /** The lowest offset written since the last commit; blocks before it are shared with the file. */
  long firstChange = Long.MAX_VALUE;

  FlashHandle(String path, FlashNode.RegularFile file, OpenMode mode, long openedAt) {
    this.path = path;
    this.file = file;
    this.mode = mode;
    this.openedAt = openedAt;
    if (mode.truncate()) {
      // O_TRUNC only marks the in-RAM file dirty: the old content stays on flash until a commit.
      buffer = new byte[0];
      firstChange = 0;
    } else {
      buffer = file.data.clone();
    }
    size = buffer.length;
    dirty = mode.write();
  }

  int pendingSize() {
    return size;
  }

  byte[] pendingBytes() {
    return Arrays.copyOf(buffer, size);
  }

  /** The pending content was written out: it now equals the committed content. */
  void committed() {
    dirty = false;
    firstChange = Long.MAX_VALUE;
  }

  /** Forgets what was not committed. */
  void discardPending() {
    buffer = file.data.clone();
    size = buffer.length;
    position = Math.min(position, size);
    dirty = false;
    firstChange = Long.MAX_VALUE;
  }

  /**
   * Keeps only the first {@code length} pending bytes (FAT keeps what fit before the disk filled).
   */
  void truncatePending(int length) {
    size = Math.min(size, length);
    position = Math.min(position, size);
  }

  byte[] read(int max) {
    int start = (int) Math.min(position, size);
    int end = max < 0 ? size : (int) Math.min((long) size, start + (long) max);
    position = end;
    return Arrays.copyOfRange(buffer, start, end);
  }

  byte[] readLine(int max) {
    int start = (int) Math.min(position, size);
    int end = start;
    int limit = max < 0 ? size : (int) Math.min((long) size, start + (long) max);
    while (end < limit) {
      if (buffer[end++] == '\n') {
        break;
      }
    }
    position = end;
    return Arrays.copyOfRange(buffer, start, end);
  }

  /**
   * Writes at the position, or at the end for a LittleFS append handle (O_APPEND moves every write
   * to the end).
   */
  void write(byte[] data, boolean appendAtEnd) {
    long at = appendAtEnd ? size : position;
    long end = at + data.length;
    if (end > Integer.MAX_VALUE - 8) {
      throw MicroPythonError.os(27);
    }
    if (end > buffer.length) {
      buffer =
          Arrays.copyOf(
              buffer, (int) Math.max(end, Math.min(Integer.MAX_VALUE - 8, buffer.length * 2L)));
    }
    // A seek past the end leaves a gap of zeros (spec §3.2; vfs_probe "seek beyond end then
    // write").
    if (at > size) {
      Arrays.fill(buffer, size, (int) at, (byte) 0);
    }
    System.arraycopy(data, 0, buffer, (int) at, data.length);
    firstChange = Math.min(firstChange, Math.min(at, size));
    size = (int) Math.max(size, end);
    position = end;
    dirty = true;
  }

  long seek(long offset, int whence) {
    long base =
        switch (whence) {
          case 0 -> 0;
          case 1 -> position;
          case 2 -> size;
          default -> throw MicroPythonError.os(Flash.EINVAL);
        };
    long target = base + offset;
    if (target < 0) {
      throw MicroPythonError.os(Flash.EINVAL);
    }
    position = target;
    return target;
  }
}
