package dev.otasim.lint;

import dev.otasim.device.ImportTable;
import dev.otasim.device.PythonEngine;
import dev.otasim.stubs.Firmware;
import dev.otasim.stubs.modules.BoardModules;
import java.io.OutputStream;
import java.util.stream.Collectors;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * Owns the GraalPy context that runs the lint rules (host Python under {@code dev/otasim/lint/}:
 * {@code check.py}, {@code data.py}, {@code facts.py}, {@code rules/}) over Python's own {@code
 * ast}. The context is locked down like a device's (DESIGN §4): no host I/O, processes, threads,
 * native code, host classes or polyglot bindings; it sees only the source text it is given, and
 * imports the rules from texts registered by {@link HostSources}. One context serves the whole JVM:
 * creating one costs seconds the first time and {@code import ast} another 50–200 ms, while a check
 * is a few milliseconds.
 */
final class Checker {
  private Checker() {}

  private static final class Holder {
    static final Context CONTEXT = newContext();

    static final Value CHECK;

    static {
      HostSources.install(CONTEXT, "dev/otasim/lint");
      CONTEXT.eval("python", "import dev.otasim.lint.check");
      Value lint = CONTEXT.eval("python", "dev.otasim.lint.check");
      // The board's module table, from its one source (BoardModules, Firmware).
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

  /** Loads the rules now (the first lint of a JVM would otherwise pay for it). */
  static void warmUp() {
    Holder.CHECK.hashCode();
  }

  /**
   * Runs every rule over one file's text.
   *
   * @return one finding per line, {@code line\tcol\trule\tseverity\tmessage}
   */
  static synchronized String check(
      String source, String fileName, Firmware firmware, String localModules) {
    String importable = String.join(",", BoardModules.importable(firmware));
    String imports = ImportTable.of(firmware);
    return Holder.CHECK
        .execute(source, fileName, firmware.series(), importable, localModules, imports)
        .asString();
  }
}
