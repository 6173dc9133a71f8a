package dev.otasim.engine.micropython;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the MicroPython VM comes from: {@code micropython.wasm} of the npm package
 * {@code @micropython/micropython-webassembly-pyscript@1.27.0}, never committed, fetched by {@code
 * scripts/fetch-micropython-wasm} into the user's cache, and checked against its SHA-256 before
 * use.
 */
public final class WasmArtifact {
  /** The npm package the wasm comes from. */
  public static final String PACKAGE = "@micropython/micropython-webassembly-pyscript@1.27.0";

  /** SHA-256 of that package's micropython.wasm. */
  public static final String SHA256 =
      "06338c955b03c5700aa0069015d3e392d76836ef8e2ce25bedbe59b88ccd373c";

  /** The system property that points at a local copy. */
  public static final String PROPERTY = "otasim.micropython.wasm";

  /** The environment variable that points at a local copy. */
  public static final String ENV = "OTASIM_MICROPYTHON_WASM";

  private static volatile byte[] bytes;

  private WasmArtifact() {}

  /** Where otasim looks for the wasm: the property, the environment, then the cache. */
  public static Path location() {
    String p = System.getProperty(PROPERTY);
    if (p == null || p.isBlank()) {
      p = System.getenv(ENV);
    }
    if (p != null && !p.isBlank()) {
      return Path.of(p);
    }
    String cache = System.getenv("OTASIM_CACHE");
    if (cache == null || cache.isBlank()) {
      String xdg = System.getenv("XDG_CACHE_HOME");
      cache =
          (xdg == null || xdg.isBlank()
                  ? Path.of(System.getProperty("user.home"), ".cache")
                  : Path.of(xdg))
              .resolve("otasim")
              .toString();
    }
    return Path.of(cache, "micropython-1.27.0", "micropython.wasm");
  }

  /** Whether the wasm is where otasim looks for it (its hash is checked on load). */
  public static boolean available() {
    return Files.isRegularFile(location());
  }

  /**
   * Reads and verifies the wasm now, for a command that will need it later.
   *
   * @throws MissingWasmException naming how to get the pinned wasm
   */
  public static void check() {
    bytes();
  }

  /** The verified wasm, read once per JVM. */
  static byte[] bytes() {
    byte[] b = bytes;
    if (b == null) {
      synchronized (WasmArtifact.class) {
        b = bytes;
        if (b == null) {
          b = read(location());
          bytes = b;
        }
      }
    }
    return b;
  }

  /** The wasm at path, verified; a missing or different file says how to get the right one. */
  static byte[] read(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new MissingWasmException(
          "the MicroPython engine needs the MicroPython VM ("
              + PACKAGE
              + "'s micropython.wasm), and "
              + path
              + " does not exist. Fetch it with: scripts/fetch-micropython-wasm (needs npm),"
              + " or point -D"
              + PROPERTY
              + "=PATH or the environment variable "
              + ENV
              + " at a copy of micropython.wasm.");
    }
    try {
      byte[] b = Files.readAllBytes(path);
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
      if (!sha.equals(SHA256)) {
        throw new MissingWasmException(
            path
                + " is not "
                + PACKAGE
                + "'s micropython.wasm (SHA-256 "
                + sha
                + ", expected "
                + SHA256
                + "). Fetch the pinned one with: scripts/fetch-micropython-wasm");
      }
      return b;
    } catch (IOException e) {
      throw new MissingWasmException("cannot read " + path + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The wasm is missing or is not the pinned one; the message says how to get it. */
  public static final class MissingWasmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingWasmException(String message) {
      super(message);
    }
  }
}
