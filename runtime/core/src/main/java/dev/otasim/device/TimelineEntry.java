package dev.otasim.device;

import dev.otasim.stubs.journal.Event;
import java.util.Optional;

/**
 * One line of a device's timeline: a journal event, or a line the device printed on its console.
 *
 * @param event the event, or {@code null} for a console line
 * @param consoleLine the printed line, or {@code null} for an event
 * @param callSite the line of device code that caused it ({@code file:line: source}), or {@code
 *     null} when call sites are not recorded ({@link
 *     dev.otasim.stubs.journal.Journal#recordCallSites}) or no device code was running
 */
public record TimelineEntry(Event event, String consoleLine, String callSite) {
  /** An entry without a call site. */
  public TimelineEntry(Event event, String consoleLine) {
    this(event, consoleLine, null);
  }

  /** The line of device code that caused this entry, if recorded. */
  public Optional<String> asCallSite() {
    return Optional.ofNullable(callSite);
  }

  /** The event, if this entry is one. */
  public Optional<Event> asEvent() {
    return Optional.ofNullable(event);
  }

  /** Whether this entry is a console line. */
  public boolean isConsole() {
    return consoleLine != null;
  }

  @Override
  public String toString() {
    return isConsole() ? "| " + consoleLine : event.toString();
  }
}
