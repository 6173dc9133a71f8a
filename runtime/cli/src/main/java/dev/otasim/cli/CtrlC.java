package dev.otasim.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) while a long command runs (sweep, gate): the first press asks the command to
 * start nothing new and to write what finished as a partial report, then exit {@value
 * OtaSimCommand#EXIT_INTERRUPTED}; a second press ends the program at once with the same code.
 * Installed for the command's run only, so that Ctrl-C elsewhere ends the program as ever.
 */
final class CtrlC implements BooleanSupplier, AutoCloseable {
  private static final Signal INT = new Signal("INT");

  private final AtomicInteger presses = new AtomicInteger();
  private final PrintWriter err;
  private final SignalHandler previous;

  private CtrlC(PrintWriter err) {
    this.err = err;
    SignalHandler was;
    try {
      was = Signal.handle(INT, s -> press());
    } catch (IllegalArgumentException e) {
      // the JVM keeps SIGINT to itself (-Xrs): Ctrl-C ends the program as it always did
      was = null;
    }
    this.previous = was;
  }

  /** Catches Ctrl-C until {@link #close()}. */
  static CtrlC install(PrintWriter err) {
    return new CtrlC(err);
  }

  private void press() {
    if (presses.incrementAndGet() > 1) {
      Runtime.getRuntime().halt(OtaSimCommand.EXIT_INTERRUPTED);
    }
    err.println(
        (ProgressLine.stderrIsTerminal() ? "\r\033[K" : "")
            + "otasim: Ctrl-C: finishing what is running, then writing what finished (Ctrl-C"
            + " again quits at once)");
    err.flush();
  }

  /** Whether Ctrl-C was pressed. */
  @Override
  public boolean getAsBoolean() {
    return presses.get() > 0;
  }

  @Override
  public void close() {
    if (previous != null) {
      Signal.handle(INT, previous);
    }
  }
}
