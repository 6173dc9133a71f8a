package dev.otasim.engine.graalpy;

import dev.otasim.boot.Boot;
import dev.otasim.boot.BootEngine;
import dev.otasim.boot.BootSettings;
import dev.otasim.boot.CallSite;
import dev.otasim.boot.RunResult;
import dev.otasim.stubs.Firmware;
import dev.otasim.stubs.flash.Flash;
import dev.otasim.stubs.journal.ResetCause;
import dev.otasim.stubs.machine.Board;
import dev.otasim.stubs.machine.Stop;
import dev.otasim.stubs.machine.VirtualClock;
import dev.otasim.stubs.modules.socket.SocketModule;
import dev.otasim.stubs.net.Network;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * GraalPy with otasim's MicroPython dialect as a {@link BootEngine}: a warm sandboxed context per
 * boot from the {@link ContextPool}, the bootstrap's import hook over the firmware's modules
 * ({@link ModuleTable}), and the board's stops ending device code through {@link BoardOff}.
 */
public final class GraalPyEngine implements BootEngine {
  /** The engine; it keeps no state of its own beyond the JVM's shared GraalPy engine. */
  public static final GraalPyEngine INSTANCE = new GraalPyEngine();

  /** Whether this JVM has run its warm-up boot. */
  private static volatile boolean warm;

  /** Held by the thread running the warm-up boot. */
  private static final Object WARM_UP_RUNNING = new Object();

  private GraalPyEngine() {}

  /**
   * Runs one throwaway boot, without a wall-clock limit, the first time a JVM boots a board. The
   * first boot of a JVM spends seconds loading and interpreting GraalPy's own code; a boot limit is
   * about the device's code, so that cost must not count against it (on a busy 2-core machine it
   * alone can take most of the default limit).
   */
  @Override
  public void warmUp() {
    if (warm) {
      return;
    }
    synchronized (GraalPyEngine.class) {
      // The warm-up boot's own run comes back here: let it through. Other threads wait until
      // the warm-up has finished: a first boot alongside it (parallel test classes) made GraalPy
      // serialise the same cached shim code twice at once and fail an assertion in marshal.dumps.
      if (warm || Thread.holdsLock(WARM_UP_RUNNING)) {
        return;
      }
      synchronized (WARM_UP_RUNNING) {
        warmUpBoot();
      }
      warm = true;
    }
  }

  private void warmUpBoot() {
    int heap = 112_000;
    Board board =
        new Board(
            Flash.littleFs(16, () -> 0), new VirtualClock(), new Network(), new byte[6], heap);
    board
        .flash()
        .put(
            "/main.py",
            "import os, time, machine, network, socket, json, gc, errno, sys\n"
                + "os.listdir('')\njson.loads(json.dumps({'a': [1, b'x'.decode()]}))\n");
    BootSettings settings =
        new BootSettings(
            Firmware.DEFAULT, Duration.ofMinutes(10), 115_200, 128 * 1024, heap, 40_000, true);
    Boot.run(this, board, settings, ResetCause.PWRON, null, null);
  }

  @Override
  public BootEngine.Session open(
      Board board, BootSettings settings, OutputStream console, SocketModule sockets) {
    boolean fresh = !settings.reuseContexts() || Boolean.getBoolean(ContextPool.FRESH_PROPERTY);
    return new Session(ContextPool.take(fresh), board, settings, console, sockets);
  }

  /** The context a session's boot runs in, for the board's prompt. */
  public static Context context(BootEngine.Session session) {
    return ((Session) session).ctx;
  }

  private static final class Session implements BootEngine.Session {
    private final WarmContext warm;
    private final Context ctx;
    private final Board board;
    private final BootSettings settings;
    private final OutputStream console;
    private final SocketModule sockets;
    private final AtomicBoolean over = new AtomicBoolean(); // the context may be another boot's
    private volatile boolean interrupted;
    private Value host;
    private CodeCache.View code;
    private boolean precompiled;

    Session(
        WarmContext warm,
        Board board,
        BootSettings settings,
        OutputStream console,
        SocketModule sockets) {
      this.warm = warm;
      this.ctx = warm.context();
      this.board = board;
      this.settings = settings;
      this.console = console;
      this.sockets = sockets;
    }

    @Override
    public RuntimeException off(Stop stop) {
      if (!over.get()) {
        warm.off();
      }
      // Thrown from inside the host call, it ends the guest at once (no except, no finally)
      // and leaves the context fit for the next boot.
      throw new BoardOff(stop);
    }

    @Override
    public void load() {
      host = warm.startBoot(console);
      code = CodeCache.SHARED.view();
      ModuleTable.install(host, ModuleTable.Apis.of(board, sockets), settings.firmware(), code);
      if (SandboxProbe.open()) {
        host.invokeMember("open_host_door");
      }
      warm.sealed();
      Value callSite = host.getMember("call_site");
      Thread bootThread = Thread.currentThread();
      board
          .journal()
          .setCallSiteSource(
              () -> {
                if (Thread.currentThread() != bootThread) {
                  return null; // the boot limit's timer, closing sockets: no device line
                }
                try {
                  Value site = callSite.execute();
                  return site.isNull() ? null : CallSite.describe(board.flash(), site.asString());
                } catch (RuntimeException e) {
                  return null; // the boot is over
                }
              });
    }

    @Override
    public RunResult run(String file) {
      if (!precompiled) {
        // Compiling device code counts (a cache hit costs nothing): a 2.6 MB main.py must end as
        // HUNG, not compile for minutes before the limit starts.
        host.invokeMember("precompile", "boot.py");
        host.invokeMember("precompile", "main.py");
        precompiled = true;
      }
      try {
        return RunResult.parse(host.invokeMember("run_file", file).asString());
      } catch (PolyglotException | AssertionError e) {
        // (a Truffle assertion can trip while an interrupt unwinds under -ea; see BoardPrompt)
        if (!interrupted || (e instanceof PolyglotException p && !p.isInterrupted())) {
          throw e;
        }
        // the guest's except clauses did not run (notes/graalpy-embedding.md §4.2)
        writeQuietly(console, "KeyboardInterrupt\n");
        return RunResult.exception("KeyboardInterrupt");
      }
    }

    @Override
    public void interrupt() {
      interrupted = true;
      try {
        ctx.interrupt(Duration.ofSeconds(3));
      } catch (TimeoutException | IllegalStateException | PolyglotException e) {
        // the boot ended meanwhile
      }
    }

    @Override
    public void halt() {
      if (code != null) {
        code.cancel();
      }
      try {
        ctx.close(true);
      } catch (PolyglotException | IllegalStateException e) {
        // a cancelled context reports its cancellation again on close
      }
    }

    @Override
    public RunResult caught(RuntimeException e) {
      SandboxDenial denial = e instanceof PolyglotException p ? SandboxDenial.of(p) : null;
      if (denial == null) {
        return null;
      }
      board.diagnose(denial.note());
      writeQuietly(console, denial.traceback((PolyglotException) e));
      return RunResult.exception(denial.exceptionLine());
    }

    @Override
    public void close(boolean clean) {
      board.journal().setCallSiteSource(null);
      warm.off();
      over.set(true);
      ContextPool.give(warm, clean);
    }
  }

  private static void writeQuietly(OutputStream out, String text) {
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      // the console is in memory; a live listener that fails must not end the simulation
    }
  }
}
