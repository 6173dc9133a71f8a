package dev.otasim.stubs;

import java.util.Objects;

/**
 * An exception that a stub raises into device code as a MicroPython exception. The shim layer
 * catches it at the Java/Python boundary and raises {@code type(args...)} in Python, so device code
 * sees exactly what the board raises: {@code OSError(2)}, never a Java exception or a CPython
 * {@code FileNotFoundError}.
 */
public final class MicroPythonError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String type;
  private final Integer errno;
  private final String text;

  private MicroPythonError(String type, Integer errno, String text) {
    super(describe(type, errno, text), null, false, false);
    this.type = Objects.requireNonNull(type, "type");
    this.errno = errno;
    this.text = text;
  }

  /** {@code OSError(errno)}: the one-argument form MicroPython's VM and VFS raise. */
  public static MicroPythonError os(int errno) {
    return new MicroPythonError("OSError", errno, null);
  }

  /** {@code OSError(errno, text)}, as ESP-IDF and mbedTLS errors are raised. */
  public static MicroPythonError os(int errno, String text) {
    return new MicroPythonError("OSError", errno, text);
  }

  /** {@code OSError(text)}: the text-only form the Wi-Fi driver raises ("Wifi Internal Error"). */
  public static MicroPythonError osText(String text) {
    return new MicroPythonError("OSError", null, text);
  }

  /** {@code ValueError(text)}; an empty text gives {@code ValueError()} as a closed file does. */
  public static MicroPythonError value(String text) {
    return new MicroPythonError("ValueError", null, text.isEmpty() ? null : text);
  }

  /** {@code TypeError(text)}. */
  public static MicroPythonError type(String text) {
    return new MicroPythonError("TypeError", null, text);
  }

  /** {@code MemoryError('memory allocation failed, allocating N bytes')} (py/runtime.c). */
  public static MicroPythonError memory(long bytes) {
    return new MicroPythonError(
        "MemoryError", null, "memory allocation failed, allocating " + bytes + " bytes");
  }

  /** Any other builtin exception type by name. */
  public static MicroPythonError of(String type, String text) {
    return new MicroPythonError(type, null, text);
  }

  /** The Python exception type's name. */
  @MicroPythonApi
  public String pythonType() {
    return type;
  }

  /** Whether the exception has an error number as its first argument. */
  @MicroPythonApi
  public boolean hasErrno() {
    return errno != null;
  }

  /** The error number; only meaningful when {@link #hasErrno()}. */
  @MicroPythonApi
  public int errno() {
    return errno == null ? 0 : errno;
  }

  /** The text argument, or {@code null} when there is none. */
  @MicroPythonApi
  public String text() {
    return text;
  }

  private static String describe(String type, Integer errno, String text) {
    StringBuilder b = new StringBuilder(type).append('(');
    if (errno != null) {
      b.append(errno);
      if (text != null) {
        b.append(", ");
      }
    }
    if (text != null) {
      b.append('\'').append(text).append('\'');
    }
    return b.append(')').toString();
  }
}
