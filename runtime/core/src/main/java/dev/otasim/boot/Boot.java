package dev.otasim.boot;

import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.journal.ResetCause;
import dev.otasim.stubs.machine.Board;
import dev.otasim.stubs.machine.Stop;
import dev.otasim.stubs.modules.socket.SocketModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One boot of a board, the same on every engine: the serial console (UART0 at the configured baud,
 * a bounded part kept), {@code boot.py} then {@code main.py} from the flash (main.py is skipped if
 * boot.py raised, as pyexec_file_if_exists does), the prompt if someone sits at it, and the end of
 * the boot however it comes: a return, an exception, a reset that device code cannot catch, a power
 * cut, or the time limit ({@link BootLimit}: the boot thread's CPU time). The engine ({@link
 * BootEngine}) only loads the VM and runs files.
 */
public final class Boot {
  private static final ScheduledExecutorService LIMITS = limits();

  /** Why the host ended a boot early: the boot's limit ({@link BootLimit}). */
  private static final Object HUNG = new Object();

  private Boot() {}

  /**
   * The boot-limit timer of every engine. A cancelled limit leaves the queue at once: its task
   * holds the boot's board, and a finished run's board must not stay reachable until the limit
   * would have passed.
   */
  private static ScheduledExecutorService limits() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "otasim-boot-limit");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /** The boot-limit timer, for tests that check what it keeps. */
  static ScheduledExecutorService limitTimer() {
    return LIMITS;
  }

  /** How a boot's run ended, before the board does what follows it. */
  public enum How {
    /** {@code main.py} returned (or there was none). */
    RETURNED,
    /** An exception nobody caught ended {@code boot.py} or {@code main.py}. */
    EXCEPTION,
    /** {@code SystemExit} or Ctrl-D at the prompt: the interpreter restarts. */
    SOFT_RESET,
    /** A stub stopped the board: {@link Ended#stop()} says how. */
    STOPPED,
    /** The boot worked past its time limit and was stopped. */
    HUNG
  }

  /**
   * The end of one boot.
   *
   * @param stop the stub's stop of a {@link How#STOPPED} boot, else {@code null}
   * @param error the exception line of an {@link How#EXCEPTION}, else {@code null}
   * @param console what the boot printed, as the host kept it
   * @param uncaughtRecorded whether the journal has the uncaught exception already (it was recorded
   *     before the prompt, where what is typed may reset the board)
   */
  public record Ended(How how, Stop stop, String error, String console, boolean uncaughtRecorded) {}

  /**
   * Runs one boot of {@code board} on {@code engine}.
   *
   * @param live where the console goes as it is printed too, or {@code null}
   * @param prompt who sits at the board's prompt after main.py, or {@code null}
   * @throws BootFailure if the engine failed (not the device code)
   */
  public static Ended run(
      BootEngine engine,
      Board board,
      BootSettings settings,
      ResetCause cause,
      OutputStream live,
      Prompt prompt) {
    if (engine.stackBytes() <= 0) {
      return runHere(engine, board, settings, cause, live, prompt);
    }
    AtomicReference<Object> result = new AtomicReference<>();
    Thread boot =
        new Thread(
            null,
            () -> {
              try {
                result.set(runHere(engine, board, settings, cause, live, prompt));
              } catch (RuntimeException | Error e) {
                result.set(e);
              }
            },
            "otasim-boot",
            engine.stackBytes());
    boot.start();
    boolean interrupted = false;
    while (true) {
      try {
        boot.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the boot's own limit ends it; the caller's flag is kept for it
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Object r = result.get();
    if (r instanceof RuntimeException e) {
      throw e;
    }
    if (r instanceof Error e) {
      throw e;
    }
    return (Ended) r;
  }

  private static Ended runHere(
      BootEngine engine,
      Board board,
      BootSettings settings,
      ResetCause cause,
      OutputStream live,
      Prompt prompt) {
    engine.warmUp();
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    // UART0: output costs virtual time, and the host keeps a bounded part of it
    UartConsole uart =
        new UartConsole(
            board.clock(), settings.uartBaud(), settings.consoleKeepBytes(), new Tee(kept, live));
    SocketModule sockets = new SocketModule(board);
    BootEngine.Session session = engine.open(board, settings, uart, sockets);
    AtomicReference<Object> ended = new AtomicReference<>();
    board.bootStarted(
        cause,
        stop -> {
          ended.compareAndSet(null, stop);
          return session.off(stop);
        });
    long limit = settings.timeLimit().toMillis();
    BootLimit.Watch limiter = null;
    Object why;
    String error = null;
    boolean clean = false; // whether the VM ended the boot consistent, fit to boot again
    boolean uncaughtRecorded = false;
    try {
      // The limit is for device code: loading the VM and the modules is the engine's cost.
      session.load();
      limiter =
          BootLimit.watch(
              LIMITS,
              limit,
              () -> {
                if (ended.compareAndSet(null, HUNG)) {
                  sockets.closeAll();
                  session.halt();
                }
              });
      RunResult result = session.run("boot.py");
      if (result.goesOn() && (prompt == null || prompt.runsMain())) {
        result = runMain(session, prompt);
      }
      How how =
          switch (result.kind()) {
            case EXIT -> How.SOFT_RESET;
            case EXCEPTION -> How.EXCEPTION;
            case OK, ABSENT -> How.RETURNED;
          };
      error = result.error();
      if (prompt != null && how != How.SOFT_RESET) {
        // Someone sits at the prompt now: the time limit was about the boot's own code.
        limiter.cancel();
        if (how == How.EXCEPTION) {
          // recorded now, before what is typed at the prompt, which may reset the board
          board.journal().record(new Event.Uncaught(error));
          uncaughtRecorded = true;
        }
        if (prompt.atPrompt(session, uart)) {
          how = How.SOFT_RESET;
        }
      }
      // The boot ended by itself; a late limit must not fire on the next one.
      if (ended.compareAndSet(null, how)) {
        clean = prompt == null; // the prompt may have interrupted the VM
      }
      why = ended.get();
    } catch (RuntimeException e) {
      RunResult caught = ended.get() == null ? session.caught(e) : null;
      if (caught != null && ended.compareAndSet(null, How.EXCEPTION)) {
        error = caught.error();
      } else if (ended.get() == null) {
        throw new BootFailure(
            "the simulator failed during boot " + board.boots() + ": " + e.getMessage(), e);
      } else {
        // a stub's stop ended the device code; only the boot limit leaves the VM in doubt
        clean = ended.get() instanceof Stop && prompt == null;
      }
      why = ended.get();
    } finally {
      if (limiter != null) {
        limiter.cancel();
      }
      sockets.closeAll();
      session.close(clean);
    }
    try {
      uart.finish();
    } catch (IOException e) {
      // the console is in memory; a live listener that fails must not end the simulation
    }
    String console = kept.toString(StandardCharsets.UTF_8);
    if (why == HUNG) {
      return new Ended(How.HUNG, null, null, console, false);
    }
    if (why instanceof Stop stop) {
      return new Ended(How.STOPPED, stop, null, console, false);
    }
    How how = (How) why;
    boolean raised = how == How.EXCEPTION;
    return new Ended(how, null, raised ? error : null, console, raised && uncaughtRecorded);
  }

  /** Runs main.py; at the prompt, Ctrl-C ends it with KeyboardInterrupt, as on the board. */
  private static RunResult runMain(BootEngine.Session session, Prompt prompt) {
    if (prompt == null) {
      return session.run("main.py");
    }
    prompt.mainRunning(session::interrupt);
    try {
      return session.run("main.py");
    } finally {
      prompt.mainRunning(null);
    }
  }
}
