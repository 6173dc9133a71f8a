package dev.otasim.engine.micropython;

import dev.otasim.stubs.Firmware;
import dev.otasim.stubs.MicroPythonApi;
import dev.otasim.stubs.modules.BoardModule;
import dev.otasim.stubs.modules.BoardModules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Handle 0 of the bridge: what the runtime inside the VM asks the host for (module sources, the
 * firmware's module table, digests the wasm port lacks) and where it leaves its entry points.
 */
public final class EngineHost {
  /**
   * Where the board modules' shims live: one source each, the same on both engines (what differs,
   * the VM's own sys and the digests, comes from {@code _host}).
   */
  static final String SHIMS = "dev/otasim/stubs/modules/";

  static final String FROZEN = "dev/otasim/stubs/frozen/";

  static final String OWN = "dev/otasim/engine/micropython/";

  private static final Map<String, String> SOURCES = new ConcurrentHashMap<>();

  /** {@code X.encode('latin-1')} on a stub call: bytes from the stubs' latin-1 str convention. */
  private static final Pattern ENCODE =
      Pattern.compile(
          "((?:_api|self\\._s)\\.\\w+\\((?:[^()]|\\([^()]*\\))*\\))\\.encode\\('latin-1'\\)");

  private static final Pattern DECODE =
      Pattern.compile("([\\w.]+(?:\\([^()]*\\))?)\\.decode\\('latin-1'\\)");

  /**
   * The shims' classes that are streams on the board: the VM's C code (import, json.load,
   * print(file=)) reads and writes them through the stream protocol, which a Python class gets from
   * io.IOBase and its readinto/write/ioctl.
   */
  private static final List<String> STREAMS = List.of("_File", "socket", "SSLSocket");

  private final String firmware;
  private MicroPythonVm.CRef run;
  private MicroPythonVm.CRef runSource;

  EngineHost(String firmware) {
    this.firmware = firmware;
  }

  /** A module's source: {@code rt} the runtime, {@code shim} a builtin's, {@code frozen}. */
  @MicroPythonApi
  public String source(String kind, String name) {
    return SOURCES.computeIfAbsent(
        kind + ":" + firmware + ":" + name, k -> load(kind, name, firmware));
  }

  private static String load(String kind, String name, String firmware) {
    return switch (kind) {
      case "rt" -> resource(OWN + name + ".py");
      case "frozen" -> resource(FROZEN + name + ".py");
      case "shim" -> adapt(shim(name, Firmware.parse(firmware)));
      default -> throw new IllegalArgumentException("no source kind " + kind);
    };
  }

  /**
   * A built-in's shim as the GraalPy engine's module table assembles it: the module's sources in
   * {@link BoardModules}, concatenated, found by the name it is registered under on this firmware
   * ({@code ussl} up to v1.20 is tls's shim and ssl's).
   */
  private static String shim(String name, Firmware firmware) {
    for (BoardModule m : BoardModules.on(firmware)) {
      if (m.kind() != BoardModule.Kind.FROZEN && m.registeredName(firmware).equals(name)) {
        StringBuilder source = new StringBuilder();
        for (String resource : m.sources()) {
          source.append(resource(resource)).append('\n');
        }
        return source.toString();
      }
    }
    return resource(SHIMS + name + "/" + name + ".py");
  }

  /**
   * The GraalPy shims pass bytes to the stubs as latin-1 str; on MicroPython {@code str.encode} and
   * {@code bytes.decode} ignore the encoding, so those calls go to the runtime's helpers, and file
   * objects become streams the VM's own import and open() can read.
   */
  static String adapt(String source) {
    String s =
        ENCODE
            .matcher(source)
            .replaceAll(m -> "_l1e(" + Matcher.quoteReplacement(m.group(1)) + ")");
    s = DECODE.matcher(s).replaceAll(m -> "_l1d(" + Matcher.quoteReplacement(m.group(1)) + ")");
    for (String stream : STREAMS) {
      s =
          s.replace(
              "class " + stream + ":\n",
              "class "
                  + stream
                  + "(_IOBase):\n"
                  + "    def ioctl(self, request, arg):\n"
                  + "        if request == 4:  # MP_STREAM_CLOSE\n"
                  + "            self.close()\n"
                  + "        return 0\n\n");
    }
    return s;
  }

  /** The firmware's module table, as JSON. */
  @MicroPythonApi
  public String table() {
    return ModuleTables.json(firmware);
  }

  /**
   * A running sha1, sha256 or md5 that hashlib's object feeds as the data comes: the board's
   * mbedtls context holds a few hundred bytes whatever the length hashed, so gathering the data in
   * the VM's heap (sized to the board's) would fail where the board does not.
   */
  @MicroPythonApi
  public Digest hash(String name) {
    String alg =
        switch (name) {
          case "sha1" -> "SHA-1";
          case "sha256" -> "SHA-256";
          default -> "MD5";
        };
    try {
      return new Digest(MessageDigest.getInstance(alg));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One digest in progress; data and digest in the stubs' latin-1 str convention. */
  public static final class Digest {
    private final MessageDigest md;

    private Digest(MessageDigest md) {
      this.md = md;
    }

    @MicroPythonApi
    public void update(String latin1) {
      md.update(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    @MicroPythonApi
    public String digest() {
      return new String(md.digest(), StandardCharsets.ISO_8859_1);
    }
  }

  /** The runtime's entry points, handed over once it is set up. */
  @MicroPythonApi
  public void runners(Object run, Object runSource) {
    this.run = (MicroPythonVm.CRef) run;
    this.runSource = (MicroPythonVm.CRef) runSource;
  }

  MicroPythonVm.CRef run() {
    return run;
  }

  MicroPythonVm.CRef runSource() {
    return runSource;
  }

  static String resource(String path) {
    try (InputStream in = EngineHost.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
