package dev.otasim.stubs.flash;

import dev.otasim.stubs.MicroPythonError;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The committed directory tree and path lookup. Paths are absolute and normalised ({@code
 * /main/app.py}); a missing component is {@code OSError(2)}, a file used as a directory is
 * LittleFS's {@code OSError(20)} and FAT's {@code OSError(2)} (vfs_probe "listdir on file").
 */
final class FlashTree {
  /** Longest name: LittleFS {@code name_max} 255 bytes, FAT long names 255 characters. */
  static final int NAME_MAX = 255;

  final FileSystemKind kind;
  final FlashNode.Directory root;

  FlashTree(FileSystemKind kind) {
    this.kind = kind;
    this.root = new FlashNode.Directory(kind);
  }

  FlashNode lookup(String path) {
    FlashNode node = root;
    for (String part : split(path)) {
      checkFatName(part);
      if (!(node instanceof FlashNode.Directory dir)) {
        throw MicroPythonError.os(kind == FileSystemKind.FAT ? Flash.ENOENT : Flash.ENOTDIR);
      }
      node = dir.get(part);
      if (node == null) {
        throw MicroPythonError.os(Flash.ENOENT);
      }
    }
    return node;
  }

  FlashNode.Directory parentOf(String path) {
    String parent = path.substring(0, Math.max(0, path.lastIndexOf('/')));
    FlashNode node = lookup(parent.isEmpty() ? "/" : parent);
    if (!(node instanceof FlashNode.Directory dir)) {
      throw MicroPythonError.os(kind == FileSystemKind.FAT ? Flash.ENOENT : Flash.ENOTDIR);
    }
    return dir;
  }

  /** Before creating an entry: LittleFS {@code OSError(36)}, FAT {@code OSError(22)}. */
  void checkNewName(String name) {
    if (kind == FileSystemKind.FAT) {
      checkFatName(name);
    } else if (FlashNode.utf8(name).length > NAME_MAX) {
      throw MicroPythonError.os(Flash.ENAMETOOLONG);
    }
  }

  private void checkFatName(String name) {
    // FatFs rejects an over-long name while parsing the path, for any operation (FR_INVALID_NAME).
    if (kind == FileSystemKind.FAT && name.length() > NAME_MAX) {
      throw MicroPythonError.os(Flash.EINVAL);
    }
  }

  static String nameOf(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  static String[] split(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(
          "flash paths are absolute, like \"/main.py\": \"" + path + "\"; add the leading /");
    }
    String[] parts =
        Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    for (String part : parts) {
      // the host side takes normalised paths: "." or ".." here would become a file of that name
      if (part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException(
            "flash paths are normalised, without \".\" or \"..\": \"" + path + "\"");
      }
    }
    return parts;
  }

  // ---------------------------------------------------------------- host-side access

  /** Creates a directory and its parents, as a flashing tool would. */
  FlashNode.Directory directories(String path, long mtime) {
    return directories(path, mtime, path);
  }

  private FlashNode.Directory directories(String path, long mtime, String putting) {
    FlashNode.Directory dir = root;
    String[] parts = split(path);
    for (int i = 0; i < parts.length; i++) {
      FlashNode next = dir.get(parts[i]);
      if (next == null) {
        FlashNode.Directory created = new FlashNode.Directory(kind);
        created.mtime = kind == FileSystemKind.FAT ? mtime : 0;
        dir.put(parts[i], created);
        next = created;
      }
      if (!(next instanceof FlashNode.Directory d)) {
        throw new IllegalArgumentException(
            "cannot put "
                + putting
                + ": /"
                + String.join("/", Arrays.copyOf(parts, i + 1))
                + " is a file, not a directory; remove it first or choose another path");
      }
      dir = d;
    }
    return dir;
  }

  /** Writes a file with its parents. */
  void put(String path, byte[] content, long mtime) {
    String[] parts = split(path);
    if (parts.length == 0) {
      throw new IllegalArgumentException("cannot put /: it is the root directory; name a file");
    }
    String parent = "/" + String.join("/", Arrays.copyOf(parts, parts.length - 1));
    FlashNode.Directory dir = directories(parent, mtime, path);
    String name = parts[parts.length - 1];
    if (dir.get(name) instanceof FlashNode.Directory) {
      throw new IllegalArgumentException(
          "cannot put " + path + ": it is a directory on the flash; a file needs another name");
    }
    FlashNode.RegularFile f = new FlashNode.RegularFile();
    f.data = content.clone();
    f.mtime = mtime;
    dir.put(name, f);
  }

  /** Copies every entry, times included, into another tree. */
  void copyInto(FlashTree target) {
    copy(root, target.root, target.kind);
  }

  private static void copy(
      FlashNode.Directory from, FlashNode.Directory to, FileSystemKind targetKind) {
    for (Map.Entry<String, FlashNode> e : from.entries()) {
      if (e.getValue() instanceof FlashNode.Directory d) {
        FlashNode.Directory made = new FlashNode.Directory(targetKind);
        made.mtime = d.mtime;
        to.put(e.getKey(), made);
        copy(d, made, targetKind);
      } else {
        FlashNode.RegularFile f = (FlashNode.RegularFile) e.getValue();
        FlashNode.RegularFile made = new FlashNode.RegularFile();
        made.data = f.data.clone();
        made.mtime = f.mtime;
        to.put(e.getKey(), made);
      }
    }
  }

  void collect(FlashNode.Directory dir, String prefix, Map<String, byte[]> out) {
    for (Map.Entry<String, FlashNode> e : dir.entries()) {
      if (e.getValue() instanceof FlashNode.Directory d) {
        collect(d, prefix + "/" + e.getKey(), out);
      } else {
        out.put(prefix + "/" + e.getKey(), ((FlashNode.RegularFile) e.getValue()).data.clone());
      }
    }
  }

  void describe(FlashNode.Directory dir, String prefix, StringBuilder b) {
    for (Map.Entry<String, FlashNode> e : dir.entries()) {
      if (e.getValue() instanceof FlashNode.Directory d) {
        b.append(prefix).append(e.getKey()).append("/\n");
        describe(d, prefix + e.getKey() + "/", b);
      } else {
        b.append(prefix)
            .append(e.getKey())
            .append("  ")
            .append(((FlashNode.RegularFile) e.getValue()).data.length)
            .append(" B\n");
      }
    }
  }

  void save(FlashNode.Directory dir, Path folder) throws IOException {
    for (Map.Entry<String, FlashNode> e : dir.entries()) {
      Path target;
      try {
        target = folder.resolve(e.getKey());
      } catch (InvalidPathException bad) {
        // JDK 17 takes file names in the locale's encoding and no -D overrides it (LANG=C: ASCII)
        throw new FileSystemException(
            folder.toString(),
            null,
            "the flash's "
                + e.getKey()
                + " has a name this JVM cannot write in its file name encoding ("
                + System.getProperty("sun.jnu.encoding")
                + "); run otasim under a UTF-8 locale (LC_ALL=C.UTF-8; the otasim script sets it)");
      }
      if (e.getValue() instanceof FlashNode.Directory d) {
        Files.createDirectories(target);
        save(d, target);
      } else {
        Files.write(target, ((FlashNode.RegularFile) e.getValue()).data);
      }
    }
  }
}
