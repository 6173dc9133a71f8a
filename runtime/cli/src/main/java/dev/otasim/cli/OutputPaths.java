package dev.otasim.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Output paths checked before a run starts, so that a run of many boots never ends in an error that
 * loses its timeline and verdict: {@code --journal} must be a file in an existing folder, {@code
 * --save} a folder (made if missing) and not a file, the reports of sweep and gate files whose
 * folders are made.
 */
final class OutputPaths {
  private OutputPaths() {}

  /** A file to write: not a folder, not a link, in a folder that exists. */
  static void checkFile(String option, Path file) {
    if (file == null) {
      return;
    }
    plainFile(option, file);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new IllegalArgumentException(
          option + " " + file + ": the folder " + parent + " does not exist; create it first");
    }
    if (parent != null && !Files.isWritable(parent)) {
      throw new IllegalArgumentException(
          option + " " + file + ": the folder " + parent + " is not writable");
    }
  }

  /**
   * A report file whose folders the command makes: not a folder, not a link, and no existing
   * ancestor of it is a file.
   */
  static void checkReport(String option, Path file) {
    if (file == null) {
      return;
    }
    plainFile(option, file);
    for (Path p = file.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        if (!Files.isDirectory(p)) {
          throw new IllegalArgumentException(
              option + " " + file + ": " + p + " is a file, not a folder; give another path");
        }
        if (!Files.isWritable(p)) {
          throw new IllegalArgumentException(
              option + " " + file + ": the folder " + p + " is not writable");
        }
        return;
      }
    }
  }

  private static void plainFile(String option, Path file) {
    if (Files.isSymbolicLink(file)) {
      throw new IllegalArgumentException(
          option + " " + file + " is a symbolic link; give a plain file path");
    }
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException(
          option + " " + file + " is a folder; give a file path, such as " + file.resolve("x.txt"));
    }
  }

  /** Two outputs of one command must not be the same path: the second would fail on the first. */
  static void checkDistinct(String option, Path file, String otherOption, Path other) {
    if (file != null
        && other != null
        && file.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException(
          option + " and " + otherOption + " both name " + file + "; give them different paths");
    }
  }

  /** Why a write failed, in words rather than an exception's class name. */
  static String reason(Throwable e) {
    Throwable t =
        e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    if (t instanceof java.nio.file.FileAlreadyExistsException) {
      return "a file is in the way";
    }
    if (t instanceof java.nio.file.NoSuchFileException) {
      return "no such folder";
    }
    if (t instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (t instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  /** A folder to write into: made if missing, but not an existing file or link. */
  static void checkFolder(String option, Path dir) {
    if (dir == null) {
      return;
    }
    if (Files.isSymbolicLink(dir)) {
      throw new IllegalArgumentException(
          option + " " + dir + " is a symbolic link; give a plain folder path");
    }
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          option + " " + dir + " is a file; give a folder (it is made if missing)");
    }
  }
}
