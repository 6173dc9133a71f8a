package dev.otasim.sweep;

/**
 * A run of a sweep point did not repeat the clean run up to its fault: the scenario does something
 * different from run to run, so no point's outcome could be trusted. The message names the first
 * event that differed.
 */
public final class NotDeterministicException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  NotDeterministicException(String message) {
    super(message);
  }
}
