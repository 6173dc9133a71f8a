package dev.otasim.engine.graalpy;

import dev.otasim.boot.BootLimit;
import dev.otasim.boot.CallSite;
import dev.otasim.boot.Tee;
import dev.otasim.boot.UartConsole;
import dev.otasim.device.BoardPrompt;
import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.SimulatorException;
import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.journal.ResetCause;
import dev.otasim.stubs.machine.Board;
import dev.otasim.stubs.machine.ResetLine;
import dev.otasim.stubs.machine.Stop;
import dev.otasim.stubs.modules.socket.SocketModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Runs one boot of a board: a fresh GraalPy context, {@code boot.py} then {@code main.py} from the
 * flash (main.py is skipped if boot.py raised, as pyexec_file_if_exists does), and the end of the
 * boot however it comes: a return, an exception, a reset that device code cannot catch, a power
 * cut, or the time limit ({@link BootLimit}: the boot thread's CPU time).
 */
public final class BootRunner {
  private static final ScheduledExecutorService WATCHDOG = watchdog();

  /**
   * The boot-limit timer. A cancelled limit leaves the queue at once: its task holds the boot's
   * board, and a finished run's board must not stay reachable until the limit would have passed.
   */
  private static ScheduledExecutorService watchdog() {
    java.util.concurrent.ScheduledThreadPoolExecutor timer =
        new java.util.concurrent.ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "otasim-boot-limit");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /** Why the host ended a boot early: a stub's {@link Stop}, or the boot's limit (BootLimit). */
  private static final Object HUNG = new Object();

  private BootRunner() {}

  /** Whether this JVM has run its warm-up boot. */
  private static volatile boolean warm;

  /**
   * Runs one throwaway boot, without a wall-clock limit, the first time a JVM boots a board. The
   * first boot of a JVM spends seconds loading and interpreting GraalPy's own code; a boot limit is
   * about the device's code, so that cost must not count against it (on a busy 2-core machine it
   * alone can take most of the default limit).
   */
  public static void warmUpOnce() {
    if (warm) {
      return;
    }
    synchronized (BootRunner.class) {
      // The warm-up boot's own run() comes back here: let it through. Other threads wait until
      // the warm-up has finished: a first boot alongside it (parallel test classes) made GraalPy
      // serialise the same cached shim code twice at once and fail an assertion in marshal.dumps.
      if (warm || Thread.holdsLock(WARM_UP_RUNNING)) {
        return;
      }
      synchronized (WARM_UP_RUNNING) {
        warmUp();
      }
      warm = true;
    }
  }

  /** Held by the thread running the warm-up boot. */
  private static final Object WARM_UP_RUNNING = new Object();

  private static void warmUp() {
    Board board =
        new Board(
            dev.otasim.stubs.flash.Flash.littleFs(16, () -> 0),
            new dev.otasim.stubs.machine.VirtualClock(),
            new dev.otasim.stubs.net.Network(),
            new byte[6],
            DeviceConfig.Builder.DEFAULT_HEAP_BYTES);
    board
        .flash()
        .put(
            "/main.py",
            "import os, time, machine, network, socket, json, gc, errno, sys\n"
                + "os.listdir('')\njson.loads(json.dumps({'a': [1, b'x'.decode()]}))\n");
    run(
        board,
        DeviceConfig.builder().setBootTimeLimit(java.time.Duration.ofMinutes(10)).build(),
        ResetCause.PWRON,
        null);
  }

  public static BootResult run(
      Board board, DeviceConfig config, ResetCause cause, OutputStream live) {
    return run(board, config, cause, live, null);
  }

  /**
   * Runs one boot; with a prompt handler, a boot whose main.py returns or raises then sits at the
   * board's REPL (as the board does) until the handler leaves it or device code resets.
   */
  public static BootResult run(
      Board board,
      DeviceConfig config,
      ResetCause cause,
      OutputStream live,
      BoardPrompt.Handler prompt) {
    warmUpOnce();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    // UART0: output costs virtual time, and the host keeps a bounded part of it
    UartConsole uart =
        new UartConsole(
            board.clock(), config.uartBaud(), config.consoleKeepBytes(), new Tee(console, live));
    OutputStream out = uart;
    WarmContext warm = ContextPool.take(ContextPool.fresh(config));
    Context ctx = warm.context();
    AtomicReference<Object> ended = new AtomicReference<>();
    AtomicBoolean over = new AtomicBoolean(); // the context may be another boot's by then
    SocketModule sockets = new SocketModule(board);
    ResetLine line =
        stop -> {
          ended.compareAndSet(null, stop);
          if (!over.get()) {
            warm.off();
          }
          // Thrown from inside the host call, it ends the guest at once (no except, no finally)
          // and leaves the context fit for the next boot.
          throw new BoardOff(stop);
        };
    board.bootStarted(cause, line);
    long limit = config.bootTimeLimit().toMillis();
    BootLimit.Watch limiter = null;
    BootOutcome outcome;
    String error = null;
    boolean clean = false; // whether the context ended the boot consistent, fit to boot again
    boolean uncaughtRecorded = false;
    try {
      // The limit is for device code: the first context of a JVM takes seconds (warmUpOnce pays
      // it), and counting it made a cold first boot of print('hi') end as HUNG. Compiling device
      // code counts (a cache hit costs nothing): a 2.6 MB main.py must end as HUNG, not compile
      // for minutes before the limit starts.
      Value host = warm.startBoot(out);
      CodeCache.View code = CodeCache.SHARED.view();
      ModuleTable.install(host, ModuleTable.Apis.of(board, sockets), config.firmware(), code);
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
      limiter =
          BootLimit.watch(
              WATCHDOG,
              limit,
              () -> {
                if (ended.compareAndSet(null, HUNG)) {
                  code.cancel();
                  sockets.closeAll();
                  closeQuietly(ctx, true);
                }
              });
      host.invokeMember("precompile", "boot.py");
      host.invokeMember("precompile", "main.py");
      String result = host.invokeMember("run_file", "boot.py").asString();
      if ((result.equals("ok") || result.equals("absent"))
          && (prompt == null || prompt.runsMain())) {
        result = runMain(host, ctx, prompt, out);
      }
      if (result.equals("exit")) {
        outcome = BootOutcome.SOFT_RESET;
      } else if (result.startsWith("exc:")) {
        outcome = BootOutcome.EXCEPTION;
        error = result.substring(4);
      } else {
        outcome = BootOutcome.RETURNED;
      }
      if (prompt != null && outcome != BootOutcome.SOFT_RESET) {
        // Someone sits at the prompt now: the time limit was about the boot's own code.
        limiter.cancel();
        if (outcome == BootOutcome.EXCEPTION) {
          // recorded now, before what is typed at the prompt, which may reset the board
          board.journal().record(new Event.Uncaught(error));
          uncaughtRecorded = true;
        }
        Value evaluator = ctx.eval(BoardPrompt.evaluatorSource());
        if (prompt.atPrompt(
            new BoardPrompt(ctx, evaluator, out, board.boots())
                .withInputLimit(config.bootTimeLimit()))) {
          outcome = BootOutcome.SOFT_RESET;
        }
      }
      // The boot ended by itself; a late limit must not fire on the next one.
      if (!ended.compareAndSet(null, outcome)) {
        outcome = outcomeOf(ended.get());
      } else {
        clean = prompt == null; // the prompt may have interrupted the context
      }
    } catch (PolyglotException e) {
      Object why = ended.get();
      SandboxDenial denial = why == null ? SandboxDenial.of(e) : null;
      if (denial != null && ended.compareAndSet(null, BootOutcome.EXCEPTION)) {
        outcome = BootOutcome.EXCEPTION;
        error = denial.exceptionLine();
        board.diagnose(denial.note());
        writeQuietly(out, denial.traceback(e));
      } else if (ended.get() == null) {
        throw new SimulatorException(
            "the simulator failed during boot " + board.boots() + ": " + e.getMessage(), e);
      } else {
        outcome = outcomeOf(ended.get());
        // a stub's stop ended the guest through BoardOff; only the boot limit cancels
        clean = ended.get() instanceof Stop && prompt == null;
      }
    } finally {
      board.journal().setCallSiteSource(null);
      if (limiter != null) {
        limiter.cancel();
      }
      sockets.closeAll();
      warm.off();
      over.set(true);
      ContextPool.give(warm, clean);
    }
    try {
      uart.finish();
    } catch (IOException e) {
      // the console is in memory; a live listener that fails must not end the simulation
    }
    if (!(uncaughtRecorded && outcome == BootOutcome.EXCEPTION)) {
      outcome.settle(board, error, limit);
    }
    return new BootResult(
        board.boots(), cause, outcome, console.toString(StandardCharsets.UTF_8), error);
  }

  /** Runs main.py; at the shell, Ctrl-C ends it with KeyboardInterrupt, as on the board. */
  private static String runMain(
      Value host, Context ctx, BoardPrompt.Handler prompt, OutputStream out) {
    if (prompt == null) {
      return host.invokeMember("run_file", "main.py").asString();
    }
    java.util.concurrent.atomic.AtomicBoolean asked =
        new java.util.concurrent.atomic.AtomicBoolean();
    prompt.mainRunning(
        () -> {
          asked.set(true);
          try {
            ctx.interrupt(java.time.Duration.ofSeconds(3));
          } catch (java.util.concurrent.TimeoutException
              | IllegalStateException
              | PolyglotException e) {
            // the boot ended meanwhile
          }
        });
    try {
      return host.invokeMember("run_file", "main.py").asString();
    } catch (PolyglotException | AssertionError e) {
      // (a Truffle assertion can trip while an interrupt unwinds under -ea; see BoardPrompt)
      if (!asked.get() || (e instanceof PolyglotException p && !p.isInterrupted())) {
        throw e;
      }
      // the guest's except clauses did not run (notes/graalpy-embedding.md §4.2)
      writeQuietly(out, "KeyboardInterrupt\n");
      return "exc:KeyboardInterrupt";
    } finally {
      prompt.mainRunning(null);
    }
  }

  private static BootOutcome outcomeOf(Object why) {
    if (why == HUNG) {
      return BootOutcome.HUNG;
    }
    if (why instanceof BootOutcome o) {
      return o;
    }
    return BootOutcome.of((Stop) why);
  }

  private static void writeQuietly(OutputStream out, String text) {
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      // the console is in memory; a live listener that fails must not end the simulation
    }
  }

  private static void closeQuietly(Context ctx, boolean cancel) {
    try {
      ctx.close(cancel);
    } catch (PolyglotException | IllegalStateException e) {
      // a cancelled context reports its cancellation again on close
    }
  }
}
