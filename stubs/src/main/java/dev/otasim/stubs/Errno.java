package dev.otasim.stubs;

import java.util.Map;

/**
 * The ESP32's error numbers and MicroPython's way of printing them (spec/micropython-esp32.md
 * §1.1–§1.3): only names in the {@code errno} module's table print as {@code [Errno 2] ENOENT};
 * every other number prints bare ({@code 39}, {@code 28}, {@code -202}).
 */
public final class Errno {
  // The ESP32's (newlib) numbers, written once: the stubs raise them, NAMES prints them.
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int EIO = 5;
  public static final int EBADF = 9;
  public static final int EAGAIN = 11;
  public static final int ENOMEM = 12;
  public static final int EACCES = 13;
  public static final int EEXIST = 17;
  public static final int ENODEV = 19;
  public static final int EISDIR = 21;
  public static final int EINVAL = 22;
  public static final int EOPNOTSUPP = 95;
  public static final int ECONNRESET = 104;
  public static final int ENOBUFS = 105;
  public static final int ECONNREFUSED = 111;
  public static final int EADDRINUSE = 112;
  public static final int ECONNABORTED = 113;
  public static final int ETIMEDOUT = 116;
  public static final int EHOSTUNREACH = 118;
  public static final int EINPROGRESS = 119;
  public static final int EALREADY = 120;
  public static final int ENOTCONN = 128;

  // Numbers the board raises that its errno module has no name for (they print bare).
  public static final int ENOTDIR = 20;
  public static final int ENOSPC = 28;
  public static final int ENAMETOOLONG = 36;

  /** LittleFS's ENOTEMPTY: {@code rmdir} of a folder with files (spec §2.2). */
  public static final int ENOTEMPTY_LFS = 39;

  /** lwIP's EAI_FAIL, what a failed name lookup raises on the ESP32 (spec §8.2). */
  public static final int EAI_FAIL = -202;

  /** The names MicroPython's {@code errno} module has, with the ESP32's (newlib) numbers. */
  public static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(EPERM, "EPERM"),
          Map.entry(ENOENT, "ENOENT"),
          Map.entry(EIO, "EIO"),
          Map.entry(EBADF, "EBADF"),
          Map.entry(EAGAIN, "EAGAIN"),
          Map.entry(ENOMEM, "ENOMEM"),
          Map.entry(EACCES, "EACCES"),
          Map.entry(EEXIST, "EEXIST"),
          Map.entry(ENODEV, "ENODEV"),
          Map.entry(EISDIR, "EISDIR"),
          Map.entry(EINVAL, "EINVAL"),
          Map.entry(EOPNOTSUPP, "EOPNOTSUPP"),
          Map.entry(ECONNRESET, "ECONNRESET"),
          Map.entry(ENOBUFS, "ENOBUFS"),
          Map.entry(ECONNREFUSED, "ECONNREFUSED"),
          Map.entry(EADDRINUSE, "EADDRINUSE"),
          Map.entry(ECONNABORTED, "ECONNABORTED"),
          Map.entry(ETIMEDOUT, "ETIMEDOUT"),
          Map.entry(EHOSTUNREACH, "EHOSTUNREACH"),
          Map.entry(EINPROGRESS, "EINPROGRESS"),
          Map.entry(EALREADY, "EALREADY"),
          Map.entry(ENOTCONN, "ENOTCONN"));

  private Errno() {}

  /** {@code str(OSError(n))} on the board. */
  public static String describe(int errno) {
    String name = NAMES.get(errno);
    return name == null ? Integer.toString(errno) : "[Errno " + errno + "] " + name;
  }

  /** The text MicroPython prints for a stub error, after the type name and a colon. */
  public static String describe(MicroPythonError e) {
    if (e.hasErrno()) {
      String base = describe(e.errno());
      if (e.text() == null) {
        return base;
      }
      return NAMES.containsKey(e.errno())
          ? base + ": " + e.text()
          : "(" + e.errno() + ", '" + e.text() + "')";
    }
    return e.text() == null ? "" : e.text();
  }

  /** The whole last traceback line: {@code OSError: [Errno 2] ENOENT}, {@code ValueError}. */
  public static String line(MicroPythonError e) {
    String text = describe(e);
    return text.isEmpty() ? e.pythonType() : e.pythonType() + ": " + text;
  }
}
