package dev.otasim.github;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of a repository at one release, as a test writes them: {@code tree.file("main.py",
 * "print('v2')\n").file("lib/ota.py", bytes)}.
 *
 * <p>Directories exist only through the files under them, as in git.
 */
public final class Tree {
  private final Map<String, byte[]> files = new TreeMap<>();

  Tree() {}

  /** Adds or replaces the file at {@code path} (relative, '/'-separated) with UTF-8 text. */
  public Tree file(String path, String utf8) {
    return file(path, utf8.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds or replaces the file at {@code path} (relative, '/'-separated) with {@code bytes}. */
  public Tree file(String path, byte[] bytes) {
    checkPath(path);
    for (String other : files.keySet()) {
      if (other.startsWith(path + "/") || path.startsWith(other + "/")) {
        throw new IllegalArgumentException(
            "\"" + path + "\" and \"" + other + "\" cannot both exist: one would be a directory");
      }
    }
    files.put(path, bytes.clone());
    return this;
  }

  /** An immutable copy of what has been added so far. */
  Snapshot snapshot() {
    return new Snapshot(files);
  }

  private static void checkPath(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
      throw new IllegalArgumentException(
          "path must be relative and name a file, like \"lib/ota.py\": \"" + path + "\"");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "path must not contain empty, \".\" or \"..\" segments: \"" + path + "\"");
      }
    }
  }
}
