package dev.otasim.stubs.flash;

import dev.otasim.stubs.MicroPythonError;

/**
 * A parsed {@code open()} mode, with LittleFS's rules (spec §3.1): {@code r w x a} at most once,
 * {@code +} only after it, unknown letters ignored, {@code ''} means {@code 'r'}.
 */
public record OpenMode(
    boolean read,
    boolean write,
    boolean create,
    boolean truncate,
    boolean append,
    boolean exclusive,
    boolean binary) {

  /**
   * Parses a mode string.
   *
   * @throws MicroPythonError {@code ValueError()} (empty message) for two of {@code rwxa}, or a
   *     {@code +} before the letter, as extmod/vfs_lfsx_file.c does
   */
  public static OpenMode parse(String mode) {
    char kind = 0;
    boolean plus = false;
    boolean binary = false;
    for (char c : mode.toCharArray()) {
      switch (c) {
        case 'r', 'w', 'x', 'a' -> {
          if (kind != 0 || plus) {
            throw MicroPythonError.value("");
          }
          kind = c;
        }
        case '+' -> plus = true;
        case 'b' -> binary = true;
        case 't' -> binary = false;
        default -> {
          // unknown letters are ignored on LittleFS
        }
      }
    }
    if (kind == 0) {
      kind = 'r';
    }
    boolean read = kind == 'r' || plus;
    boolean write = kind != 'r' || plus;
    return new OpenMode(read, write, kind != 'r', kind == 'w', kind == 'a', kind == 'x', binary);
  }
}
