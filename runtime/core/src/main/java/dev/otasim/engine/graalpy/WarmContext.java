package dev.otasim.engine.graalpy;

import java.io.OutputStream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A GraalPy context that boots one board at a time, and can boot the next one as if it were new:
 * the bootstrap and the dialect are evaluated once, at its first boot, and noted; before each later
 * boot the host state returns to that note, and the shims and the device's modules are built again
 * (host/reuse.py). A context that is only ever used once (the fresh-context switch) skips that
 * machinery.
 */
final class WarmContext implements AutoCloseable {
  private final Context ctx;
  private final ConsolePort console = new ConsolePort();
  private final Value kit;

  /** The bootstrap's host module, from the first boot on. */
  private Value host;

  /** Whether {@link #release} emptied the host state since the last boot. */
  private boolean released;

  private int boots;

  private WarmContext(boolean reusable) {
    this.ctx = PythonEngine.newContext(console);
    ctx.eval(PythonEngine.console()).execute(console);
    this.kit = reusable ? ctx.eval(PythonEngine.reuseKit()) : null;
  }

  /** A new context; {@code reusable} prepares it for more than one boot. */
  static WarmContext create(boolean reusable) {
    return new WarmContext(reusable);
  }

  Context context() {
    return ctx;
  }

  /** Whether this context can boot again after its boot ends cleanly. */
  boolean reusable() {
    return kit != null;
  }

  /** How many boots this context has started. */
  int boots() {
    return boots;
  }

  /**
   * Starts a boot: the console goes to {@code out}, the host state of any earlier boot is gone, and
   * the bootstrap and the dialect are as just evaluated: evaluated at the first boot, restored from
   * their snapshot at later ones (evaluating them was most of a warm boot).
   *
   * @return the bootstrap's host module
   */
  Value startBoot(OutputStream out) {
    boots++;
    console.connect(out);
    if (kit != null && !released) {
      kit.invokeMember("prepare");
    }
    released = false;
    if (host == null) {
      host = ctx.eval(PythonEngine.bootstrap());
      ctx.eval(PythonEngine.dialect());
      if (kit != null) {
        kit.invokeMember("snapshot");
      }
    }
    return host;
  }

  /**
   * Lets go of what the last boot built (its modules, globals and through them its board), so an
   * idle context in the pool keeps no board of a finished run reachable; the next {@link
   * #startBoot} then has nothing left to empty.
   */
  void release() {
    if (kit != null) {
      kit.invokeMember("prepare");
      released = true;
    }
  }

  /** The host has set the boot up; from here on device code runs. */
  void sealed() {
    if (kit != null) {
      kit.invokeMember("seal");
    }
  }

  /** The board is off: nothing printed from now on reaches any console. */
  void off() {
    console.disconnect();
  }

  /**
   * What device code left that the next boot's preparation cannot undo, or an empty string if the
   * context can boot again.
   */
  String leftovers() {
    if (kit == null) {
      return "the context is not reusable";
    }
    try {
      return kit.invokeMember("check").asString();
    } catch (PolyglotException | IllegalStateException e) {
      return "the check failed: " + e.getMessage();
    }
  }

  @Override
  public void close() {
    console.disconnect();
    try {
      ctx.close(true);
    } catch (PolyglotException | IllegalStateException e) {
      // a cancelled context reports its cancellation again on close
    }
  }
}
