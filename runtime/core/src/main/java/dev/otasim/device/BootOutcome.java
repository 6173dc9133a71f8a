package dev.otasim.device;

import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.journal.ResetCause;
import dev.otasim.stubs.machine.Board;
import dev.otasim.stubs.machine.Stop;

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
  /** The boot ran past its time limit (DeviceConfig#bootTimeLimit) and was stopped. */
  HUNG(false);

  private final boolean restarts;

  BootOutcome(boolean restarts) {
    this.restarts = restarts;
  }

  /** Whether the board starts again by itself after this outcome. */
  public boolean restarts() {
    return restarts;
  }

  /** The outcome of a boot a stub stopped (reset, deep sleep, watchdog, power cut). */
  public static BootOutcome of(Stop stop) {
    return switch (stop) {
      case HARD_RESET -> HARD_RESET;
      case DEEPSLEEP -> DEEPSLEEP;
      case WATCHDOG -> WATCHDOG;
      case POWER_CUT -> POWER_CUT;
    };
  }

  /**
   * What the board does after a boot ended this way, on either engine: what the journal records and
   * what becomes of files still open (spec: unflushed writes are lost on a reset or power cut, a
   * soft reset closes them).
   *
   * @param error the exception line of an {@link #EXCEPTION}
   * @param limitMillis the boot's time limit, for a {@link #HUNG} boot's record
   */
  public void settle(Board board, String error, long limitMillis) {
    switch (this) {
      case HARD_RESET, DEEPSLEEP -> board.flash().dropOpenFiles();
      case WATCHDOG -> {
        board.journal().record(new Event.Reset(ResetCause.WDT));
        board.flash().dropOpenFiles();
      }
      case POWER_CUT -> {
        board.journal().record(new Event.PowerCut());
        board.powerLost();
      }
      case SOFT_RESET -> {
        board.journal().record(new Event.Reset(ResetCause.SOFT));
        board.flash().closeOpenFiles();
      }
      case EXCEPTION -> board.journal().record(new Event.Uncaught(error));
      case HUNG -> board.journal().record(new Event.Hung(limitMillis));
      case RETURNED -> {
        // the board sits at the REPL
      }
    }
  }
}
