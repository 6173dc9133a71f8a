package dev.otasim.engine.graalpy;

import dev.otasim.stubs.machine.Stop;

/**
 * Ends a boot from inside a stub call so that device code cannot observe it: no {@code except}, not
 * even a bare one, and no {@code finally} or {@code __exit__} runs, because GraalPy, like every
 * Truffle language, lets {@link ThreadDeath} through (Truffle's own cancellation is one). Unlike
 * cancelling the context, it leaves the context usable for the next boot; measured on GraalPy
 * 25.2.4 against the other mechanisms of notes/graalpy-embedding.md §2 (ReuseMechanismTest pins
 * it).
 */
@SuppressWarnings({"removal", "deprecation"})
final class BoardOff extends ThreadDeath {
  private static final long serialVersionUID = 1L;

  private final transient Stop stop;

  BoardOff(Stop stop) {
    this.stop = stop;
  }

  Stop stop() {
    return stop;
  }

  /** The stack is never looked at: the host knows where the boot ended from the journal. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
