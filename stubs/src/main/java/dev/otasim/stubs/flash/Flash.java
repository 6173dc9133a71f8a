package dev.otasim.stubs.flash;

import dev.otasim.stubs.MicroPythonError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The ESP32's user file system: LittleFS v2 semantics over an in-memory tree
 * (spec/micropython-esp32.md §2–§4).
 *
 * <p>What it keeps from LittleFS: names sorted bytewise, 4096-byte blocks and a capacity, error
 * numbers as littlefs reports them (39 for a non-empty directory, 28 for a full disk), and
 * durability: a file's new content reaches the flash only at {@code flush()}/{@code close()}; a
 * power cut or a hard reset drops everything pending, while a file created by {@code open(.., 'w')}
 * exists, empty, from the moment it was opened.
 *
 * <p>Paths given to this class are absolute and normalised ({@code /main/app.py}); resolving
 * relative paths against the working directory is the caller's job.
 */
public final class Flash {
  /** The ESP32 partition's erase block size, also LittleFS's block size. */
  public static final int BLOCK_SIZE = 4096;

  /** The default capacity: the 2 MiB {@code vfs} partition of a 4 MiB ESP32, in blocks. */
  public static final int DEFAULT_BLOCK_COUNT = 512;

  /**
   * Files up to this size live inline in their directory's metadata and use no block of their own.
   */
  static final int INLINE_MAX = 128;

  /** Blocks a metadata pair takes: the root (with the superblock) and every directory. */
  static final int METADATA_PAIR = 2;

  static final int ENOENT = 2;
  static final int EEXIST = 17;
  static final int ENOTDIR = 20;
  static final int EISDIR = 21;
  static final int EINVAL = 22;
  static final int ENOSPC = 28;
  static final int ENAMETOOLONG = 36;
  static final int ENOTEMPTY_LFS = 39;

  private static final Comparator<String> BYTEWISE =
      (a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b));

  private final int blockCount;
  private final LongSupplier clock;
  private final Directory root = new Directory();
  private final Map<Integer, OpenFile> openFiles = new LinkedHashMap<>();
  private int nextHandle = 1;

  private Flash(int blockCount, LongSupplier clock) {
    if (blockCount < 2 * METADATA_PAIR) {
      throw new IllegalArgumentException(
          "blockCount (" + blockCount + ") must be at least " + 2 * METADATA_PAIR);
    }
    this.blockCount = blockCount;
    this.clock = clock;
  }

  /**
   * A freshly formatted, empty LittleFS.
   *
   * @param blockCount capacity in 4096-byte blocks
   * @param clock seconds since 2000-01-01 (the ESP32 epoch), for modification times
   */
  public static Flash littleFs(int blockCount, LongSupplier clock) {
    return new Flash(blockCount, clock);
  }

  // ---------------------------------------------------------------- nodes

  private abstract static class Node {}

  private static final class Directory extends Node {
    final TreeMap<String, Node> children = new TreeMap<>(BYTEWISE);
  }

  private static final class RegularFile extends Node {
    byte[] data = new byte[0];
    long mtime;
  }

  /** One entry of a directory listing, as {@code os.ilistdir} reports it. */
  public record Entry(String name, boolean directory, long size) {}

  /** What {@code os.stat} reports; LittleFS directories have size and times 0. */
  public record Stat(boolean directory, long size, long mtime) {}

  /** An open file: its pending content, position and mode. */
  private static final class OpenFile {
    final String path;
    final RegularFile file;
    final OpenMode mode;
    byte[] buffer;
    int size;
    long position;
    boolean dirty;

    OpenFile(String path, RegularFile file, OpenMode mode) {
      this.path = path;
      this.file = file;
      this.mode = mode;
      if (mode.truncate()) {
        // O_TRUNC only marks the in-RAM file dirty: the old content stays on flash until a commit.
        buffer = new byte[0];
        dirty = true;
      } else {
        buffer = file.data.clone();
      }
      size = buffer.length;
      position = mode.append() ? size : 0;
    }

    int pendingSize() {
      return size;
    }

    byte[] pendingBytes() {
      return Arrays.copyOf(buffer, size);
    }

    void discardPending() {
      buffer = file.data.clone();
      size = buffer.length;
      position = Math.min(position, size);
      dirty = false;
    }

    byte[] read(int max) {
      if (!mode.read()) {
        return new byte[0];
      }
      int start = (int) Math.min(position, size);
      int end = max < 0 ? size : (int) Math.min((long) size, start + (long) max);
      position = end;
      return Arrays.copyOfRange(buffer, start, end);
    }

    byte[] readLine(int max) {
      if (!mode.read()) {
        return new byte[0];
      }
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

    void write(byte[] data) {
      long at = mode.append() ? size : position;
      long end = at + data.length;
      if (end > Integer.MAX_VALUE - 8) {
        throw MicroPythonError.os(27);
      }
      if (end > buffer.length) {
        buffer =
            Arrays.copyOf(
                buffer, (int) Math.max(end, Math.min(Integer.MAX_VALUE - 8, buffer.length * 2L)));
      }
      // A seek past the end leaves a gap of zeros (spec §3.2).
      if (at > size) {
        Arrays.fill(buffer, size, (int) at, (byte) 0);
      }
      System.arraycopy(data, 0, buffer, (int) at, data.length);
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
            default -> throw MicroPythonError.os(EINVAL);
          };
      long target = base + offset;
      if (target < 0) {
        throw MicroPythonError.os(EINVAL);
      }
      position = target;
      return target;
    }
  }

  // ---------------------------------------------------------------- directory operations

  /** The entries of a directory, sorted bytewise. */
  public synchronized List<Entry> list(String path) {
    Node node = lookup(path);
    if (!(node instanceof Directory dir)) {
      throw MicroPythonError.os(ENOTDIR);
    }
    List<Entry> entries = new ArrayList<>();
    dir.children.forEach(
        (name, child) ->
            entries.add(
                child instanceof RegularFile f
                    ? new Entry(name, false, f.data.length)
                    : new Entry(name, true, 0)));
    return entries;
  }

  /** Metadata of a file or directory. */
  public synchronized Stat stat(String path) {
    Node node = lookup(path);
    return node instanceof RegularFile f
        ? new Stat(false, f.data.length, f.mtime)
        : new Stat(true, 0, 0);
  }

  /** Whether something exists at this path. */
  public synchronized boolean exists(String path) {
    try {
      lookup(path);
      return true;
    } catch (MicroPythonError e) {
      return false;
    }
  }

  /** Creates a directory; the parent must exist. */
  public synchronized void mkdir(String path) {
    if (path.equals("/")) {
      throw MicroPythonError.os(EEXIST);
    }
    Directory parent = parentOf(path);
    String name = nameOf(path);
    if (parent.children.containsKey(name)) {
      throw MicroPythonError.os(EEXIST);
    }
    ensureSpace(METADATA_PAIR);
    parent.children.put(name, new Directory());
  }

  /**
   * Removes a file or an empty directory. LittleFS's {@code remove} and {@code rmdir} are the same
   * call ({@code lfs2_remove}), so both accept either kind (spec §2.2).
   */
  public synchronized void remove(String path) {
    if (path.equals("/")) {
      throw MicroPythonError.os(EINVAL);
    }
    Directory parent = parentOf(path);
    String name = nameOf(path);
    Node node = parent.children.get(name);
    if (node == null) {
      throw MicroPythonError.os(ENOENT);
    }
    if (node instanceof Directory d && !d.children.isEmpty()) {
      throw MicroPythonError.os(ENOTEMPTY_LFS);
    }
    parent.children.remove(name);
  }

  /**
   * Renames atomically, replacing an existing file or empty directory of the same kind (one
   * metadata commit in {@code lfs2_rename}).
   */
  public synchronized void rename(String from, String to) {
    Directory fromParent = parentOf(from);
    Node node = fromParent.children.get(nameOf(from));
    if (node == null) {
      throw MicroPythonError.os(ENOENT);
    }
    Directory toParent = parentOf(to);
    if (from.equals(to)) {
      return;
    }
    if (node instanceof Directory && (to + "/").startsWith(from + "/")) {
      throw MicroPythonError.os(EINVAL);
    }
    Node existing = toParent.children.get(nameOf(to));
    if (existing != null) {
      if (node instanceof RegularFile && existing instanceof Directory) {
        throw MicroPythonError.os(EISDIR);
      }
      if (node instanceof Directory && existing instanceof RegularFile) {
        throw MicroPythonError.os(ENOTDIR);
      }
      if (existing instanceof Directory d && !d.children.isEmpty()) {
        throw MicroPythonError.os(ENOTEMPTY_LFS);
      }
    }
    fromParent.children.remove(nameOf(from));
    toParent.children.put(nameOf(to), node);
  }

  // ---------------------------------------------------------------- files

  /**
   * Opens a file and returns a handle.
   *
   * @param mode the MicroPython mode string; see {@link OpenMode#parse}
   */
  public synchronized int open(String path, String mode) {
    OpenMode m = OpenMode.parse(mode);
    Directory parent = parentOf(path);
    String name = nameOf(path);
    Node node = parent.children.get(name);
    if (node instanceof Directory || path.equals("/")) {
      throw MicroPythonError.os(EISDIR);
    }
    RegularFile file = (RegularFile) node;
    if (file == null) {
      if (!m.create()) {
        throw MicroPythonError.os(ENOENT);
      }
      if (utf8(name).length > 255) {
        throw MicroPythonError.os(ENAMETOOLONG);
      }
      // LittleFS commits the new, empty file's metadata at open (lfs2_file_opencfg_).
      file = new RegularFile();
      file.mtime = clock.getAsLong();
      parent.children.put(name, file);
    } else if (m.exclusive()) {
      throw MicroPythonError.os(EEXIST);
    }
    OpenFile handle = new OpenFile(path, file, m);
    int id = nextHandle++;
    openFiles.put(id, handle);
    return id;
  }

  /** Reads up to {@code max} bytes (all that is left when {@code max < 0}). */
  public synchronized byte[] read(int handle, int max) {
    return file(handle).read(max);
  }

  /** Reads one line including its {@code \n}, at most {@code max} bytes when {@code max >= 0}. */
  public synchronized byte[] readLine(int handle, int max) {
    return file(handle).readLine(max);
  }

  /**
   * Writes at the handle's position; returns the byte count.
   *
   * @throws MicroPythonError {@code OSError(28)} when the flash is full; the file's pending data is
   *     then lost, as on LittleFS
   */
  public synchronized int write(int handle, byte[] data) {
    OpenFile f = file(handle);
    if (!f.mode.write()) {
      // LittleFS does not reject this at write time (spec §3.1): the probe got a count back.
      return data.length;
    }
    int before = blocksOf(f.pendingSize());
    f.write(data);
    int after = blocksOf(f.pendingSize());
    if (after > before && blocksUsed() > blockCount) {
      f.discardPending();
      throw MicroPythonError.os(ENOSPC);
    }
    return data.length;
  }

  /** Commits the handle's pending data. */
  public synchronized void flush(int handle) {
    commit(file(handle));
  }

  /** Commits and closes; closing twice is allowed. */
  public synchronized void close(int handle) {
    OpenFile f = openFiles.get(handle);
    if (f == null) {
      return;
    }
    try {
      commit(f);
    } finally {
      openFiles.remove(handle);
    }
  }

  /** Moves the position; returns the new one. */
  public synchronized long seek(int handle, long offset, int whence) {
    return file(handle).seek(offset, whence);
  }

  /** The handle's position. */
  public synchronized long tell(int handle) {
    return file(handle).position;
  }

  /** Whether the handle is open. */
  public synchronized boolean isOpen(int handle) {
    return openFiles.containsKey(handle);
  }

  /** The path a handle was opened with. */
  public synchronized String pathOf(int handle) {
    return file(handle).path;
  }

  /**
   * Power is gone (a cut, a hard reset): open files vanish with whatever they had not committed.
   */
  public synchronized void dropOpenFiles() {
    openFiles.clear();
  }

  /** A soft reset: MicroPython's finalisers close open files, which commits them. */
  public synchronized void closeOpenFiles() {
    for (Integer id : new ArrayList<>(openFiles.keySet())) {
      try {
        close(id);
      } catch (MicroPythonError e) {
        openFiles.remove(id);
      }
    }
  }

  private void commit(OpenFile f) {
    if (!f.dirty) {
      return;
    }
    int needed = blocksOf(f.pendingSize());
    int held = blocksOf(f.file.data.length);
    // Copy-on-write: the new blocks must fit while the old ones are still in use.
    if (needed > held && blocksUsed() > blockCount) {
      f.discardPending();
      throw MicroPythonError.os(ENOSPC);
    }
    f.file.data = f.pendingBytes();
    f.file.mtime = clock.getAsLong();
    f.dirty = false;
  }

  private OpenFile file(int handle) {
    OpenFile f = openFiles.get(handle);
    if (f == null) {
      // A closed LittleFS file raises ValueError() with no message (vfs_lfsx_file.c check_open).
      throw MicroPythonError.value("");
    }
    return f;
  }

  // ---------------------------------------------------------------- capacity

  /** {@code os.statvfs} numbers: total and free blocks. */
  public synchronized long[] blocks() {
    return new long[] {blockCount, Math.max(0, blockCount - blocksUsed())};
  }

  /** Blocks in use, pending data of open files included (their new blocks are already taken). */
  synchronized int blocksUsed() {
    int used = blocksIn(root);
    for (OpenFile f : openFiles.values()) {
      if (f.dirty) {
        used += blocksOf(f.pendingSize());
      }
    }
    return used;
  }

  private int blocksIn(Directory dir) {
    int used = METADATA_PAIR;
    for (Node child : dir.children.values()) {
      used +=
          child instanceof Directory d ? blocksIn(d) : blocksOf(((RegularFile) child).data.length);
    }
    return used;
  }

  private static int blocksOf(long size) {
    return size <= INLINE_MAX ? 0 : (int) ((size + BLOCK_SIZE - 1) / BLOCK_SIZE);
  }

  private void ensureSpace(int blocks) {
    if (blocksUsed() + blocks > blockCount) {
      throw MicroPythonError.os(ENOSPC);
    }
  }

  // ---------------------------------------------------------------- host-side access

  /** Writes a file directly, as flashing a board with a tool would; parents are created. */
  public synchronized void put(String path, byte[] content) {
    String[] parts = split(path);
    Directory dir = root;
    for (int i = 0; i < parts.length - 1; i++) {
      Node next = dir.children.computeIfAbsent(parts[i], k -> new Directory());
      if (!(next instanceof Directory d)) {
        throw new IllegalArgumentException(
            "not a directory: /" + String.join("/", Arrays.copyOf(parts, i + 1)));
      }
      dir = d;
    }
    Node existing = dir.children.get(parts[parts.length - 1]);
    if (existing instanceof Directory) {
      throw new IllegalArgumentException("is a directory: " + path);
    }
    RegularFile f = new RegularFile();
    f.data = content.clone();
    f.mtime = clock.getAsLong();
    dir.children.put(parts[parts.length - 1], f);
  }

  /** Writes a UTF-8 text file directly. */
  public void put(String path, String content) {
    put(path, content.getBytes(StandardCharsets.UTF_8));
  }

  /** The committed content of a file. */
  public synchronized byte[] content(String path) {
    Node node;
    try {
      node = lookup(path);
    } catch (MicroPythonError e) {
      throw new IllegalArgumentException("no such file on the flash: " + path, e);
    }
    if (!(node instanceof RegularFile f)) {
      throw new IllegalArgumentException("is a directory: " + path);
    }
    return f.data.clone();
  }

  /** The committed content of a file as UTF-8 text. */
  public String text(String path) {
    return new String(content(path), StandardCharsets.UTF_8);
  }

  /** Every committed file, by absolute path, in bytewise order. */
  public synchronized Map<String, byte[]> files() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    collect(root, "", out);
    return out;
  }

  /**
   * The tree as text, one entry a line: directories end in {@code /}, files show their size. Useful
   * in reports and failure messages.
   */
  public synchronized String tree() {
    StringBuilder b = new StringBuilder();
    tree(root, "/", b);
    return b.toString();
  }

  /** A copy of the committed state, without open files, on the same clock. */
  public synchronized Flash copy() {
    Flash copy = new Flash(blockCount, clock);
    files().forEach(copy::put);
    copyDirectories(root, "", copy);
    return copy;
  }

  /** The capacity in blocks. */
  public int blockCount() {
    return blockCount;
  }

  /** Copies a host folder onto the flash, recursively. */
  public void load(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("not a folder: " + folder);
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        String rel = folder.relativize(p).toString().replace('\\', '/');
        if (rel.isEmpty()) {
          continue;
        }
        if (Files.isDirectory(p)) {
          putDirectory("/" + rel);
        } else {
          put("/" + rel, Files.readAllBytes(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + folder, e);
    }
  }

  /** Writes the committed state into a host folder (created if missing). */
  public synchronized void save(Path folder) {
    try {
      Files.createDirectories(folder);
      save(root, folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + folder, e);
    }
  }

  /** Creates a directory and its parents directly. */
  public synchronized void putDirectory(String path) {
    Directory dir = root;
    for (String part : split(path)) {
      Node next = dir.children.computeIfAbsent(part, k -> new Directory());
      if (!(next instanceof Directory d)) {
        throw new IllegalArgumentException("not a directory: " + path);
      }
      dir = d;
    }
  }

  private void save(Directory dir, Path folder) throws IOException {
    for (Map.Entry<String, Node> e : dir.children.entrySet()) {
      Path target = folder.resolve(e.getKey());
      if (e.getValue() instanceof Directory d) {
        Files.createDirectories(target);
        save(d, target);
      } else {
        Files.write(target, ((RegularFile) e.getValue()).data);
      }
    }
  }

  private void copyDirectories(Directory dir, String prefix, Flash copy) {
    dir.children.forEach(
        (name, child) -> {
          if (child instanceof Directory d) {
            copy.putDirectory(prefix + "/" + name);
            copyDirectories(d, prefix + "/" + name, copy);
          }
        });
  }

  private static void collect(Directory dir, String prefix, Map<String, byte[]> out) {
    dir.children.forEach(
        (name, child) -> {
          if (child instanceof Directory d) {
            collect(d, prefix + "/" + name, out);
          } else {
            out.put(prefix + "/" + name, ((RegularFile) child).data.clone());
          }
        });
  }

  private static void tree(Directory dir, String prefix, StringBuilder b) {
    dir.children.forEach(
        (name, child) -> {
          if (child instanceof Directory d) {
            b.append(prefix).append(name).append("/\n");
            tree(d, prefix + name + "/", b);
          } else {
            b.append(prefix)
                .append(name)
                .append("  ")
                .append(((RegularFile) child).data.length)
                .append(" B\n");
          }
        });
  }

  // ---------------------------------------------------------------- paths

  private Node lookup(String path) {
    Node node = root;
    for (String part : split(path)) {
      if (!(node instanceof Directory dir)) {
        throw MicroPythonError.os(ENOTDIR);
      }
      node = dir.children.get(part);
      if (node == null) {
        throw MicroPythonError.os(ENOENT);
      }
    }
    return node;
  }

  private Directory parentOf(String path) {
    String parent = path.substring(0, Math.max(0, path.lastIndexOf('/')));
    Node node = lookup(parent.isEmpty() ? "/" : parent);
    if (!(node instanceof Directory dir)) {
      throw MicroPythonError.os(ENOTDIR);
    }
    return dir;
  }

  private static String nameOf(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String[] split(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must be absolute: " + path);
    }
    return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
