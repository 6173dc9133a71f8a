package dev.otasim.lint;

import dev.otasim.device.ImportTable;
import dev.otasim.engine.graalpy.PythonEngine;
import dev.otasim.stubs.Firmware;
import dev.otasim.stubs.modules.BoardModules;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    static final Value RULES_HELP;

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
      RULES_HELP = lint.getMember("rules_help");
    }

    private static Context newContext() {
      // The same sandbox as a device boot (an engine needs one host-access configuration).
      return PythonEngine.sandboxedContext(OutputStream.nullOutputStream());
    }
  }

  /** Loads the rules and runs them once (the first lint of a JVM would otherwise pay for it). */
  static void warmUp() {
    check("import os\nprint('a'[::-1])\n", "warm-up.py", Firmware.DEFAULT, "");
  }

  /**
   * The modules the lint's context has imported, sorted: what a lint without the daemon pays for at
   * start-up, so a test keeps the standard library's costly ones out (issue 20).
   */
  static synchronized List<String> importedModules() {
    Value modules = Holder.CONTEXT.eval("python", "import sys\nsorted(sys.modules)");
    List<String> names = new ArrayList<>();
    for (long i = 0; i < modules.getArraySize(); i++) {
      names.add(modules.getArrayElement(i).asString());
    }
    return names;
  }

  /** Every rule id with its one-line description, as {@code id\tdescription} lines. */
  static synchronized String rulesHelp() {
    return Holder.RULES_HELP.execute().asString();
  }

  /**
   * Runs every rule over one file's text.
   *
   * @return one finding per line, {@code line\tcol\trule\tseverity\tmessage}
   */
  static synchronized String check(
      String source, String fileName, Firmware firmware, String localModules) {
    // The findings depend on nothing else (the file name is not in them), and a long-lived
    // process (the lint daemon) sees the same unchanged files again and again.
    String key = firmware.series() + "\n" + localModules + "\n" + source;
    String cached = SEEN.get(key);
    if (cached != null) {
      return cached;
    }
    String importable = String.join(",", BoardModules.importable(firmware));
    String imports = ImportTable.of(firmware);
    String found =
        Holder.CHECK
            .execute(source, fileName, firmware.series(), importable, localModules, imports)
            .asString();
    SEEN.put(key, found);
    return found;
  }

  /** The last checks' results, by firmware, local modules and text; at most 512 files. */
  private static final Map<String, String> SEEN =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > 512;
        }
      };
}
