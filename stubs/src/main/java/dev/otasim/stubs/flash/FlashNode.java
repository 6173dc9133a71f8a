package dev.otasim.stubs.flash;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** An entry of the in-memory flash tree: a directory or a regular file with committed content. */
abstract sealed class FlashNode permits FlashNode.Directory, FlashNode.RegularFile {
  /** Modification time in seconds since 2000-01-01; 0 when the entry has none. */
  long mtime;

  static final Comparator<String> BYTEWISE = (a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b));

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A file's committed content: what a fresh {@code open()} reads and what survives power loss. */
  static final class RegularFile extends FlashNode {
    byte[] data = new byte[0];
  }

  /**
   * A directory's entries in slot order. FAT lists slots in order and reuses a freed slot first
   * (order_probe: after removing {@code mid}, {@code new} took its place); LittleFS sorts on
   * listing.
   */
  static final class Directory extends FlashNode {
    private final FileSystemKind kind;
    private final List<Map.Entry<String, FlashNode>> slots = new ArrayList<>();

    Directory(FileSystemKind kind) {
      this.kind = kind;
    }

    FlashNode get(String name) {
      int i = indexOf(name);
      return i < 0 ? null : slots.get(i).getValue();
    }

    /** Adds or replaces an entry; a replaced entry keeps its slot and its stored name. */
    void put(String name, FlashNode node) {
      int i = indexOf(name);
      if (i >= 0) {
        slots.set(i, Map.entry(slots.get(i).getKey(), node));
        return;
      }
      int hole = slots.indexOf(null);
      if (hole >= 0) {
        slots.set(hole, Map.entry(name, node));
      } else {
        slots.add(Map.entry(name, node));
      }
    }

    void remove(String name) {
      int i = indexOf(name);
      if (i >= 0) {
        slots.set(i, null);
      }
    }

    /**
     * Makes this directory an exact deep copy of {@code other}: entries, free FAT slots (which
     * decide where the next new entry goes) and times.
     */
    void copyExactly(Directory other) {
      slots.clear();
      mtime = other.mtime;
      for (Map.Entry<String, FlashNode> e : other.slots) {
        if (e == null) {
          slots.add(null);
        } else if (e.getValue() instanceof Directory d) {
          Directory made = new Directory(kind);
          made.copyExactly(d);
          slots.add(Map.entry(e.getKey(), made));
        } else {
          RegularFile f = (RegularFile) e.getValue();
          RegularFile made = new RegularFile();
          made.data = f.data.clone();
          made.mtime = f.mtime;
          slots.add(Map.entry(e.getKey(), made));
        }
      }
    }

    boolean isEmpty() {
      return slots.stream().allMatch(e -> e == null);
    }

    /** Entries as the kind lists them: LittleFS bytewise-sorted, FAT in slot order. */
    List<Map.Entry<String, FlashNode>> entries() {
      List<Map.Entry<String, FlashNode>> out = new ArrayList<>();
      for (Map.Entry<String, FlashNode> e : slots) {
        if (e != null) {
          out.add(e);
        }
      }
      if (kind == FileSystemKind.LITTLEFS) {
        out.sort(Map.Entry.comparingByKey(BYTEWISE));
      }
      return out;
    }

    private int indexOf(String name) {
      for (int i = 0; i < slots.size(); i++) {
        Map.Entry<String, FlashNode> e = slots.get(i);
        if (e != null && kind.sameName(e.getKey(), name)) {
          return i;
        }
      }
      return -1;
    }
  }
}
