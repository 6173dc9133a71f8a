package dev.otasim.stubs.journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The ordered record of every side effect a simulated board performed, across boots. An event's
 * index in the journal is also a power-cut point: {@link #checkpoint()} is called before each
 * operation takes effect, so a cut "before event k" happens exactly there.
 */
public final class Journal {
  private final List<Event> events = new ArrayList<>();
  private CutPoint cutPoint = CutPoint.NEVER;
  private boolean recordCallSites;
  private Supplier<String> callSiteSource;
  private final Map<Event, String> callSites = new IdentityHashMap<>();

  /** Decides, before the operation that would become event {@code index}, whether power fails. */
  @FunctionalInterface
  public interface CutPoint {
    /** No power cut. */
    CutPoint NEVER = index -> false;

    /** Whether power fails just before the event with this index. */
    boolean cutBefore(int index);
  }

  /** Thrown by {@link #checkpoint()} when power fails at this point; the boot ends there. */
  public static final class PowerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PowerFailure(int index) {
      super("power cut before event " + index, null, false, false);
    }
  }

  /** Sets when power fails; the default is never. */
  public synchronized void setCutPoint(CutPoint cutPoint) {
    this.cutPoint = cutPoint;
  }

  /**
   * Called by a stub before an operation takes effect.
   *
   * @throws PowerFailure if power fails before the next event
   */
  public synchronized void checkpoint() {
    int index = events.size();
    if (cutPoint.cutBefore(index)) {
      cutPoint = CutPoint.NEVER;
      throw new PowerFailure(index);
    }
  }

  /** Appends an event; returns its index. */
  public synchronized int record(Event event) {
    events.add(event);
    String site = callSite();
    if (site != null) {
      callSites.put(event, site);
    }
    return events.size() - 1;
  }

  /**
   * Where device code stands now ({@code file:line: source}), if call sites are recorded and device
   * code is running; the console asks as it ends a line.
   */
  public synchronized String callSite() {
    return recordCallSites && callSiteSource != null ? callSiteSource.get() : null;
  }

  /**
   * From now on, each event remembers the line of device code that caused it ({@link #callSite}).
   * Off by default: asking the Python VM for its frame on every event costs time that sweeps do not
   * spend; cross-checks turn it on to show where two engines part.
   */
  public synchronized void recordCallSites() {
    recordCallSites = true;
  }

  /**
   * Set by the engine for the length of a boot: where device code stands now, as {@code file:line:
   * source line}, or {@code null} when no device code is running; {@code null} clears it.
   */
  public synchronized void setCallSiteSource(Supplier<String> source) {
    callSiteSource = source;
  }

  /** The line of device code that caused this event, if call sites were recorded. */
  public synchronized Optional<String> callSite(Event event) {
    return Optional.ofNullable(callSites.get(event));
  }

  /**
   * Replaces every event with {@code saved}, as if they had just been recorded; the cut point stays
   * as set.
   */
  public synchronized void restore(List<Event> saved) {
    events.clear();
    events.addAll(saved);
  }

  /** The number of events so far. */
  public synchronized int size() {
    return events.size();
  }

  /** An immutable snapshot of every event. */
  public synchronized List<Event> events() {
    return Collections.unmodifiableList(new ArrayList<>(events));
  }

  /** The events that match, in order. */
  public List<Event> events(Predicate<Event> filter) {
    return events().stream().filter(filter).collect(Collectors.toUnmodifiableList());
  }

  /** The file-system events, failed attempts included. */
  public List<Event> fileOps() {
    return events(e -> unwrap(e) instanceof Event.FileEvent);
  }

  /** Only the events that changed the flash. */
  public List<Event> writes() {
    return events(Event::isWrite);
  }

  /** Wi-Fi, DNS, TLS and HTTP events, failed attempts included. */
  public List<Event> network() {
    return events(e -> unwrap(e) instanceof Event.NetworkEvent);
  }

  /** The golden text form: one event a line, each line ending in a newline. */
  public String text() {
    return render(events());
  }

  /** Renders events in the golden text form. */
  public static String render(List<? extends Event> events) {
    StringBuilder b = new StringBuilder();
    for (Event e : events) {
      b.append(e).append('\n');
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return text();
  }

  private static Event unwrap(Event e) {
    return e instanceof Event.Failed f ? f.attempt() : e;
  }
}
