package dev.otasim.device;

import dev.otasim.stubs.MicroPythonApi;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Device code compiled in MicroPython's dialect, marshalled, by source: the ast pass of {@code
 * dialect.py} is the costly part of loading a module, and boots of one JVM load the same files
 * again and again. Bounded, least recently used first out. Public only so GraalPy may call it.
 *
 * <p>Every entry is compiled here, in a context of its own that never runs device code: a boot can
 * ask for any source to be compiled, but cannot put code into the cache, so no boot can make
 * another board, or its own next boot, run code other than what its files say.
 */
public final class CodeCache {
  static final CodeCache SHARED = new CodeCache(512);

  private static final Source COMPILER =
      Source.newBuilder(
              "python",
              """
              import marshal as _otasim_marshal

              def _otasim_compile(mode, filename, source):
                  try:
                      if mode == 'host':
                          code = compile(source, filename, 'exec')
                      else:
                          code = device_compile(source, filename, mode)
                  except Exception:
                      return None  # the boot compiles it again and reports the error
                  return _otasim_marshal.dumps(code).decode('latin-1')

              _otasim_compile
              """,
              "<otasim:compiler>")
          .buildLiteral();

  private final Map<String, String> entries;
  private Value compile;

  private CodeCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(64, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * The marshalled code (latin-1) of {@code source}, compiled as device code in {@code mode}
   * ({@code exec}, {@code eval}, {@code single}) or as host code ({@code host}); null if it does
   * not compile.
   */
  @MicroPythonApi
  public synchronized String code(String mode, String filename, String source) {
    String key = mode + '\0' + filename + '\0' + source;
    String code = entries.get(key);
    if (code == null && !entries.containsKey(key)) {
      code = compiler().execute(mode, filename, source).asString();
      entries.put(key, code);
    }
    return code;
  }

  private Value compiler() {
    if (compile == null) {
      Context ctx = PythonEngine.newContext(OutputStream.nullOutputStream());
      ctx.eval(PythonEngine.dialect());
      compile = ctx.eval(COMPILER);
    }
    return compile;
  }
}
