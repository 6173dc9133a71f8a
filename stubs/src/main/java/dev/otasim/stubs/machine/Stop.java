package dev.otasim.stubs.machine;

import dev.otasim.stubs.journal.ResetCause;

/** Why a boot is being ended from inside a stub, never to return to device code. */
public enum Stop {
  /** {@code machine.reset()}. */
  HARD_RESET(ResetCause.HARD),
  /** {@code machine.deepsleep()}: the board wakes with a reset. */
  DEEPSLEEP(ResetCause.DEEPSLEEP),
  /** The watchdog was not fed in time. */
  WATCHDOG(ResetCause.WDT),
  /** Power failed at a scheduled cut point. */
  POWER_CUT(ResetCause.PWRON);

  private final ResetCause nextCause;

  Stop(ResetCause nextCause) {
    this.nextCause = nextCause;
  }

  /** What {@code machine.reset_cause()} reports on the boot after this stop. */
  public ResetCause nextCause() {
    return nextCause;
  }
}
