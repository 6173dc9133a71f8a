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
    permits Injection.PowerCut,
        Injection.FlashFull,
        Injection.NetworkFaults,
        Injection.CorruptFile {

  /**
   * The points of the clean run where this fault can be injected.
   *
   * @param clean the clean run's journal
   * @param exchanges the clean run's requests, as the fake GitHub served them
   * @param initialFiles the paths on the flash before the first boot
   */
  List<Point> points(List<Event> clean, List<Exchange> exchanges, List<String> initialFiles);

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
    public List<Point> points(
        List<Event> clean, List<Exchange> exchanges, List<String> initialFiles) {
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
    public List<Point> points(
        List<Event> clean, List<Exchange> exchanges, List<String> initialFiles) {
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
  record NetworkFaults(List<NetworkFault> faults, boolean radio) implements Injection {
    /** How long the access point stays away when Wi-Fi drops mid-download. */
    public static final long WIFI_OUTAGE_MILLIS = 5000;

    public NetworkFaults {
      faults = List.copyOf(faults);
    }

    /** Only these server-side faults, no radio faults. */
    public NetworkFaults(List<NetworkFault> faults) {
      this(faults, false);
    }

    /**
     * The faults the matrix names: statuses, stall, cut and wrong bodies, resets on every
     * request; and on the device's side a failed DNS lookup, a failed TLS handshake, and Wi-Fi
     * dropping in the middle of each download.
     */
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
              new NetworkFault.ResetConnection()),
          true);
    }

    @Override
    public List<Point> points(
        List<Event> clean, List<Exchange> exchanges, List<String> initialFiles) {
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
      if (radio) {
        out.addAll(radioPoints(clean));
      }
      out.sort(java.util.Comparator.comparingInt(Point::index));
      return out;
    }

    private static List<Point> radioPoints(List<Event> clean) {
      List<Point> out = new ArrayList<>();
      long bodyLeft = 0; // of the last response, as far as the device's writes show
      for (int i = 0; i < clean.size(); i++) {
        Event e = clean.get(i);
        int k = i;
        if (e instanceof Event.DnsLookup d) {
          out.add(
              failing(
                  k,
                  "dns " + d.host() + " fails (OSError -202)",
                  dev.otasim.stubs.MicroPythonError.os(-202)));
        } else if (e instanceof Event.TlsHandshake t) {
          out.add(
              failing(
                  k,
                  "tls " + t.serverHostname() + " handshake fails",
                  dev.otasim.stubs.MicroPythonError.os(
                      -30592, "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE")));
        } else if (e instanceof Event.HttpExchange h) {
          // file downloads: everything but the JSON API
          boolean download = h.status() == 200 && !h.url().contains("://api.github.com");
          bodyLeft = download ? h.bodyBytes() : 0;
        } else if (e instanceof Event.Write w && bodyLeft > 0) {
          bodyLeft -= w.bytes();
          if (bodyLeft > 0) {
            // mid-download: this chunk is written, the rest of the body is still on its way
            bodyLeft = 0;
            out.add(wifiDrop(k, w));
          }
        } else if (e instanceof Event.Boot) {
          bodyLeft = 0;
        }
      }
      return out;
    }

    private static Point wifiDrop(int k, Event.Write w) {
      return new Point(
          k,
          "wifi drops for "
              + WIFI_OUTAGE_MILLIS
              + " ms once "
              + w.bytes()
              + " B of "
              + w.path()
              + " have arrived",
          s -> {
            AtomicBoolean fired = new AtomicBoolean();
            var board = s.device().board();
            board.setEffectHook(
                (at, ev) -> {
                  // the chunk has arrived and is about to be written; the rest never will
                  if (at == k && fired.compareAndSet(false, true)) {
                    board.network().dropWifi(board.clock().micros(), WIFI_OUTAGE_MILLIS);
                    board.journal().record(new Event.WifiLost(WIFI_OUTAGE_MILLIS));
                  }
                });
            return fired::get;
          });
    }

    private static Point failing(int k, String description, RuntimeException error) {
      return new Point(
          k,
          description,
          s -> {
            AtomicBoolean fired = new AtomicBoolean();
            s.device()
                .board()
                .setEffectHook(
                    (at, ev) -> {
                      if (at == k && fired.compareAndSet(false, true)) {
                        throw error;
                      }
                    });
            return fired::get;
          });
    }

    @Override
    public String describe() {
      return "network fault";
    }
  }

  /**
   * One file of the flash holds garbage when the board first boots: its second half is erased flash
   * ({@code 0xFF}), as an interrupted write by the app itself or worn flash would leave it. Every
   * file on the starting flash is a point. Code files are expected to brick the board (no updater
   * can run a broken copy of itself); data files (versions, markers, configuration) must not.
   */
  record CorruptFile() implements Injection {
    @Override
    public List<Point> points(
        List<Event> clean, List<Exchange> exchanges, List<String> initialFiles) {
      List<Point> out = new ArrayList<>();
      for (String path : initialFiles) {
        out.add(
            new Point(
                0,
                path,
                s -> {
                  var flash = s.device().flash();
                  byte[] content = flash.content(path);
                  byte[] broken = content.clone();
                  java.util.Arrays.fill(broken, content.length / 2, content.length, (byte) 0xFF);
                  flash.put(path, broken);
                  return () -> true;
                }));
      }
      return out;
    }

    @Override
    public String describe() {
      return "corrupt file";
    }
  }
}
