package dev.otasim.lint;

import dev.otasim.device.PythonEngine;
import dev.otasim.device.Resources;
import dev.otasim.stubs.Firmware;
import dev.otasim.stubs.modules.BoardModules;
import java.io.OutputStream;
import java.util.stream.Collectors;
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
        Source.newBuilder("python", Resources.text("dev/otasim/lint/lint.py"), "<otasim:lint>")
            .buildLiteral();

    static final Context CONTEXT = newContext();

    static final Value CHECK;

    static {
      CONTEXT.eval(LINT);
      Value lint = CONTEXT.getBindings("python");
      String aliases =
          BoardModules.aliases().entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(","));
      lint.getMember("configure").execute(aliases, Firmware.TLS_MODULE.series());
      CHECK = lint.getMember("check");
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
      String source, String fileName, Firmware firmware, String localModules) {
    String importable = String.join(",", BoardModules.importable(firmware));
    String imports = dev.otasim.device.ImportTable.of(firmware);
    return Holder.CHECK
        .execute(source, fileName, firmware.series(), importable, localModules, imports)
        .asString();
  }
}
