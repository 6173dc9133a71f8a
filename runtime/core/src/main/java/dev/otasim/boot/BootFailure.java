package dev.otasim.boot;

/**
 * The simulator failed during a boot, not the device code: an engine's own error. The façade
 * reports it to the user as a simulator failure.
 */
public final class BootFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BootFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
