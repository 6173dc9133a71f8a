package dev.otasim.sweep;

import dev.otasim.github.Exchange;
import dev.otasim.github.FaultCase;
import dev.otasim.github.FaultMatrix;
import dev.otasim.github.NetworkFault;
import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.journal.ResetCause;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A kind of fault the sweep injects at each point of the clean run: a power cut before every
 * effect, a full flash before every write, a network fault on every request.
 */
public sealed interface Injection
    permits Injection.PowerCut, Injection.FlashFull, Injection.NetworkFaults {

  /**
   * The points of the clean run where this fault can be injected.
   *
   * @param clean the clean run's journal
   * @param exchanges the clean run's requests, as the fake GitHub served them
   */
  List<Point> points(List<Event> clean, List<Exchange> exchanges);

  /** How a report names the fault ("power cut", "flash full", "network fault"). */
  String describe();

  /**
   * Whether a staging folder may remain after the board settles: true for faults that persist (a
   * full flash keeps an update pending), false for one-off faults.
   */
  default boolean allowsPendingUpdate() {
    return false;
  }

  /**
   * One place to inject the fault.
   *
   * @param index the clean journal's event the fault comes just before (or, for a request, the
   *     request's event)
   * @param description what a report shows for this point
   * @param arm arms the fault on a fresh run of the scenario; the result tells whether it fired
   */
  record Point(int index, String description, Function<SweepScenario, Armed> arm) {}

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
    static boolean targets(Event event) {
      Event attempt = event instanceof Event.Failed f ? f.attempt() : event;
      return attempt instanceof Event.FileEvent
          || attempt instanceof Event.NetworkEvent
          || attempt instanceof Event.Reset r
              && r.kind() != ResetCause.WDT
              && r.kind() != ResetCause.SOFT;
    }

    @Override
    public List<Point> points(List<Event> clean, List<Exchange> exchanges) {
      List<Point> out = new ArrayList<>();
      for (int i = 0; i < clean.size(); i++) {
        if (targets(clean.get(i))) {
          int k = i;
          out.add(new Point(k, clean.get(k).toString(), s -> arm(s, k)));
        }
      }
      return out;
    }

    private static Armed arm(SweepScenario scenario, int index) {
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
   * point.
   */
  record FlashFull() implements Injection {
    @Override
    public List<Point> points(List<Event> clean, List<Exchange> exchanges) {
      List<Point> out = new ArrayList<>();
      for (int i = 0; i < clean.size(); i++) {
        Event e = clean.get(i);
        if (e instanceof Event.Write
            || e instanceof Event.Mkdir
            || e instanceof Event.Open o && o.isWrite()) {
          int k = i;
          out.add(new Point(k, e.toString(), s -> arm(s, k)));
        }
      }
      return out;
    }

    private static Armed arm(SweepScenario scenario, int index) {
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

  /**
   * Each of these faults, once, on each request of the clean run (a {@link FaultMatrix}); the board
   * must recover, typically by retrying at a later boot.
   */
  record NetworkFaults(List<NetworkFault> faults) implements Injection {
    public NetworkFaults {
      faults = List.copyOf(faults);
    }

    /** The faults the matrix names: statuses, stall, cut and wrong bodies, resets. */
    public static NetworkFaults standard() {
      return new NetworkFaults(
          List.of(
              new NetworkFault.Status(500),
              new NetworkFault.Status(404),
              new NetworkFault.RateLimited(),
              new NetworkFault.Stall(),
              new NetworkFault.DisconnectAfter(20),
              new NetworkFault.TruncatedBody(10),
              new NetworkFault.WrongContentLength(5),
              new NetworkFault.ResetConnection()));
    }

    @Override
    public List<Point> points(List<Event> clean, List<Exchange> exchanges) {
      List<Integer> httpIndexes = new ArrayList<>();
      for (int i = 0; i < clean.size(); i++) {
        if (clean.get(i) instanceof Event.HttpExchange) {
          httpIndexes.add(i);
        }
      }
      List<Point> out = new ArrayList<>();
      for (FaultCase c : FaultMatrix.of(exchanges, faults)) {
        int n = c.number() - 1;
        int index = n < httpIndexes.size() ? httpIndexes.get(n) : clean.size() - 1;
        out.add(
            new Point(
                index,
                c.description(),
                s -> {
                  c.install(s.github());
                  return () -> s.github().exchanges().stream().anyMatch(x -> x.fault().isPresent());
                }));
      }
      return out;
    }

    @Override
    public String describe() {
      return "network fault";
    }
  }
}
