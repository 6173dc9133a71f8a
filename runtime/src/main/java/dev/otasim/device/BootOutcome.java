package dev.otasim.device;

/** How one boot of the simulated board ended. */
public enum BootOutcome {
  /** {@code main.py} returned (or there was none): the board sits at the REPL. */
  RETURNED(false),
  /** An exception nobody caught ended {@code boot.py} or {@code main.py}; the REPL shows it. */
  EXCEPTION(false),
  /** {@code machine.reset()}: the board restarts. */
  HARD_RESET(true),
  /** {@code machine.soft_reset()} or an uncaught {@code SystemExit}: the interpreter restarts. */
  SOFT_RESET(true),
  /** {@code machine.deepsleep()}: the board wakes with a reset. */
  DEEPSLEEP(true),
  /** The watchdog was not fed in time. */
  WATCHDOG(true),
  /** Power failed at a scheduled cut point; the next boot is a power-on. */
  POWER_CUT(true),
  /** The boot ran past its wall-clock limit and was stopped. */
  HUNG(false);

  private final boolean restarts;

  BootOutcome(boolean restarts) {
    this.restarts = restarts;
  }

  /** Whether the board starts again by itself after this outcome. */
  public boolean restarts() {
    return restarts;
  }
}
