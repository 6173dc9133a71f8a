package dev.otasim.device;

/**
 * The simulator itself failed (not the device code): a bug in a stub, an unusable setup. The
 * message says what went wrong and, where possible, how to fix it.
 */
public final class SimulatorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SimulatorException(String message) {
    super(message);
  }

  public SimulatorException(String message, Throwable cause) {
    super(message, cause);
  }
}
