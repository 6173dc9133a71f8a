package dev.otasim.device;

import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.journal.Journal;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the console into lines and remembers, for each, how long the journal was when it was
 * printed, so the two can be interleaved into one timeline.
 */
final class ConsoleLines extends OutputStream {
  private record Line(int journalSize, String text, String callSite) {}

  private final Journal journal;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final List<Line> lines = new ArrayList<>();

  ConsoleLines(Journal journal) {
    this.journal = journal;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      lines.add(
          new Line(journal.size(), pending.toString(StandardCharsets.UTF_8), journal.callSite()));
      pending.reset();
    } else {
      pending.write(b);
    }
  }

  /** The lines so far and a partial last one, saved between boots. */
  record Saved(List<Line> lines, byte[] pending) {}

  synchronized Saved save() {
    return new Saved(List.copyOf(lines), pending.toByteArray());
  }

  synchronized void restore(Saved saved) {
    lines.clear();
    lines.addAll(saved.lines());
    pending.reset();
    pending.writeBytes(saved.pending());
  }

  /** A boot ended: a partial last line still belongs to it. */
  synchronized void endOfBoot() {
    if (pending.size() > 0) {
      write('\n');
    }
  }

  synchronized List<TimelineEntry> timeline() {
    List<Event> events = journal.events();
    List<TimelineEntry> out = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < events.size(); i++) {
      while (next < lines.size() && lines.get(next).journalSize() <= i) {
        out.add(console(lines.get(next++)));
      }
      Event e = events.get(i);
      out.add(new TimelineEntry(e, null, journal.callSite(e).orElse(null)));
    }
    while (next < lines.size()) {
      out.add(console(lines.get(next++)));
    }
    return out;
  }

  private static TimelineEntry console(Line line) {
    return new TimelineEntry(null, line.text(), line.callSite());
  }
}
