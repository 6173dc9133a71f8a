package dev.otasim.sweep;

import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.journal.ResetCause;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fault the sweep injects just before one event of the clean run: a power cut, a full flash, or
 * (through the fake GitHub) a network fault.
 */
public sealed interface Injection permits Injection.PowerCut, Injection.FlashFull {

  /** Whether this fault can be injected before this event of the clean run. */
  boolean targets(Event event);

  /**
   * Arms the fault on a fresh run of the scenario, to fire just before journal event {@code index}.
   *
   * @return tells afterwards whether the fault fired
   */
  Armed arm(SweepScenario scenario, int index);

  /** How a report names the fault ("power cut", "flash full"). */
  String describe();

  /**
   * Whether a staging folder may remain after the board settles: true for faults that persist (a
   * full flash keeps an update pending), false for one-off faults.
   */
  default boolean allowsPendingUpdate() {
    return false;
  }

  /** Whether an armed fault fired during the run. */
  @FunctionalInterface
  interface Armed {
    boolean fired();
  }

  /**
   * Power fails just before the event: pending file data is lost, the board powers on again. Every
   * file and network operation and every reset is a cut point.
   */
  record PowerCut() implements Injection {
    @Override
    public boolean targets(Event event) {
      Event attempt = event instanceof Event.Failed f ? f.attempt() : event;
      return attempt instanceof Event.FileEvent
          || attempt instanceof Event.NetworkEvent
          || attempt instanceof Event.Reset r
              && r.kind() != ResetCause.WDT
              && r.kind() != ResetCause.SOFT;
    }

    @Override
    public Armed arm(SweepScenario scenario, int index) {
      var journal = scenario.device().journal();
      journal.setCutPoint(i -> i == index);
      return () -> {
        var events = journal.events();
        return events.size() > index && events.get(index) instanceof Event.PowerCut;
      };
    }

    @Override
    public String describe() {
      return "power cut";
    }
  }

  /**
   * Something else filled the flash just before the event, and it stays full: whatever needs a new
   * block fails with {@code OSError(28)} from then on. Every write, mkdir and open for writing is a
   * target.
   */
  record FlashFull() implements Injection {
    @Override
    public boolean targets(Event event) {
      return event instanceof Event.Write
          || event instanceof Event.Mkdir
          || event instanceof Event.Open o && o.isWrite();
    }

    @Override
    public Armed arm(SweepScenario scenario, int index) {
      AtomicBoolean fired = new AtomicBoolean();
      var device = scenario.device();
      device
          .board()
          .setEffectHook(
              (i, e) -> {
                if (i == index && fired.compareAndSet(false, true)) {
                  device.flash().fill();
                }
              });
      return fired::get;
    }

    @Override
    public String describe() {
      return "flash full";
    }

    @Override
    public boolean allowsPendingUpdate() {
      return true;
    }
  }
}
