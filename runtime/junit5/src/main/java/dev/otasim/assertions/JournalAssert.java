package dev.otasim.assertions;

import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.journal.Journal;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a journal, or on a filtered view of one ({@link #fileOps()}, {@link #network()},
 * {@link #writes()}). Lines are compared in the golden text form ({@code rename next -> main}), and
 * every failure prints the whole journal.
 */
public final class JournalAssert extends AbstractAssert<JournalAssert, List<Event>> {
  private final String view;
  private final List<Event> full;

  private JournalAssert(List<Event> events, String view, List<Event> full) {
    super(events, JournalAssert.class);
    this.view = view;
    this.full = full;
  }

  static JournalAssert of(Journal journal) {
    List<Event> events = journal == null ? null : journal.events();
    return new JournalAssert(events, "journal", events);
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

  /** Asserts that these lines appear in this order, other lines may come between. */
  public JournalAssert containsInOrder(String... lines) {
    isNotNull();
    List<String> actualLines = lines(actual);
    int at = 0;
    for (String expected : lines) {
      int found = actualLines.subList(at, actualLines.size()).indexOf(expected);
      if (found < 0) {
        throw Failures.mismatch(
            info,
            String.format(
                "%nExpecting %s:%n%s%nto contain, in order:%n%s%nbut this line was not found%s:%n"
                    + "  %s%s",
                view,
                indent(actualLines),
                indent(Arrays.asList(lines)),
                at == 0 ? "" : " after line " + at,
                expected,
                fullJournal()),
            text(Arrays.asList(lines)),
            text(actualLines));
      }
      at += found + 1;
    }
    return this;
  }

  /** Asserts that the lines are exactly these, in this order. */
  public JournalAssert containsExactly(String... lines) {
    isNotNull();
    List<String> actualLines = lines(actual);
    if (!actualLines.equals(Arrays.asList(lines))) {
      throw Failures.mismatch(
          info,
          String.format(
              "%nExpecting %s to be exactly the expected lines:%n%s%s",
              view,
              LineDiff.unified(Arrays.asList(lines), actualLines, "expected", "actual"),
              fullJournal()),
          text(Arrays.asList(lines)),
          text(actualLines));
    }
    return this;
  }

  /** Asserts that no line equals this one. */
  public JournalAssert doesNotContain(String line) {
    isNotNull();
    List<String> actualLines = lines(actual);
    int i = actualLines.indexOf(line);
    if (i >= 0) {
      failWithMessage(
          "%nExpecting %s:%n%s%nnot to contain:%n  %s%nbut it is line %d%s",
          view, indent(actualLines), line, i + 1, fullJournal());
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
            "%nExpecting %s:%n%s%nto have no line starting with:%n  %s%nbut line %d is:%n  %s%s",
            view, indent(actualLines), prefix, i + 1, actualLines.get(i), fullJournal());
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
    GoldenJournal.check(name, Journal.render(actual));
    return this;
  }

  private JournalAssert filtered(String name, Predicate<Event> filter) {
    isNotNull();
    return new JournalAssert(
        actual.stream().filter(filter).collect(Collectors.toUnmodifiableList()), name, full);
  }

  private String fullJournal() {
    return view.equals("journal") ? "" : String.format("%nfull journal:%n%s", indent(lines(full)));
  }

  /** Lines as one text, each ending with a newline: what an IDE's diff view compares. */
  static String text(List<String> lines) {
    return lines.stream().map(l -> l + "\n").collect(Collectors.joining());
  }

  private static List<String> lines(List<Event> events) {
    return events.stream().map(Event::toString).collect(Collectors.toList());
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
