package dev.otasim.engine.graalpy;

import dev.otasim.boot.Resources;
import dev.otasim.stubs.MicroPythonApi;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The one GraalPy engine of this JVM and the sandboxed contexts built on it. The first context
 * costs seconds; later ones tens of milliseconds, so every device shares this engine and its cached
 * sources (notes/graalpy-embedding.md §3).
 */
public final class PythonEngine {
  /** Only members annotated for MicroPython are visible to Python; arrays pass as sequences. */
  private static final HostAccess HOST_ACCESS =
      HostAccess.newBuilder()
          .allowAccessAnnotatedBy(MicroPythonApi.class)
          .allowArrayAccess(true)
          .build();

  private static final Map<String, String> RESOURCES = new ConcurrentHashMap<>();

  private PythonEngine() {}

  private static final class Holder {
    static {
      // GraalPy 25.2 on a stock JDK 17 warns that it cannot attach its optimizing runtime.
      if (System.getProperty("polyglotimpl.AttachLibraryFailureAction") == null) {
        System.setProperty("polyglotimpl.AttachLibraryFailureAction", "ignore");
      }
      InterpreterJit.apply();
    }

    static final Engine ENGINE =
        Engine.newBuilder("python")
            .option("engine.WarnInterpreterOnly", "false")
            .logHandler(OutputStream.nullOutputStream())
            .build();

    static final Source BOOTSTRAP =
        Source.newBuilder("python", resource("dev/otasim/host/bootstrap.py"), "<otasim:bootstrap>")
            .buildLiteral();

    static final Source CONSOLE =
        Source.newBuilder("python", resource("dev/otasim/host/console.py"), "<otasim:console>")
            .buildLiteral();

    static final Source REUSE_KIT =
        Source.newBuilder("python", resource("dev/otasim/host/reuse.py"), "<otasim:reuse>")
            .buildLiteral();

    static final Source DIALECT =
        Source.newBuilder("python", resource("dev/otasim/host/dialect.py"), "<otasim:dialect>")
            .buildLiteral();
  }

  /** MicroPython's dialect for device code; evaluated after the bootstrap, in the same module. */
  static Source dialect() {
    return Holder.DIALECT;
  }

  /**
   * A context with a device boot's sandbox on the shared engine, for otasim's own tools; the caller
   * closes it.
   */
  public static Context sandboxedContext(OutputStream out) {
    return newContext(out);
  }

  /** The JVM's one GraalPy engine. */
  public static Engine shared() {
    return Holder.ENGINE;
  }

  /** Points a new context's sys.stdout and sys.stderr at its console port (host/console.py). */
  static Source console() {
    return Holder.CONSOLE;
  }

  /** The host code that readies a warm context for its next boot (host/reuse.py). */
  static Source reuseKit() {
    return Holder.REUSE_KIT;
  }

  static Source bootstrap() {
    return Holder.BOOTSTRAP;
  }

  /**
   * A locked-down context: no host I/O, processes, threads, native code, host classes, polyglot
   * bindings or environment. Device code sees only what the stubs give it.
   */
  static Context newContext(OutputStream console) {
    return Context.newBuilder("python")
        .engine(Holder.ENGINE)
        .allowHostAccess(HOST_ACCESS)
        .allowIO(IOAccess.NONE)
        .allowCreateProcess(false)
        .allowCreateThread(false)
        .allowNativeAccess(false)
        .allowHostClassLookup(name -> false)
        .allowPolyglotAccess(PolyglotAccess.NONE)
        .allowEnvironmentAccess(EnvironmentAccess.NONE)
        .option("python.UnbufferedIO", "true")
        .out(console)
        .err(console)
        .in(InputStream.nullInputStream())
        .build();
  }

  /** A UTF-8 resource from the class path, cached. */
  public static String resource(String path) {
    return Resources.text(path);
  }
}
