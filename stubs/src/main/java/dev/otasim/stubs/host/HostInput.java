package dev.otasim.stubs.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one way otasim reads a folder of the host: board folders, release folders, the trees the gate
 * reads from a repository, the shell's host folders, golden journals and the code cache. Inputs
 * come from strangers' repositories, so only regular files and folders are read; a symbolic link
 * (even one that stays inside the folder: its target can change between the check and the read, and
 * a board has no links), a device, a named pipe or a socket is refused with an {@link InputRefused}
 * naming it. Nothing is read past a limit per file and per input, and every path stays under the
 * input's root.
 *
 * <p>Nothing is checked and then opened by path: the root is opened once, and every folder and file
 * below it is opened relative to its parent's open handle ({@link SecureDirectoryStream}) with
 * links refused at that step ({@code O_NOFOLLOW}), so a folder swapped for a link between the
 * listing and the read is refused, not followed. Names are read as the JVM's file name encoding
 * gives them; one it cannot represent (a non-UTF-8 locale such as {@code LANG=C}, or bytes that are
 * not UTF-8) is refused with the fix, never passed on with {@code ?} in it.
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

  /**
   * Called with an entry's path after its kind is checked and before it is opened: a test swaps the
   * entry there to show that the open does not trust the check. Does nothing otherwise.
   */
  static volatile Consumer<String> beforeOpen = rel -> {};

  private final String what;
  private final Path root;
  private final List<Path> below;
  private final long fileLimit;
  private final long totalLimit;

  private HostInput(String what, Path root, List<Path> below, long fileLimit, long totalLimit) {
    this.what = what;
    this.root = root;
    this.below = below;
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
    return new HostInput(what, folder, List.of(), fileLimit, totalLimit);
  }

  /** A host folder read under the default limits for releases and repositories. */
  public static HostInput of(String what, Path folder) {
    return of(what, folder, DEFAULT_FILE_LIMIT, DEFAULT_TOTAL_LIMIT);
  }

  /** The input's root folder. */
  public Path root() {
    Path p = root;
    for (Path name : below) {
      p = p.resolve(name);
    }
    return p;
  }

  /**
   * A folder directly under the root (one of {@link #folders()}) as an input of its own, with the
   * same limits: it is opened through this input's root handle, never followed if it became a link.
   */
  public HostInput folder(String name) {
    Path n = root.getFileSystem().getPath(name);
    if (n.getNameCount() != 1 || name.equals("..") || name.equals(".") || name.indexOf('\0') >= 0) {
      throw new InputRefused(what + " " + root() + ": " + name + " is not a folder name in it");
    }
    List<Path> more = new ArrayList<>(below);
    more.add(n);
    return new HostInput(what, root, List.copyOf(more), fileLimit, totalLimit);
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
    try (SecureDirectoryStream<Path> top = openRoot()) {
      walk(top, "", 0, out, total);
    } catch (IOException e) {
      throw new InputRefused(what + " " + root() + ": cannot close it: " + e.getMessage());
    }
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
   * The folders directly under the root, sorted; regular files there are skipped. Read one with
   * {@link #folder(String)}, not by its path.
   *
   * @throws InputRefused for a link, device, pipe or socket directly under the root
   */
  public List<Path> folders() {
    List<Path> out = new ArrayList<>();
    try (SecureDirectoryStream<Path> top = openRoot()) {
      for (Path name : list(top, "")) {
        String rel = name.toString();
        BasicFileAttributes a = attributes(top, name, rel);
        if (a.isDirectory()) {
          out.add(root().resolve(name));
        } else if (!a.isRegularFile()) {
          throw refused(rel, a);
        }
      }
    } catch (IOException e) {
      throw new InputRefused(what + " " + root() + ": cannot close it: " + e.getMessage());
    }
    return out;
  }

  /**
   * One regular file under the root, or {@code null} if there is none at {@code relative}.
   *
   * @throws InputRefused if the path leaves the root, or is a link or anything but a regular file
   */
  public byte[] file(String relative) {
    List<Path> parts = inside(relative);
    List<SecureDirectoryStream<Path>> open = new ArrayList<>();
    try {
      open.add(openRoot());
      String rel = "";
      for (int i = 0; i < parts.size(); i++) {
        SecureDirectoryStream<Path> dir = open.get(open.size() - 1);
        Path name = parts.get(i);
        rel = rel + (rel.isEmpty() ? "" : "/") + name;
        BasicFileAttributes a = attributesOrNull(dir, name, rel);
        if (a == null) {
          return null;
        }
        boolean last = i == parts.size() - 1;
        if (a.isDirectory()) {
          if (last) {
            return null;
          }
          beforeOpen.accept(rel);
          open.add(openFolder(dir, name, rel));
        } else if (a.isRegularFile() && last) {
          beforeOpen.accept(rel);
          return read(dir, name, rel, fileLimit);
        } else if (a.isRegularFile()) {
          return null; // a file where a folder of the path would be: nothing there
        } else {
          throw refused(rel, a);
        }
      }
      return null;
    } finally {
      for (SecureDirectoryStream<Path> d : open) {
        closeQuietly(d);
      }
    }
  }

  /**
   * One host file named on the command line (a file given to {@code otasim lint}, a golden journal,
   * the code cache), read without following a link and without reading past {@code limit}. Its
   * folder is the user's choice and may be reached through a link; the file itself may not.
   *
   * @return the bytes, or {@code null} if there is no such file
   * @throws InputRefused if it is a link or anything but a regular file, or too large
   */
  public static byte[] readFile(String what, Path file, long limit) {
    Path abs = file.toAbsolutePath();
    HostInput in = new HostInput(what, abs.getParent(), List.of(), limit, limit);
    Path name = abs.getFileName();
    String rel = name.toString();
    try (SecureDirectoryStream<Path> dir = in.openRoot()) {
      BasicFileAttributes a = in.attributesOrNull(dir, name, rel);
      if (a == null) {
        return null;
      }
      if (!a.isRegularFile()) {
        throw in.refused(rel, a);
      }
      beforeOpen.accept(rel);
      return in.read(dir, name, rel, limit);
    } catch (IOException e) {
      throw new InputRefused(what + " " + abs + ": cannot close its folder: " + e.getMessage());
    }
  }

  /**
   * One host file named on the command line, under {@link #DEFAULT_FILE_LIMIT}.
   *
   * @throws InputRefused if it is missing, a link or anything but a regular file, or too large
   */
  public static byte[] readFile(String what, Path file) {
    byte[] bytes = readFile(what, file, DEFAULT_FILE_LIMIT);
    if (bytes == null) {
      throw new InputRefused(what + " " + file + ": no such file");
    }
    return bytes;
  }

  /** The components of a relative path that stays strictly inside the root. */
  private List<Path> inside(String relative) {
    Path p = root.getFileSystem().getPath("");
    boolean ok = relative.indexOf('\0') < 0;
    if (ok) {
      try {
        p = root.getFileSystem().getPath(relative).normalize();
      } catch (InvalidPathException e) {
        ok = false;
      }
    }
    List<Path> parts = new ArrayList<>();
    for (Path part : p) {
      parts.add(part);
    }
    if (!ok
        || p.isAbsolute()
        || parts.isEmpty()
        || parts.get(0).toString().isEmpty()
        || parts.get(0).toString().equals("..")) {
      throw new InputRefused(what + " " + root() + ": " + relative + " is not a path inside it");
    }
    return parts;
  }

  /**
   * Opens the root (followed if it is a link: the user named it) and each folder of {@link #below}
   * relative to it, links refused.
   */
  private SecureDirectoryStream<Path> openRoot() {
    DirectoryStream<Path> ds;
    try {
      ds = Files.newDirectoryStream(root);
    } catch (IOException e) {
      throw new InputRefused(what + " " + root + ": cannot list it: " + e.getMessage());
    }
    if (!(ds instanceof SecureDirectoryStream<Path> dir)) {
      closeQuietly(ds);
      throw new InputRefused(
          what
              + " "
              + root
              + ": this system gives Java no folder handles (SecureDirectoryStream), so otasim"
              + " cannot read host folders without a race here; run it on Linux or macOS");
    }
    SecureDirectoryStream<Path> at = dir;
    String rel = "";
    for (Path name : below) {
      rel = rel + (rel.isEmpty() ? "" : "/") + name;
      try {
        BasicFileAttributes a = attributes(at, name, rel);
        if (!a.isDirectory()) {
          throw a.isRegularFile()
              ? new InputRefused(what + " " + root() + " is not a folder")
              : refused(root, rel, a);
        }
        beforeOpen.accept(rel);
        SecureDirectoryStream<Path> next = openFolder(at, name, rel, root);
        closeQuietly(at);
        at = next;
      } catch (RuntimeException e) {
        closeQuietly(at);
        throw e;
      }
    }
    return at;
  }

  /** Opens a folder relative to its parent's handle; a link there is refused, not followed. */
  private SecureDirectoryStream<Path> openFolder(
      SecureDirectoryStream<Path> parent, Path name, String rel) {
    return openFolder(parent, name, rel, root());
  }

  private SecureDirectoryStream<Path> openFolder(
      SecureDirectoryStream<Path> parent, Path name, String rel, Path base) {
    try {
      return parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw changed(parent, name, rel, e, base);
    }
  }

  /**
   * Why opening an entry failed: it changed since it was checked (into a link, a pipe, ...), or it
   * cannot be read.
   */
  private InputRefused changed(
      SecureDirectoryStream<Path> parent, Path name, String rel, IOException e, Path base) {
    BasicFileAttributes now = attributesOrNull(parent, name, rel);
    if (now != null && !now.isDirectory() && !now.isRegularFile()) {
      return refused(base, rel, now);
    }
    return new InputRefused(what + " " + base + ": cannot read " + rel + ": " + e.getMessage());
  }

  /** The names in a folder, sorted, each one a name the JVM can represent. */
  private List<Path> list(SecureDirectoryStream<Path> dir, String prefix) {
    List<Path> names = new ArrayList<>();
    for (Path p : dir) {
      Path name = p.getFileName();
      checkName(name, prefix);
      names.add(name);
      if (names.size() > MAX_ENTRIES) {
        throw new InputRefused(
            what + " " + root() + " holds more than " + MAX_ENTRIES + " files and folders");
      }
    }
    Collections.sort(names);
    return names;
  }

  /**
   * Refuses a name the file name encoding cannot represent: under {@code LANG=C} Java reads {@code
   * café.txt} as {@code caf??.txt}, which the board must never see.
   */
  private void checkName(Path name, String prefix) {
    String s = name.toString();
    boolean same;
    try {
      same = name.getFileSystem().getPath(s).equals(name);
    } catch (InvalidPathException e) {
      same = false;
    }
    if (!same) {
      throw new InputRefused(
          what
              + " "
              + root()
              + ": "
              + prefix
              + s
              + " has a name this JVM cannot read in its file name encoding ("
              + System.getProperty("sun.jnu.encoding")
              + "); otasim reads names as UTF-8, so run it under a UTF-8 locale (LC_ALL=C.UTF-8;"
              + " the otasim script sets it) or rename the file");
    }
  }

  private void walk(
      SecureDirectoryStream<Path> dir, String prefix, int depth, List<Entry> out, long[] total) {
    if (depth > MAX_DEPTH) {
      throw new InputRefused(
          what + " " + root() + ": " + prefix + " is nested deeper than " + MAX_DEPTH + " folders");
    }
    List<Path> children = list(dir, prefix);
    if (out.size() + children.size() > MAX_ENTRIES) {
      throw new InputRefused(
          what + " " + root() + " holds more than " + MAX_ENTRIES + " files and folders");
    }
    for (Path name : children) {
      String rel = prefix + name;
      BasicFileAttributes a = attributes(dir, name, rel);
      if (a.isDirectory()) {
        out.add(new Entry(rel, null));
        beforeOpen.accept(rel);
        try (SecureDirectoryStream<Path> sub = openFolder(dir, name, rel)) {
          walk(sub, rel + "/", depth + 1, out, total);
        } catch (IOException e) {
          throw new InputRefused(what + " " + root() + ": cannot close " + rel + ": " + e);
        }
      } else if (a.isRegularFile()) {
        beforeOpen.accept(rel);
        byte[] bytes = read(dir, name, rel, Math.min(fileLimit, totalLimit - total[0]));
        total[0] += bytes.length;
        out.add(new Entry(rel, bytes));
      } else {
        throw refused(rel, a);
      }
    }
  }

  /** An entry's own attributes (never its link's target's), read through its folder's handle. */
  private BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, Path name, String rel) {
    try {
      return dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .readAttributes();
    } catch (IOException e) {
      throw new InputRefused(what + " " + root() + ": cannot read " + rel + ": " + e.getMessage());
    }
  }

  /** As {@link #attributes}, or {@code null} if there is no such entry. */
  private BasicFileAttributes attributesOrNull(
      SecureDirectoryStream<Path> dir, Path name, String rel) {
    try {
      return dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .readAttributes();
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new InputRefused(what + " " + root() + ": cannot read " + rel + ": " + e.getMessage());
    }
  }

  private InputRefused refused(String rel, BasicFileAttributes a) {
    return refused(root(), rel, a);
  }

  private InputRefused refused(Path base, String rel, BasicFileAttributes a) {
    // the path serves the message only: the link's target and the kind of a special file
    Path p = base.resolve(rel);
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
            + base
            + ": "
            + rel
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

  /**
   * Reads at most {@code limit} bytes of a regular file, opened through its folder's handle and
   * never through a link.
   */
  private byte[] read(SecureDirectoryStream<Path> dir, Path name, String rel, long limit) {
    SeekableByteChannel ch;
    try {
      ch = dir.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      throw changed(dir, name, rel, e, root());
    }
    try (InputStream in = Channels.newInputStream(ch)) {
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
                + root()
                + ": "
                + rel
                + (limit < fileLimit
                    ? " goes past the input's limit of " + totalLimit + " bytes"
                    : " is larger than the limit of " + fileLimit + " bytes")
                + "; otasim stops reading there");
      }
      return b.toByteArray();
    } catch (IOException e) {
      throw new InputRefused(what + " " + root() + ": cannot read " + rel + ": " + e.getMessage());
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // a folder handle: nothing was written through it
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
