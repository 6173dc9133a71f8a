package dev.otasim.stubs.flash;

import dev.otasim.stubs.MicroPythonError;

/**
 * A parsed {@code open()} mode. LittleFS's rules (spec §3.1): {@code r w x a} at most once, {@code
 * +} only after it, unknown letters ignored, {@code ''} means {@code 'r'}. FAT's rules: every
 * letter ORs its flags in, so {@code 'rw'} and {@code '+w'} open, and a mode without {@code r w x a
 * +} opens a handle that can neither read nor write.
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
   * Parses a mode string with LittleFS's rules.
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

  /**
   * Parses a mode string with FAT's rules (extmod/vfs_fat_file.c ORs FatFs flags per letter). The
   * probe's {@code open('a.txt', 'rw')} opened, truncating the file; {@code open(.., 'q').read()}
   * raised {@code OSError(13)}: FatFs opens without access rights and refuses the read.
   */
  public static OpenMode parseFat(String mode) {
    boolean read = false;
    boolean write = false;
    boolean create = false;
    boolean truncate = false;
    boolean append = false;
    boolean exclusive = false;
    boolean binary = false;
    for (char c : mode.toCharArray()) {
      switch (c) {
        case 'r' -> read = true;
        case 'w' -> {
          write = true;
          create = true;
          truncate = true;
        }
        case 'x' -> {
          write = true;
          create = true;
          exclusive = true;
        }
        case 'a' -> {
          write = true;
          create = true;
          append = true;
        }
        case '+' -> {
          read = true;
          write = true;
        }
        case 'b' -> binary = true;
        case 't' -> binary = false;
        default -> {
          // ignored, as on LittleFS
        }
      }
    }
    return new OpenMode(read, write, create, truncate, append, exclusive, binary);
  }
}
