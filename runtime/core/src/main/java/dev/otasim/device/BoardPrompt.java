package dev.otasim.device;

import dev.otasim.boot.BootEngine;
import dev.otasim.boot.BootLimit;
import dev.otasim.boot.Prompt;
import dev.otasim.boot.Resources;
import dev.otasim.engine.graalpy.GraalPyEngine;
import dev.otasim.stubs.machine.Board;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * The board's REPL once {@code boot.py} and {@code main.py} are done: evaluates inputs as device
 * code in {@code __main__}, in the boot's own context, until the handler leaves the prompt. What
 * the board prints goes to its serial console. No polyglot value leaves this class.
 *
 * <p>A reset that device code asks for ({@code machine.reset()}, a watchdog) ends the boot: {@link
 * #eval} then does not return normally, and {@link Device#boot(Handler)} reports how the boot
 * ended.
 */
public final class BoardPrompt {
  /** How an input ended. */
  public enum Status {
    /** Ran to the end (an expression's value has been echoed). */
    DONE,
    /** Raised; the board printed the traceback. */
    FAILED,
    /** Interrupted by {@link #interrupt()}; the board printed {@code KeyboardInterrupt}. */
    INTERRUPTED,
    /** Raised {@code SystemExit}: the board soft-resets, as {@code pyexec} does. */
    SOFT_RESET
  }

  /** What the board does at its prompt; the shell implements it. */
  public interface Handler {
    /**
     * Whether this boot runs {@code main.py} before the prompt ({@code otasim shell --no-main}
     * answers no).
     */
    default boolean runsMain() {
      return true;
    }

    /**
     * Called with a Ctrl-C for {@code main.py} as it starts, and with {@code null} when it ends:
     * running it interrupts main.py, which ends with {@code KeyboardInterrupt} before the prompt.
     */
    default void mainRunning(Runnable ctrlC) {}

    /**
     * Drives the prompt.
     *
     * @return {@code true} to soft-reset the board (Ctrl-D), {@code false} to leave it at the
     *     prompt and end the boot
     */
    boolean atPrompt(BoardPrompt prompt);
  }

  /**
   * The boot's side of {@code handler}: the prompt on a GraalPy boot's own context.
   *
   * @param inputLimit how long one input may work before it is interrupted
   */
  static Prompt on(Handler handler, Board board, Duration inputLimit) {
    return new Prompt() {
      @Override
      public boolean runsMain() {
        return handler.runsMain();
      }

      @Override
      public void mainRunning(Runnable ctrlC) {
        handler.mainRunning(ctrlC);
      }

      @Override
      public boolean atPrompt(BootEngine.Session session, OutputStream console) {
        Context ctx = GraalPyEngine.context(session);
        Value evaluator = ctx.eval(evaluatorSource());
        return handler.atPrompt(
            new BoardPrompt(ctx, evaluator, console, board.boots()).withInputLimit(inputLimit));
      }
    };
  }

  private final Context ctx;
  private final Value evaluator;
  private final Value completer;
  private final OutputStream console;
  private final int boot;
  private volatile boolean running;
  private volatile boolean interruptRequested;
  private volatile boolean pastLimit;
  private Duration inputLimit;

  private static final ScheduledExecutorService LIMITS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "otasim-input-limit");
            t.setDaemon(true);
            return t;
          });
  private String lastError = "";

  BoardPrompt(Context ctx, Value evaluator, OutputStream console, int boot) {
    this.ctx = ctx;
    // prompt.py ends with (prompt_eval, prompt_complete)
    this.evaluator = evaluator.hasArrayElements() ? evaluator.getArrayElement(0) : evaluator;
    this.completer = evaluator.hasArrayElements() ? evaluator.getArrayElement(1) : null;
    this.console = console;
    this.boot = boot;
  }

  /**
   * Interrupts an input that runs longer than {@code limit} (the boot limit): piped into the shell,
   * {@code while True: pass} must not run forever.
   */
  BoardPrompt withInputLimit(Duration limit) {
    this.inputLimit = limit;
    return this;
  }

  /** The number of the boot this prompt belongs to. */
  public int boot() {
    return boot;
  }

  /**
   * Whether {@code source} is a complete input. Compound statements need a final empty line, as in
   * CPython's and MicroPython's REPL; a syntax error counts as complete (running it reports it).
   */
  public boolean isComplete(String source) {
    try {
      ctx.parse(interactive(source));
      return true;
    } catch (PolyglotException e) {
      return !e.isIncompleteSource();
    }
  }

  /**
   * Runs one input as device code, complete or not (an incomplete one reports its syntax error).
   *
   * @throws PolyglotException when the input ended the boot (a reset); the boot runner handles it
   */
  public Status eval(String source) {
    return evaluate(source, "single", true);
  }

  /**
   * Runs {@code source} as a whole file of device code ({@code exec} mode), as the board's paste
   * mode and raw REPL do; a traceback is printed on the console.
   */
  public Status exec(String source) {
    return evaluate(source, "exec", true);
  }

  /**
   * Runs {@code source} as {@link #exec} does, but keeps the traceback off the console: it is
   * {@link #lastError()} then, for the raw REPL, which sends it after the output.
   */
  public Status execQuietly(String source) {
    return evaluate(source, "exec", false);
  }

  /** The traceback of the last {@link #execQuietly} that failed or was interrupted, else "". */
  public String lastError() {
    return lastError;
  }

  /**
   * The names that complete the (dotted) name at the end of {@code text}, as the board's tab key
   * finds them: {@code __main__}'s globals and the builtins, or a device object's attributes; names
   * starting with {@code _} only once one is typed. Sorted.
   */
  public List<String> complete(String text) {
    if (completer == null) {
      return List.of();
    }
    Value names = completer.execute(text);
    List<String> out = new ArrayList<>();
    for (long i = 0; i < names.getArraySize(); i++) {
      out.add(names.getArrayElement(i).asString());
    }
    return out;
  }

  private Status evaluate(String source, String mode, boolean report) {
    interruptRequested = false;
    pastLimit = false;
    lastError = "";
    running = true;
    // counted as a boot's limit is: the CPU time of this thread, which runs the input
    BootLimit.Watch limiter =
        inputLimit == null
            ? null
            : BootLimit.watch(
                LIMITS,
                inputLimit.toMillis(),
                () -> {
                  pastLimit = true;
                  interrupt();
                });
    try {
      String result = evaluator.execute(source, mode, report).asString();
      if (result.startsWith("exc:")) {
        lastError = result.substring(4);
      }
      return switch (result) {
        case "ok" -> Status.DONE;
        case "exit" -> Status.SOFT_RESET;
        default -> Status.FAILED;
      };
    } catch (PolyglotException e) {
      if (!e.isInterrupted()) {
        throw e;
      }
      // The guest's except clauses did not run (notes/graalpy-embedding.md §4.2): say it here.
      interrupted(report, keyboardInterrupt());
      notePastLimit();
      return Status.INTERRUPTED;
    } catch (AssertionError e) {
      // With -ea (the test suite), a Truffle assertion can trip while GraalPy 25.2 builds the
      // interrupt's stack trace (PBytecodeDSLRootNode.findBytecodeIndex); the interrupt itself
      // took effect and the context stays usable.
      if (!interruptRequested) {
        throw e;
      }
      interrupted(report, keyboardInterrupt());
      notePastLimit();
      return Status.INTERRUPTED;
    } finally {
      running = false;
      if (limiter != null) {
        limiter.cancel();
      }
    }
  }

  private void notePastLimit() {
    if (pastLimit) {
      print(
          "otasim: the input ran past the limit of "
              + inputLimit.toMillis()
              + " ms and was interrupted\n");
    }
  }

  private void interrupted(boolean report, String traceback) {
    if (report) {
      print(traceback);
    } else {
      lastError = traceback;
    }
  }

  /**
   * The traceback the board prints for Ctrl-C (pyexec's uncaught-exception report; an exception
   * without arguments prints its name, a colon and a space, py/objexcept.c). GraalPy's interrupt
   * reaches the host with the guest's frames already unwound, so the input's own line is not known:
   * the frame is the input's first line, which is the board's answer for a one-line input.
   */
  static String keyboardInterrupt() {
    return "Traceback (most recent call last):\n"
        + "  File \"<stdin>\", line 1, in <module>\n"
        + "KeyboardInterrupt: \n";
  }

  /** Whether an input is running now. */
  public boolean running() {
    return running;
  }

  /**
   * Interrupts the running input, as Ctrl-C does on the board; safe from any thread, and a no-op
   * when nothing runs.
   *
   * @return whether the input stopped within a few seconds
   */
  public boolean interrupt() {
    if (!running) {
      return true;
    }
    interruptRequested = true;
    try {
      ctx.interrupt(Duration.ofSeconds(3));
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (IllegalStateException | PolyglotException e) {
      return true; // the boot ended meanwhile
    }
  }

  /** Writes host text to the board's console, so that it is part of the boot's record. */
  void print(String text) {
    try {
      console.write(text.getBytes(StandardCharsets.UTF_8));
      console.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Source interactive(String source) {
    return Source.newBuilder("python", source, "<stdin>").interactive(true).buildLiteral();
  }

  /** The evaluator's Python side, evaluated once per boot that reaches the prompt. */
  static Source evaluatorSource() {
    return Holder.SOURCE;
  }

  private static final class Holder {
    static final Source SOURCE =
        Source.newBuilder(
                "python", Resources.text("dev/otasim/device/prompt.py"), "<otasim:prompt>")
            .buildLiteral();
  }
}
