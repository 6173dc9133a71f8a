package dev.otasim.github;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The immutable files of one release, with the git object names GitHub would report for them.
 *
 * <p>Directory paths are '/'-separated without a trailing slash; the root is {@code ""}.
 */
final class Snapshot {
  /** One name in a directory, as the contents and trees APIs describe it. */
  record Entry(String name, String path, boolean directory, String sha, long size) {}

  /** Git sorts a directory's entries by bytes, comparing a subdirectory as if named "name/". */
  private static final Comparator<Entry> GIT_ORDER =
      (a, b) -> Arrays.compareUnsigned(sortKey(a), sortKey(b));

  private final Map<String, byte[]> files;
  private final Map<String, List<Entry>> directories = new HashMap<>();
  private final Map<String, String> treeShas = new HashMap<>();

  Snapshot(Map<String, byte[]> files) {
    Map<String, byte[]> copy = new TreeMap<>();
    files.forEach((path, bytes) -> copy.put(path, bytes.clone()));
    this.files = copy;

    Map<String, Map<String, Boolean>> names = new HashMap<>();
    names.put("", new TreeMap<>());
    for (String path : copy.keySet()) {
      String child = path;
      boolean directory = false;
      while (true) {
        String parent = parent(child);
        names.computeIfAbsent(parent, p -> new TreeMap<>()).put(child, directory);
        if (parent.isEmpty()) {
          break;
        }
        child = parent;
        directory = true;
      }
    }
    treeSha("", names);
  }

  /** The bytes of the file at {@code path}, if it is a file. */
  /** Every file, by path, in git's order. */
  Map<String, byte[]> all() {
    Map<String, byte[]> out = new TreeMap<>();
    files.forEach((k, v) -> out.put(k, v.clone()));
    return out;
  }

  Optional<byte[]> file(String path) {
    byte[] bytes = files.get(path);
    return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
  }

  boolean isDirectory(String path) {
    return directories.containsKey(path);
  }

  /** The entries directly in {@code directory}, in git order. */
  List<Entry> children(String directory) {
    return directories.getOrDefault(directory, List.of());
  }

  /** The entry describing the file or directory at {@code path} (not the root). */
  Optional<Entry> entry(String path) {
    return children(parent(path)).stream().filter(e -> e.path().equals(path)).findFirst();
  }

  /** The git tree name of {@code directory}. */
  String treeSha(String directory) {
    return treeShas.get(directory);
  }

  /** The directory whose git tree name is {@code sha} (the root is ""), if there is one. */
  Optional<String> directoryOf(String sha) {
    return treeShas.entrySet().stream()
        .filter(e -> e.getValue().equals(sha))
        .map(Map.Entry::getKey)
        .sorted()
        .findFirst();
  }

  /** Every entry under {@code directory}, depth first, as {@code git ls-tree -r -t} lists them. */
  List<Entry> walk(String directory) {
    List<Entry> out = new ArrayList<>();
    for (Entry entry : children(directory)) {
      out.add(entry);
      if (entry.directory()) {
        out.addAll(walk(entry.path()));
      }
    }
    return out;
  }

  /** All file paths, sorted. */
  List<String> paths() {
    return List.copyOf(files.keySet());
  }

  private String treeSha(String directory, Map<String, Map<String, Boolean>> names) {
    List<Entry> entries = new ArrayList<>();
    names
        .get(directory)
        .forEach(
            (path, isDirectory) -> {
              String name = path.substring(path.lastIndexOf('/') + 1);
              entries.add(
                  isDirectory
                      ? new Entry(name, path, true, treeSha(path, names), 0)
                      : new Entry(name, path, false, GitHash.blob(files.get(path)), size(path)));
            });
    entries.sort(GIT_ORDER);
    directories.put(directory, List.copyOf(entries));

    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Entry entry : entries) {
      body.writeBytes(
          ((entry.directory() ? "40000 " : "100644 ") + entry.name() + "\0")
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(HexFormat.of().parseHex(entry.sha()));
    }
    String sha = GitHash.object("tree", body.toByteArray());
    treeShas.put(directory, sha);
    return sha;
  }

  private long size(String path) {
    return files.get(path).length;
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static byte[] sortKey(Entry entry) {
    return (entry.name() + (entry.directory() ? "/" : "")).getBytes(StandardCharsets.UTF_8);
  }
}
