package dev.otasim.stubs.flash;

/**
 * The on-flash format of the user file system: it decides error numbers, name rules, listing order
 * and what survives a power cut (spec/micropython-esp32.md §2.2, §3.1, §4, whose tables have one
 * column per kind).
 */
public enum FileSystemKind {
  /**
   * LittleFS v2, the ESP32 default since v1.13: names compared bytewise and listed sorted,
   * copy-on-write commits at {@code flush()}/{@code close()}.
   */
  LITTLEFS,

  /**
   * FAT (a partition labelled {@code ffat}): case-insensitive names listed in directory-slot order,
   * {@code 'w'} truncates on flash at once, different error numbers.
   */
  FAT;

  /** Whether two names denote the same directory entry. */
  boolean sameName(String a, String b) {
    return this == FAT ? a.equalsIgnoreCase(b) : a.equals(b);
  }

  /** Parses an {@code open()} mode the way this kind's {@code file_open} does. */
  OpenMode parseMode(String mode) {
    return this == FAT ? OpenMode.parseFat(mode) : OpenMode.parse(mode);
  }
}
