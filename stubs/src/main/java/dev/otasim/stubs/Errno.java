package dev.otasim.stubs;

import java.util.Map;

/**
 * The ESP32's error numbers and MicroPython's way of printing them (spec/micropython-esp32.md
 * §1.1–§1.3): only names in the {@code errno} module's table print as {@code [Errno 2] ENOENT};
 * every other number prints bare ({@code 39}, {@code 28}, {@code -202}).
 */
public final class Errno {
  /** The names MicroPython's {@code errno} module has, with the ESP32's (newlib) numbers. */
  public static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(1, "EPERM"),
          Map.entry(2, "ENOENT"),
          Map.entry(5, "EIO"),
          Map.entry(9, "EBADF"),
          Map.entry(11, "EAGAIN"),
          Map.entry(12, "ENOMEM"),
          Map.entry(13, "EACCES"),
          Map.entry(17, "EEXIST"),
          Map.entry(19, "ENODEV"),
          Map.entry(21, "EISDIR"),
          Map.entry(22, "EINVAL"),
          Map.entry(95, "EOPNOTSUPP"),
          Map.entry(104, "ECONNRESET"),
          Map.entry(105, "ENOBUFS"),
          Map.entry(111, "ECONNREFUSED"),
          Map.entry(112, "EADDRINUSE"),
          Map.entry(113, "ECONNABORTED"),
          Map.entry(116, "ETIMEDOUT"),
          Map.entry(118, "EHOSTUNREACH"),
          Map.entry(119, "EINPROGRESS"),
          Map.entry(120, "EALREADY"),
          Map.entry(128, "ENOTCONN"));

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
