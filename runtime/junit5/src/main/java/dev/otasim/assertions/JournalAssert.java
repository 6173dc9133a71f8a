package dev.otasim.assertions;

import dev.otasim.report.Count;
import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.journal.Journal;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a journal, or on a filtered view of one ({@link #fileOps()}, {@link #network()},
 * {@link #writes()}). Lines are compared in the golden text form ({@code rename next -> main}),
 * after the {@link #scrubbing scrubbers}. A failure shows the lines around the one that matters
 * (and, for a missing line, the closest actual one), not the whole journal: that is the failure's
 * actual value, which an IDE shows beside the expected one; a journal of at most {@value
 * #SHOWN_WHOLE} lines is printed whole.
 */
public final class JournalAssert extends AbstractAssert<JournalAssert, List<Event>> {
  /** A journal this short is printed whole in a failure of a filtered view. */
  static final int SHOWN_WHOLE = 20;

  private final String view;
  private final List<Event> full;
  private final Scrubber scrubber;

  private JournalAssert(List<Event> events, String view, List<Event> full, Scrubber scrubber) {
    super(events, JournalAssert.class);
    this.view = view;
    this.full = full;
    this.scrubber = scrubber;
  }

  static JournalAssert of(Journal journal) {
    List<Event> events = journal == null ? null : journal.events();
    return new JournalAssert(events, "journal", events, line -> line);
  }

  /**
   * Rewrites every line before the assertions that follow compare it, on both sides: the journal's
   * lines, the expected ones and a golden file's (and the lines an approval writes).
   *
   * @see Scrubber#GENERATED_SIZES
   * @see Scrubber#replace
   */
  public JournalAssert scrubbing(Scrubber... scrubbers) {
    Scrubber all = scrubber;
    for (Scrubber s : scrubbers) {
      all = all.andThen(s);
    }
    return new JournalAssert(actual, view, full, all);
  }

  /** Only file-system events (failed attempts included). */
  public JournalAssert fileOps() {
    return filtered("file operations", e -> unwrap(e) instanceof Event.FileEvent);
  }

  /** Only Wi-Fi, DNS, TLS and HTTP events. */
  public JournalAssert network() {
    return filtered("network events", e -> unwrap(e) instanceof Event.NetworkEvent);
  }

  /** Only events that changed the flash. */
  public JournalAssert writes() {
    return filtered("flash writes", Event::isWrite);
  }

  /**
   * Asserts that these lines appear in this order, other lines may come between. A failure shows
   * the expected lines around the first one missing, and the actual lines around the closest one
   * after the last match (see {@link LineWindow} for "closest").
   */
  public JournalAssert containsInOrder(String... lines) {
    isNotNull();
    List<String> actualLines = lines(actual);
    List<String> expectedLines = scrub(Arrays.asList(lines));
    int at = 0;
    for (int k = 0; k < expectedLines.size(); k++) {
      String expected = expectedLines.get(k);
      int found = actualLines.subList(at, actualLines.size()).indexOf(expected);
      if (found < 0) {
        throw Failures.mismatch(
            info,
            notInOrder(actualLines, expectedLines, k, at),
            text(expectedLines),
            text(actualLines));
      }
      at += found + 1;
    }
    return this;
  }

  /** The message for expected line {@code k} missing from {@code actualLines[at..]}. */
  private String notInOrder(List<String> actualLines, List<String> expected, int k, int at) {
    String n = System.lineSeparator();
    StringBuilder b = new StringBuilder(n);
    b.append("Expecting ")
        .append(view)
        .append(" (")
        .append(Count.of(actualLines.size(), "line"))
        .append(") to contain ")
        .append(Count.of(expected.size(), "line"))
        .append(" in order, but expected line ")
        .append(k + 1)
        .append(" was not found")
        .append(at == 0 ? "" : " after actual line " + at + ", where expected line " + k + " is")
        .append(':')
        .append(n)
        .append(LineWindow.around(expected, k));
    String missing = expected.get(k);
    int earlier = actualLines.subList(0, at).indexOf(missing);
    if (earlier >= 0) {
      b.append(n)
          .append("It is actual line ")
          .append(earlier + 1)
          .append(", before that: the order differs.");
    }
    int from = at < actualLines.size() ? at : 0;
    int closest = LineWindow.closest(actualLines, from, missing);
    if (closest >= 0) {
      b.append(n)
          .append("The closest actual line")
          .append(from == 0 ? "" : " after line " + at)
          .append(" is line ")
          .append(closest + 1)
          .append(", ")
          .append(LineWindow.percent(actualLines.get(closest), missing))
          .append("% alike:")
          .append(n)
          .append(LineWindow.around(actualLines, closest));
    } else {
      b.append(n).append("The ").append(view).append(" is empty.");
    }
    return b.append(fullJournal()).toString();
  }

  /** Asserts that the lines are exactly these, in this order. */
  public JournalAssert containsExactly(String... lines) {
    isNotNull();
    List<String> actualLines = lines(actual);
    List<String> expectedLines = scrub(Arrays.asList(lines));
    if (!actualLines.equals(expectedLines)) {
      throw Failures.mismatch(
          info,
          String.format(
              "%nExpecting %s to be exactly the expected lines:%n%s%s",
              view,
              LineDiff.unified(expectedLines, actualLines, "expected", "actual"),
              fullJournal()),
          text(expectedLines),
          text(actualLines));
    }
    return this;
  }

  /** Asserts that no line equals this one. */
  public JournalAssert doesNotContain(String line) {
    isNotNull();
    List<String> actualLines = lines(actual);
    int i = actualLines.indexOf(scrubber.scrub(line));
    if (i >= 0) {
      failWithMessage(
          "%nExpecting %s (%s) not to contain:%n  %s%nbut it is line %d:%n%s%s",
          view,
          Count.of(actualLines.size(), "line"),
          line,
          i + 1,
          LineWindow.around(actualLines, i),
          fullJournal());
    }
    return this;
  }

  /** Asserts that no line starts with this prefix ({@code "http "}, {@code "rmdir main"}). */
  public JournalAssert hasNoLineStartingWith(String prefix) {
    isNotNull();
    List<String> actualLines = lines(actual);
    for (int i = 0; i < actualLines.size(); i++) {
      if (actualLines.get(i).startsWith(prefix)) {
        failWithMessage(
            "%nExpecting %s (%s) to have no line starting with:%n  %s%nbut line %d does:%n%s%s",
            view,
            Count.of(actualLines.size(), "line"),
            prefix,
            i + 1,
            LineWindow.around(actualLines, i),
            fullJournal());
      }
    }
    return this;
  }

  /**
   * Asserts that the journal equals the reviewed golden file {@code <name>.journal}. Run with
   * {@code -Dotasim.approve=true} to write the actual journal as the new golden file, then review
   * the diff before committing it.
   *
   * @see GoldenJournal
   */
  public JournalAssert matchesGolden(String name) {
    isNotNull();
    GoldenJournal.check(name, text(lines(actual)), scrubber);
    return this;
  }

  private JournalAssert filtered(String name, Predicate<Event> filter) {
    isNotNull();
    return new JournalAssert(
        actual.stream().filter(filter).collect(Collectors.toUnmodifiableList()),
        name,
        full,
        scrubber);
  }

  /** For a filtered view: the whole journal if it is short, else how long it is. */
  private String fullJournal() {
    if (view.equals("journal")) {
      return "";
    }
    List<String> all = lines(full);
    return all.size() <= SHOWN_WHOLE
        ? String.format("%nfull journal:%n%s", indent(all))
        : String.format("%n(the full journal has %s)", Count.of(all.size(), "line"));
  }

  private List<String> scrub(List<String> lines) {
    return lines.stream().map(scrubber::scrub).collect(Collectors.toList());
  }

  /** Lines as one text, each ending with a newline: what an IDE's diff view compares. */
  static String text(List<String> lines) {
    return lines.stream().map(l -> l + "\n").collect(Collectors.joining());
  }

  private List<String> lines(List<Event> events) {
    return events.stream().map(e -> scrubber.scrub(e.toString())).collect(Collectors.toList());
  }

  static String indent(List<String> lines) {
    return lines.isEmpty()
        ? "  (empty)"
        : lines.stream().map(l -> "  " + l).collect(Collectors.joining(System.lineSeparator()));
  }

  private static Event unwrap(Event e) {
    return e instanceof Event.Failed f ? f.attempt() : e;
  }
}
