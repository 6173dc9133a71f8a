package dev.otasim.stubs.journal;

/**
 * Why the board started, as {@code machine.reset_cause()} reports it (ports/esp32/modmachine.c).
 */
public enum ResetCause {
  /** Power-on or brownout; also the first boot of a simulated board and the boot after a cut. */
  PWRON(1),
  /** {@code machine.reset()}, a panic or the EN pin. */
  HARD(2),
  /** The watchdog expired. */
  WDT(3),
  /** Woke from {@code machine.deepsleep()}. */
  DEEPSLEEP(4),
  /** {@code machine.soft_reset()}, an uncaught {@code SystemExit}, Ctrl-D. */
  SOFT(5);

  private final int code;

  ResetCause(int code) {
    this.code = code;
  }

  /** The integer {@code machine.reset_cause()} returns. */
  public int code() {
    return code;
  }
}
