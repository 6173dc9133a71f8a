package dev.otasim.engine.graalpy;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.otasim.stubs.host.HostInput;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps the {@link CodeCache} across JVMs in a file, for the command line: a fresh JVM's first boot
 * otherwise spends about a third of its time compiling the shims and device files again (and
 * importing {@code ast} for the dialect pass) that the last run compiled already. The otasim script
 * names the file with {@code -Dotasim.codeCache=FILE}; without it nothing is read or written.
 *
 * <p>The file holds marshalled GraalPy code, valid only for the GraalPy and the otasim build that
 * wrote it: its first line names both, and a file with another first line is ignored (and replaced
 * at exit). Its entries run as device code in every boot, so each carries an HMAC-SHA256 of the
 * stamp, its key and its code under a per-user secret kept beside it ({@code code-cache.key},
 * readable by its owner alone): only entries this user's otasim wrote are run. A file that is not
 * exactly that (truncated, an entry with a bad MAC, bytes after the end) is deleted and the run
 * goes on with an empty cache, which fills and is saved as it would be without the file.
 *
 * <p>A test run (Surefire names the project's folder in {@code basedir}) keeps the file under the
 * project's {@code target/} without the property: a user's first test otherwise compiles every shim
 * again in each run. Its secret then lives in the user's own cache folder, never beside the file: a
 * repository that ships a {@code target/} with a cache and a key of its own cannot get its code
 * run.
 */
final class CodeCacheFile {
  static final String PROPERTY = "otasim.codeCache";
  static final String KEY_FILE = "code-cache.key";
  private static final int MAX_ENTRIES = 512;
  private static final int KEY_BYTES = 32;
  private static final long MAX_FILE = 256L << 20;

  private CodeCacheFile() {}

  /**
   * Fills {@code cache} from the file named by the property (or a test run's file under {@code
   * target/}), and saves it there at exit.
   */
  static CodeCache attach(CodeCache cache) {
    String name = System.getProperty(PROPERTY);
    Path file;
    Path keys;
    if (name == null || name.isBlank()) {
      file = testRunFile(System.getProperty("basedir"));
      keys = userCacheFolder();
      if (file == null || keys == null) {
        return cache;
      }
    } else {
      file = Paths.get(name).toAbsolutePath();
      keys = file.getParent();
    }
    byte[] secret = secret(keys);
    if (secret == null) {
      return cache; // no secret of our own to check entries with: compile, as without the file
    }
    String stamp = stamp();
    int loaded = load(file, secret, stamp, cache);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (cache.size() != loaded || cache.changed()) {
                    save(file, secret, stamp, cache.entries());
                  }
                },
                "otasim-code-cache"));
    return cache;
  }

  /**
   * The cache file of a test run in the Maven project at {@code basedir}: {@code
   * target/otasim/code-cache.bin}, or {@code null} outside a project with a {@code target/} folder
   * of its own (a link there is not followed).
   */
  static Path testRunFile(String basedir) {
    if (basedir == null || basedir.isBlank()) {
      return null;
    }
    Path target = Paths.get(basedir).toAbsolutePath().resolve("target");
    if (!Files.isDirectory(target, NOFOLLOW_LINKS)) {
      return null;
    }
    return target.resolve("otasim").resolve("code-cache.bin");
  }

  /** The user's own folder for the secret: $XDG_CACHE_HOME/otasim or ~/.cache/otasim. */
  private static Path userCacheFolder() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && xdg.startsWith("/")) {
      return Paths.get(xdg, "otasim");
    }
    String home = System.getProperty("user.home");
    return home == null || home.isBlank() ? null : Paths.get(home, ".cache", "otasim");
  }

  /** The GraalPy and otasim builds the marshalled code belongs to. */
  private static String stamp() {
    String graalpy = PythonEngine.shared().getLanguages().get("python").getVersion();
    String otasim =
        String.valueOf(CodeCacheFile.class.getProtectionDomain().getCodeSource().getLocation());
    long built;
    try {
      built =
          Files.getLastModifiedTime(
                  Paths.get(
                      CodeCacheFile.class
                          .getProtectionDomain()
                          .getCodeSource()
                          .getLocation()
                          .toURI()))
              .toMillis();
    } catch (Exception e) {
      built = 0;
    }
    return "otasim code cache 2; GraalPy " + graalpy + "; " + otasim + " " + built;
  }

  /**
   * The per-user secret in {@code folder}, made (readable by its owner alone) if missing; {@code
   * null} if it cannot be made or read, or others could read it: then no file cache for this run.
   */
  static byte[] secret(Path folder) {
    Path file = folder.resolve(KEY_FILE);
    try {
      Files.createDirectories(folder);
      byte[] fresh = new byte[KEY_BYTES];
      new SecureRandom().nextBytes(fresh);
      // made readable by its owner alone from the start, never through a link
      try (SeekableByteChannel out =
          Files.newByteChannel(
              file,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW_LINKS),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
        out.write(ByteBuffer.wrap(fresh));
      } catch (FileAlreadyExistsException e) {
        // made by an earlier run: read below
      }
      PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, NOFOLLOW_LINKS);
      String me = System.getProperty("user.name");
      if (!a.isRegularFile()
          || !a.owner().getName().equals(me)
          || !Collections.disjoint(a.permissions(), OTHERS)) {
        return null;
      }
      byte[] secret = HostInput.readFile("the code cache's key", file, KEY_BYTES);
      return secret != null && secret.length == KEY_BYTES ? secret : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static final Set<PosixFilePermission> OTHERS =
      Set.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);

  /**
   * Loads every entry of the file into {@code cache}, or none: a file that fails any check is
   * deleted.
   *
   * @return how many entries were loaded
   */
  static int load(Path file, byte[] secret, String stamp, CodeCache cache) {
    byte[] bytes;
    try {
      // read through the one fence for host input: a link, a pipe or an oversized file here is
      // refused like one in a board folder (then ignored)
      bytes = HostInput.readFile("the code cache", file, MAX_FILE);
    } catch (RuntimeException e) {
      return 0;
    }
    if (bytes == null) {
      return 0;
    }
    Map<String, String> entries = new LinkedHashMap<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (!stamp.equals(new String(bytes(in), StandardCharsets.UTF_8))) {
        return 0; // another build's: replaced at exit
      }
      int n = in.readInt();
      if (n < 0 || n > MAX_ENTRIES) {
        throw new IOException("not a code cache");
      }
      for (int i = 0; i < n; i++) {
        byte[] key = bytes(in);
        byte[] code = bytes(in);
        byte[] mac = in.readNBytes(32);
        if (!MessageDigest.isEqual(mac, mac(secret, stamp, key, code))) {
          throw new IOException("an entry otasim did not write");
        }
        entries.put(
            new String(key, StandardCharsets.UTF_8), new String(code, StandardCharsets.ISO_8859_1));
      }
      if (in.read() != -1) {
        throw new IOException("bytes after the last entry");
      }
    } catch (IOException | RuntimeException e) {
      // a cache, not a source of truth: drop the file and start empty, the run goes on
      try {
        Files.deleteIfExists(file);
      } catch (IOException gone) {
        // read-only: the next save replaces it
      }
      return 0;
    }
    entries.forEach(cache::load);
    return entries.size();
  }

  static void save(Path file, byte[] secret, String stamp, Map<String, String> entries) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path partial =
          file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
      Files.deleteIfExists(partial);
      try (OutputStream raw =
              Files.newOutputStream(
                  partial,
                  StandardOpenOption.CREATE_NEW,
                  StandardOpenOption.WRITE,
                  NOFOLLOW_LINKS);
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
        write(out, stamp.getBytes(StandardCharsets.UTF_8));
        out.writeInt(Math.min(entries.size(), MAX_ENTRIES));
        int i = 0;
        for (Map.Entry<String, String> e : entries.entrySet()) {
          if (i++ == MAX_ENTRIES) {
            break;
          }
          byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
          byte[] code = e.getValue().getBytes(StandardCharsets.ISO_8859_1);
          write(out, key);
          write(out, code);
          out.write(mac(secret, stamp, key, code));
        }
      }
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // not writable: the next run compiles again, as without the file
    }
  }

  /** The MAC of one entry: the stamp, the key and the code, each with its length. */
  static byte[] mac(byte[] secret, String stamp, byte[] key, byte[] code) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      for (byte[] part : new byte[][] {stamp.getBytes(StandardCharsets.UTF_8), key, code}) {
        mac.update(ByteBuffer.allocate(4).putInt(part.length).array());
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("not a code cache");
    }
    return in.readNBytes(n);
  }

  private static void write(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }
}
