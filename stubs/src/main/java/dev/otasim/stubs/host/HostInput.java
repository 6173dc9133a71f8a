package dev.otasim.stubs.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way otasim reads a folder of the host: board folders, release folders, the trees the gate
 * reads from a repository, and the shell's host folders. Inputs come from strangers' repositories,
 * so only regular files and folders are read; a symbolic link (even one that stays inside the
 * folder: its target can change between the check and the read, and a board has no links), a
 * device, a named pipe or a socket is refused with an {@link InputRefused} naming it. Nothing is
 * read past a limit per file and per input, links are never followed ({@code NOFOLLOW_LINKS}), and
 * every path stays under the input's root.
 *
 * <p>The root itself is the user's own choice on the command line and may be reached through a link
 * (a checkout under {@code /tmp} on macOS is); what is inside it is not trusted.
 */
public final class HostInput {
  /** Per-file limit for release folders and repositories: more than any ESP32 flash holds. */
  public static final long DEFAULT_FILE_LIMIT = 16L << 20;

  /** Per-input limit for release folders and repositories. */
  public static final long DEFAULT_TOTAL_LIMIT = 64L << 20;

  /** Entries (files and folders) per input. */
  public static final int MAX_ENTRIES = 10_000;

  /** Folder depth per input. */
  public static final int MAX_DEPTH = 32;

  private final String what;
  private final Path root;
  private final long fileLimit;
  private final long totalLimit;

  private HostInput(String what, Path root, long fileLimit, long totalLimit) {
    this.what = what;
    this.root = root;
    this.fileLimit = fileLimit;
    this.totalLimit = totalLimit;
  }

  /**
   * A host folder read under limits.
   *
   * @param what how the user names the input in messages, such as {@code --board}
   * @throws InputRefused if {@code folder} is not a folder
   */
  public static HostInput of(String what, Path folder, long fileLimit, long totalLimit) {
    if (!Files.isDirectory(folder)) {
      throw new InputRefused(what + " " + folder + " is not a folder");
    }
    return new HostInput(what, folder, fileLimit, totalLimit);
  }

  /** A host folder read under the default limits for releases and repositories. */
  public static HostInput of(String what, Path folder) {
    return of(what, folder, DEFAULT_FILE_LIMIT, DEFAULT_TOTAL_LIMIT);
  }

  /** The input's root folder. */
  public Path root() {
    return root;
  }

  /** One entry of an input: its {@code /}-separated path under the root, and a file's bytes. */
  public record Entry(String path, byte[] bytes) {
    /** Whether the entry is a folder. */
    public boolean isFolder() {
      return bytes == null;
    }
  }

  /**
   * Every folder and regular file under the root, folders before what they hold, sorted by path.
   *
   * @throws InputRefused for anything that is not a regular file or a folder, or past a limit
   */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    long[] total = {0};
    walk(root, "", 0, out, total);
    return out;
  }

  /** The regular files under the root by {@code /}-separated path; folders only as their files. */
  public Map<String, byte[]> files() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (Entry e : entries()) {
      if (!e.isFolder()) {
        out.put(e.path(), e.bytes());
      }
    }
    return out;
  }

  /**
   * The folders directly under the root, sorted; regular files there are skipped.
   *
   * @throws InputRefused for a link, device, pipe or socket directly under the root
   */
  public List<Path> folders() {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> list = Files.newDirectoryStream(root)) {
      for (Path p : list) {
        BasicFileAttributes a = attributes(p);
        if (a.isDirectory()) {
          out.add(p);
        } else if (!a.isRegularFile()) {
          throw refused(p, a);
        }
        if (out.size() > MAX_ENTRIES) {
          throw new InputRefused(
              what + " " + root + " holds more than " + MAX_ENTRIES + " folders");
        }
      }
    } catch (IOException e) {
      throw new InputRefused(what + " " + root + ": cannot list it: " + e);
    }
    Collections.sort(out);
    return out;
  }

  /**
   * One regular file under the root, or {@code null} if there is none at {@code relative}.
   *
   * @throws InputRefused if the path leaves the root, or is a link or anything but a regular file
   */
  public byte[] file(String relative) {
    Path p = inside(relative);
    Path at = root;
    for (Path part : root.relativize(p)) {
      at = at.resolve(part);
      if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
        return null;
      }
      BasicFileAttributes a = attributes(at);
      if (!a.isDirectory() && !a.isRegularFile()) {
        throw refused(at, a);
      }
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    return read(p, name(p), fileLimit);
  }

  /**
   * One host file named on the command line (a file given to {@code otasim lint}), read without
   * following a link and without reading past {@link #DEFAULT_FILE_LIMIT}.
   *
   * @throws InputRefused if it is a link or anything but a regular file, or too large
   */
  public static byte[] readFile(String what, Path file) {
    Path parent = file.toAbsolutePath().getParent();
    HostInput in = new HostInput(what, parent, DEFAULT_FILE_LIMIT, DEFAULT_FILE_LIMIT);
    BasicFileAttributes a = in.attributes(file.toAbsolutePath());
    if (!a.isRegularFile()) {
      throw in.refused(file.toAbsolutePath(), a);
    }
    return in.read(file.toAbsolutePath(), file.getFileName().toString(), DEFAULT_FILE_LIMIT);
  }

  private Path inside(String relative) {
    Path p = root.resolve(relative).normalize();
    if (relative.indexOf('\0') >= 0 || !p.startsWith(root.normalize()) || p.equals(root)) {
      throw new InputRefused(what + " " + root + ": " + relative + " is not a path inside it");
    }
    return p;
  }

  private void walk(Path dir, String prefix, int depth, List<Entry> out, long[] total) {
    if (depth > MAX_DEPTH) {
      throw new InputRefused(
          what + " " + root + ": " + prefix + " is nested deeper than " + MAX_DEPTH + " folders");
    }
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> list = Files.newDirectoryStream(dir)) {
      for (Path p : list) {
        children.add(p);
        if (out.size() + children.size() > MAX_ENTRIES) {
          throw new InputRefused(
              what + " " + root + " holds more than " + MAX_ENTRIES + " files and folders");
        }
      }
    } catch (IOException e) {
      throw new InputRefused(what + " " + root + ": cannot list " + show(prefix) + ": " + e);
    }
    Collections.sort(children);
    for (Path p : children) {
      String rel = prefix + p.getFileName().toString();
      BasicFileAttributes a = attributes(p);
      if (a.isDirectory()) {
        out.add(new Entry(rel, null));
        walk(p, rel + "/", depth + 1, out, total);
      } else if (a.isRegularFile()) {
        byte[] bytes = read(p, rel, Math.min(fileLimit, totalLimit - total[0]));
        total[0] += bytes.length;
        out.add(new Entry(rel, bytes));
      } else {
        throw refused(p, a);
      }
    }
  }

  private static String show(String prefix) {
    return prefix.isEmpty() ? "its top folder" : prefix;
  }

  private String name(Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  private BasicFileAttributes attributes(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new InputRefused(what + " " + root + ": cannot read " + name(p) + ": " + e);
    }
  }

  private InputRefused refused(Path p, BasicFileAttributes a) {
    String kind;
    if (a.isSymbolicLink()) {
      String target;
      try {
        target = Files.readSymbolicLink(p).toString();
      } catch (IOException e) {
        target = "?";
      }
      kind = "is a symbolic link (to " + target + ")";
    } else {
      kind = "is " + otherKind(p);
    }
    return new InputRefused(
        what
            + " "
            + root
            + ": "
            + name(p)
            + " "
            + kind
            + "; otasim reads only regular files and folders from the host, replace it with the"
            + " file itself");
  }

  private static String otherKind(Path p) {
    try {
      int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return switch (mode & 0170000) {
        case 0010000 -> "a named pipe";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "neither a regular file nor a folder";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "neither a regular file nor a folder";
    }
  }

  /** Reads at most {@code limit} bytes of a regular file, never through a link. */
  private byte[] read(Path p, String rel, long limit) {
    try (SeekableByteChannel ch =
            Files.newByteChannel(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        InputStream in = Channels.newInputStream(ch)) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      long left = limit + 1;
      for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; ) {
        b.write(buf, 0, n);
        left -= n;
      }
      if (b.size() > limit) {
        throw new InputRefused(
            what
                + " "
                + root
                + ": "
                + rel
                + (limit < fileLimit
                    ? " goes past the input's limit of " + totalLimit + " bytes"
                    : " is larger than the limit of " + fileLimit + " bytes")
                + "; otasim stops reading there");
      }
      return b.toByteArray();
    } catch (IOException e) {
      throw new InputRefused(what + " " + root + ": cannot read " + rel + ": " + e.getMessage());
    }
  }

  /** Why a host input is not read: a message naming the input, the entry and the fix. */
  public static final class InputRefused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InputRefused(String message) {
      super(message);
    }
  }
}
