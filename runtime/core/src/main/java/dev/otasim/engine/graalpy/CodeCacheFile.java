package dev.otasim.engine.graalpy;

import dev.otasim.stubs.host.HostInput;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Keeps the {@link CodeCache} across JVMs in a file, for the command line: a fresh JVM's first boot
 * otherwise spends about a third of its time compiling the shims and device files again (and
 * importing {@code ast} for the dialect pass) that the last run compiled already. The otasim script
 * names the file with {@code -Dotasim.codeCache=FILE}; without it nothing is read or written.
 *
 * <p>The file holds marshalled GraalPy code, valid only for the GraalPy and the otasim build that
 * wrote it: its first line names both, and a file with another first line is ignored (and replaced
 * at exit). A file that cannot be read is ignored too; the cache then fills as it would without it.
 */
final class CodeCacheFile {
  static final String PROPERTY = "otasim.codeCache";
  private static final int MAX_ENTRIES = 512;

  private CodeCacheFile() {}

  /** Fills {@code cache} from the file named by the property, and saves it there at exit. */
  static CodeCache attach(CodeCache cache) {
    String name = System.getProperty(PROPERTY);
    if (name == null || name.isBlank()) {
      return cache;
    }
    Path file = Paths.get(name);
    String stamp = stamp();
    int loaded = load(file, stamp, cache);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (cache.size() != loaded || cache.changed()) {
                    save(file, stamp, cache.entries());
                  }
                },
                "otasim-code-cache"));
    return cache;
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
    return "otasim code cache 1; GraalPy " + graalpy + "; " + otasim + " " + built;
  }

  static int load(Path file, String stamp, CodeCache cache) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    // read through the one fence for host input: compiled code runs as device code, so a link,
    // a pipe or an oversized file here is refused like one in a board folder (then ignored)
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(HostInput.readFile("the code cache", file)))) {
      if (!stamp.equals(new String(bytes(in), StandardCharsets.UTF_8))) {
        return 0;
      }
      int n = in.readInt();
      for (int i = 0; i < n && i < MAX_ENTRIES; i++) {
        String key = new String(bytes(in), StandardCharsets.UTF_8);
        String code = new String(bytes(in), StandardCharsets.ISO_8859_1);
        cache.load(key, code);
      }
      return cache.size();
    } catch (IOException | RuntimeException e) {
      return 0; // a cache, not a source of truth: start empty
    }
  }

  static void save(Path file, String stamp, Map<String, String> entries) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path partial =
          file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
      try (OutputStream raw = Files.newOutputStream(partial);
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
        write(out, stamp.getBytes(StandardCharsets.UTF_8));
        out.writeInt(entries.size());
        for (Map.Entry<String, String> e : entries.entrySet()) {
          write(out, e.getKey().getBytes(StandardCharsets.UTF_8));
          write(out, e.getValue().getBytes(StandardCharsets.ISO_8859_1));
        }
      }
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // not writable: the next run compiles again, as without the file
    }
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 64 * 1024 * 1024) {
      throw new IOException("not a code cache");
    }
    return in.readNBytes(n);
  }

  private static void write(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }
}
