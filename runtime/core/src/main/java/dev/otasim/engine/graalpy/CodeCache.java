package dev.otasim.engine.graalpy;

import dev.otasim.stubs.MicroPythonApi;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Device code compiled in MicroPython's dialect, marshalled, keyed by a SHA-256 of its mode, file
 * name and source: the ast pass of {@code dialect.py} is the costly part of loading a module, and
 * boots of one JVM load the same files again and again. Bounded, least recently used first out.
 *
 * <p>The cache is JVM-wide, so a boot must not be able to write into it: a board that planted a
 * tampered code object under the key of a source would run it in every later boot of every board of
 * the JVM. The guest therefore only asks for the code of a source ({@link View#code}); a miss is
 * compiled here, in a context of its own that never runs device code, and the entry is an immutable
 * Java string. Public only so GraalPy may call the view.
 */
public final class CodeCache {
  static final CodeCache SHARED = CodeCacheFile.attach(new CodeCache(512));

  private static final String COMPILER =
      """
      import marshal
      def _otasim_compile(mode, filename, source):
          if mode == 'host':
              code = compile(source, filename, 'exec', dont_inherit=True)
          else:
              code = device_compile(source, filename, mode)
          return marshal.dumps(code).decode('latin-1')
      _otasim_compile
      """;

  private final Map<String, String> entries;

  /** Whether a compile added an entry since the cache was created (see {@link CodeCacheFile}). */
  private volatile boolean changed;

  /** The compiler context and its function; replaced when a boot limit cancels a compile. */
  private Context compiler;

  private Value compile;

  CodeCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(64, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > capacity;
          }
        };
  }

  /** What one boot's guest sees: the code of a source, never a way to store one. */
  View view() {
    return new View();
  }

  /** A boot's handle on the cache; cancelled when the boot's limit ends it. */
  public final class View {
    private volatile boolean compiling;
    private volatile boolean cancelled;

    private View() {}

    /**
     * The marshalled code (latin-1) of a source, or {@code null} if it does not compile (the guest
     * then compiles it itself to raise the board's error).
     *
     * @param mode {@code exec}, {@code eval}, {@code single}, or {@code host} for a shim
     */
    @MicroPythonApi
    public String code(String mode, String filename, String source) {
      String key = key(mode, filename, source);
      synchronized (entries) {
        String hit = entries.get(key);
        if (hit != null) {
          return hit;
        }
      }
      String code = compile(this, mode, filename, source);
      if (code != null) {
        synchronized (entries) {
          entries.put(key, code);
        }
        changed = true;
      }
      return code;
    }

    /** Ends a compile of this boot in progress: the boot's limit has passed. */
    void cancel() {
      cancelled = true;
      if (compiling) {
        Context c = compiler;
        if (c != null) {
          // an interrupt keeps the compiler usable (rebuilding it would cost the next boot
          // seconds of its own limit); only a compile that ignores it is cancelled outright
          try {
            c.interrupt(Duration.ofSeconds(3));
          } catch (TimeoutException e) {
            closeQuietly(c);
          } catch (PolyglotException | IllegalStateException e) {
            // done or closed meanwhile
          }
        }
      }
    }
  }

  private synchronized String compile(View view, String mode, String filename, String source) {
    if (view.cancelled) {
      throw new IllegalStateException("the boot's limit has passed");
    }
    if (compiler == null) {
      compiler = PythonEngine.newContext(OutputStream.nullOutputStream());
      compiler.eval(PythonEngine.dialect());
      compile = compiler.eval(Source.create("python", COMPILER));
    }
    view.compiling = true;
    try {
      return compile.execute(mode, filename, source).asString();
    } catch (PolyglotException e) {
      if (e.isCancelled()) {
        closeQuietly(compiler);
        compiler = null;
        compile = null;
      }
      if (e.isCancelled() || e.isInterrupted() || view.cancelled) {
        throw new IllegalStateException("the boot's limit has passed");
      }
      return null; // a SyntaxError: the guest compiles it again and raises it as the board does
    } finally {
      view.compiling = false;
    }
  }

  private static void closeQuietly(Context c) {
    try {
      c.close(true);
    } catch (PolyglotException | IllegalStateException e) {
      // cancelled already
    }
  }

  /** Puts an entry read from a {@link CodeCacheFile}; not a change to save. */
  void load(String key, String code) {
    synchronized (entries) {
      entries.put(key, code);
    }
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /** Whether a compile added anything since the cache was created. */
  boolean changed() {
    return changed;
  }

  /** A copy of the entries, least recently used first. */
  Map<String, String> entries() {
    synchronized (entries) {
      return new LinkedHashMap<>(entries);
    }
  }

  static String key(String mode, String filename, String source) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {mode, filename, source}) {
        // every char as it is, lone surrogates included: no two sources share a key
        ByteBuffer bytes = ByteBuffer.allocate(part.length() * 2);
        bytes.asCharBuffer().put(part);
        sha.update(bytes.array());
        sha.update(new byte[] {0, 0, 0, 0});
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
