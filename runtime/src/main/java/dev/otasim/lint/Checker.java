package dev.otasim.lint;

import dev.otasim.device.PythonEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Owns the GraalPy context that runs the lint rules ({@code lint.py}, host code) over Python's own
 * {@code ast}. The context is locked down like a device's (DESIGN §4): no host I/O, processes,
 * threads, native code, host classes or polyglot bindings; it sees only the source text it is
 * given. One context serves the whole JVM: creating one costs seconds the first time and {@code
 * import ast} another 50–200 ms, while a check is a few milliseconds.
 */
final class Checker {
  private Checker() {}

  private static final class Holder {
    static final Source LINT =
        Source.newBuilder("python", resource("dev/otasim/lint/lint.py"), "<otasim:lint>")
            .buildLiteral();

    static final Context CONTEXT = newContext();

    static final Value CHECK;

    static {
      CONTEXT.eval(LINT);
      CHECK = CONTEXT.getBindings("python").getMember("check");
    }

    private static Context newContext() {
      // The same sandbox as a device boot (an engine needs one host-access configuration).
      return PythonEngine.sandboxedContext(OutputStream.nullOutputStream());
    }
  }

  /**
   * Runs every rule over one file's text.
   *
   * @return one finding per line, {@code line\tcol\trule\tseverity\tmessage}
   */
  static synchronized String check(
      String source, String fileName, String firmware, String localModules) {
    String imports = dev.otasim.device.ImportTable.of(firmware);
    return Holder.CHECK.execute(source, fileName, firmware, localModules, imports).asString();
  }

  private static String resource(String path) {
    try (InputStream in = Checker.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
