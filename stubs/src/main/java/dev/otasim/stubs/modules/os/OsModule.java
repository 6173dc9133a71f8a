package dev.otasim.stubs.modules.os;

import dev.otasim.stubs.Errno;
import dev.otasim.stubs.MicroPythonApi;
import dev.otasim.stubs.MicroPythonError;
import dev.otasim.stubs.flash.FileSystemKind;
import dev.otasim.stubs.flash.Flash;
import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.machine.Board;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * {@code os}/{@code uos} and the file objects {@code open()} returns, over the board's flash
 * (extmod/modos.c, extmod/vfs_lfsx.c; spec §2–§3). Every operation that changes the flash, and
 * every {@code open}, is journaled; failures raise {@code OSError(errno)} with LittleFS's numbers.
 */
public final class OsModule {
  private final Board board;
  private String cwd = "/";

  public OsModule(Board board) {
    this.board = board;
  }

  private Flash flash() {
    return board.flash();
  }

  /**
   * Resolves a device path against the working directory and normalises it: {@code .} and empty
   * components vanish, {@code ..} goes up (never above {@code /}), a trailing slash is dropped, as
   * littlefs's own path walk does (vfs_probe: {@code mkdir('e/')} succeeds on LittleFS).
   */
  String resolve(String path) {
    // The board hands LittleFS a C string (vfs_lfs.c, mp_obj_str_get_str): it ends at a NUL.
    int nul = path.indexOf('\0');
    if (nul >= 0) {
      path = path.substring(0, nul);
    }
    String joined = path.startsWith("/") ? path : cwd + "/" + path;
    Deque<String> parts = new ArrayDeque<>();
    for (String part : joined.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return "/" + String.join("/", parts);
  }

  /** LittleFS's name_max: a longer name cannot be created, {@code OSError(36)} (spec §1.2). */
  static final int NAME_MAX = 255;

  private static void checkName(String absolute) {
    String name = absolute.substring(absolute.lastIndexOf('/') + 1);
    if (name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
      throw MicroPythonError.os(36);
    }
  }

  /** How a path appears in the journal: absolute, without the leading slash (DESIGN §6). */
  static String display(String absolute) {
    return absolute.equals("/") ? "/" : absolute.substring(1);
  }

  @MicroPythonApi
  public String[] listdir(String path) {
    return flash().list(resolve(path)).stream().map(Flash.Entry::name).toArray(String[]::new);
  }

  /** {@code ilistdir} entries flattened: name, type, size, name, type, size, … */
  @MicroPythonApi
  public Object[] ilistdir(String path) {
    List<Flash.Entry> entries = flash().list(resolve(path));
    Object[] flat = new Object[entries.size() * 3];
    for (int i = 0; i < entries.size(); i++) {
      Flash.Entry e = entries.get(i);
      flat[i * 3] = e.name();
      flat[i * 3 + 1] = e.directory() ? 0x4000 : 0x8000;
      flat[i * 3 + 2] = e.size();
    }
    return flat;
  }

  /** {@code (mode, size, mtime)}; the shim pads it to MicroPython's 10-tuple. */
  @MicroPythonApi
  public long[] stat(String path) {
    Flash.Stat s = flash().stat(resolve(path));
    return new long[] {s.directory() ? 0x4000 : 0x8000, s.size(), s.mtime()};
  }

  /** {@code (total blocks, free blocks)}. */
  @MicroPythonApi
  public long[] statvfs(String path) {
    flash().stat(resolve(path));
    return flash().blocks();
  }

  @MicroPythonApi
  public void mkdir(String path) {
    String p = resolve(path);
    checkName(p);
    board.effect(
        new Event.Mkdir(display(p)),
        () -> {
          if (flash().kind() == FileSystemKind.FAT && path.length() > 1 && path.endsWith("/")) {
            // FatFs takes the empty name after the slash as a missing entry (vfs_probe: FAT
            // "mkdir trailing slash" -> OSError(2)).
            throw MicroPythonError.os(Errno.ENOENT);
          }
          flash().mkdir(p);
        });
  }

  @MicroPythonApi
  public void rmdir(String path) {
    String p = resolve(path);
    board.effect(new Event.Rmdir(display(p)), () -> flash().rmdir(p));
  }

  @MicroPythonApi
  public void remove(String path) {
    String p = resolve(path);
    board.effect(new Event.Remove(display(p)), () -> flash().remove(p));
  }

  @MicroPythonApi
  public void rename(String from, String to) {
    String a = resolve(from);
    String b = resolve(to);
    checkName(b);
    board.effect(new Event.Rename(display(a), display(b)), () -> flash().rename(a, b));
  }

  /** LittleFS's chdir: a missing path or a file is {@code OSError(2)} (spec §2.2). */
  @MicroPythonApi
  public void chdir(String path) {
    String p = resolve(path);
    Flash.Stat s;
    try {
      s = flash().stat(p);
    } catch (MicroPythonError e) {
      throw MicroPythonError.os(Errno.ENOENT);
    }
    if (!s.directory()) {
      throw MicroPythonError.os(Errno.ENOENT);
    }
    cwd = p;
  }

  @MicroPythonApi
  public String getcwd() {
    return cwd;
  }

  /** Whether the flash is FAT (the mount table names its VFS class, {@code vfs.mount()}). */
  @MicroPythonApi
  public boolean fat() {
    return flash().kind() == FileSystemKind.FAT;
  }

  /** For the import hook: 0 if nothing is there, 1 for a file, 2 for a directory. */
  @MicroPythonApi
  public int kind(String path) {
    try {
      return flash().stat(resolve(path)).directory() ? 2 : 1;
    } catch (MicroPythonError e) {
      return 0;
    }
  }

  /** For the import hook: a module's source text (not journaled; imports read no user data). */
  @MicroPythonApi
  public String source(String path) {
    return new String(flash().content(resolve(path)), StandardCharsets.UTF_8);
  }

  /**
   * Bytes {@code [offset, offset + max)} of a module's file, as latin-1, read without a journal
   * event as {@link #source} is: the MicroPython engine's import reads a module a buffer at a time,
   * as the board's lexer does (py/reader.c), so a module larger than the heap's largest block
   * imports.
   */
  @MicroPythonApi
  public String source_part(String path, int offset, int max) {
    byte[] b = flash().content(resolve(path));
    int from = Math.max(0, Math.min(offset, b.length));
    return latin1(java.util.Arrays.copyOfRange(b, from, Math.min(b.length, from + max)));
  }

  // ---------------------------------------------------------------- files

  @MicroPythonApi
  public int open(String path, String mode) {
    String p = resolve(path);
    if (!mode.startsWith("r")) {
      checkName(p);
    }
    return board.effect(new Event.Open(display(p), mode), () -> flash().open(p, mode));
  }

  @MicroPythonApi
  public String read(int handle, int max) {
    byte[] data = flash().read(handle, max);
    if (max < 0 && data.length > board.maxAllocBytes()) {
      // read() whole is one block of the board's heap (spec §11); failing here, before the bytes
      // reach the engine, gives both engines the same MemoryError (on the VM, handing them over
      // would be its own allocation, one byte larger)
      throw MicroPythonError.memory(data.length);
    }
    return latin1(data);
  }

  @MicroPythonApi
  public String readline(int handle, int max) {
    return latin1(flash().readLine(handle, max));
  }

  @MicroPythonApi
  public int write(int handle, String latin1) {
    byte[] data = latin1.getBytes(StandardCharsets.ISO_8859_1);
    String path = display(flash().pathOf(handle));
    return board.effect(new Event.Write(path, data.length), () -> flash().write(handle, data));
  }

  @MicroPythonApi
  public void flush(int handle) {
    String path = display(flash().pathOf(handle));
    board.effect(new Event.Flush(path), () -> flash().flush(handle));
  }

  @MicroPythonApi
  public void close(int handle) {
    if (!flash().isOpen(handle)) {
      return;
    }
    String path = display(flash().pathOf(handle));
    board.effect(new Event.Close(path), () -> flash().close(handle));
  }

  @MicroPythonApi
  public long seek(int handle, long offset, int whence) {
    return flash().seek(handle, offset, whence);
  }

  @MicroPythonApi
  public long tell(int handle) {
    return flash().tell(handle);
  }

  private static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}
