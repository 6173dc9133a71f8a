package dev.otasim.sweep;

import dev.otasim.report.Count;
import dev.otasim.report.JsonString;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The result of a power-cut sweep: every cut point with the event at which power was cut and what
 * became of the board. Renders as text, JSON and a self-contained HTML page.
 *
 * @param name the scenario's name
 * @param fault what was injected at each point ("power cut", "flash full")
 * @param oldVersion the version the board starts with
 * @param newVersion the version being installed
 * @param cleanJournal the journal of the run without a cut, in golden form
 * @param cleanBoots how many boots the clean run took
 * @param cleanViolations invariant violations of the clean run itself (should be empty)
 * @param cuts every cut point's result, by journal index
 * @param threads how many threads ran cut points
 * @param millis wall-clock time of the whole sweep
 * @param plannedPoints how many points the sweep (this shard) has: the size of {@code cuts} unless
 *     it was stopped (Ctrl-C) before every point ran
 */
public record SweepReport(
    String name,
    String fault,
    String oldVersion,
    String newVersion,
    List<String> cleanJournal,
    int cleanBoots,
    List<String> cleanViolations,
    List<CutResult> cuts,
    int threads,
    long millis,
    int plannedPoints) {

  /** A report of a sweep that ran every point. */
  public SweepReport(
      String name,
      String fault,
      String oldVersion,
      String newVersion,
      List<String> cleanJournal,
      int cleanBoots,
      List<String> cleanViolations,
      List<CutResult> cuts,
      int threads,
      long millis) {
    this(
        name,
        fault,
        oldVersion,
        newVersion,
        cleanJournal,
        cleanBoots,
        cleanViolations,
        cuts,
        threads,
        millis,
        cuts.size());
  }

  /** Whether every point ran: false when the sweep was stopped (Ctrl-C) part way. */
  public boolean complete() {
    return cuts.size() >= plannedPoints;
  }

  /** "interrupted after 12 of 80 points": what an incomplete report says of itself. */
  public String interruption() {
    return "interrupted after " + cuts.size() + " of " + Count.of(plannedPoints, "point");
  }

  /** The cut points at which the board bricked. */
  public List<CutResult> bricked() {
    return cuts.stream().filter(CutResult::bricked).toList();
  }

  /** How many cut points ended with each verdict. */
  public Map<Verdict, Long> counts() {
    Map<Verdict, Long> m = new java.util.EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) {
      m.put(v, 0L);
    }
    cuts.forEach(c -> m.merge(c.verdict(), 1L, Long::sum));
    return m;
  }

  /** Boots run in all, clean run included. */
  public int totalBoots() {
    return cleanBoots + cuts.stream().mapToInt(CutResult::boots).sum();
  }

  /**
   * Whether every point ran, the clean run passed and no cut point bricked the board: a sweep cut
   * short has not shown that the board survives every point.
   */
  public boolean passed() {
    return complete() && cleanViolations.isEmpty() && bricked().isEmpty();
  }

  /** One line for a terminal or a log. */
  public String summary() {
    Map<Verdict, Long> c = counts();
    return String.format(
        "%s, %s: %s, %s in %.1f s: %d recovered new, %d recovered old, %d bricked",
        name,
        fault,
        Count.of(cuts.size(), "point"),
        Count.of(totalBoots(), "boot"),
        millis / 1000.0,
        c.get(Verdict.RECOVERED_NEW),
        c.get(Verdict.RECOVERED_OLD),
        c.get(Verdict.BRICKED));
  }

  /** A plain-text table: one line per cut point, then details of every bricked one. */
  public String text() {
    StringBuilder b = new StringBuilder();
    b.append(fault)
        .append(" sweep of ")
        .append(name)
        .append(": ")
        .append(oldVersion)
        .append(" -> ")
        .append(newVersion)
        .append('\n');
    if (!complete()) {
      b.append("INCOMPLETE: ")
          .append(interruption())
          .append(" (Ctrl-C); the points that did not run are not in this report\n");
    }
    b.append("clean run: ")
        .append(Count.of(cleanJournal.size(), "event"))
        .append(", ")
        .append(Count.of(cleanBoots, "boot"));
    b.append(
        cleanViolations.isEmpty()
            ? ", recovered new\n"
            : ", FAILS WITHOUT A FAULT: " + String.join("; ", cleanViolations) + "\n");
    b.append('\n');
    b.append(String.format("%5s  %4s  %-14s  %s%n", "point", "boot", "outcome", fault + " before"));
    for (CutResult c : cuts) {
      b.append(
          String.format(
              "%5d  %4d  %-14s  %s%n", c.index(), c.boot(), c.verdict().text(), c.event()));
    }
    List<CutResult> bricked = bricked();
    if (!bricked.isEmpty()) {
      b.append("\nbricked:\n");
      for (CutResult c : bricked) {
        b.append(
            String.format(
                "  %s before event %d \"%s\" (boot %d):%n", fault, c.index(), c.event(), c.boot()));
        c.reasons().forEach(r -> b.append("    - ").append(r).append('\n'));
      }
    }
    b.append('\n').append(summary()).append('\n');
    return b.toString();
  }

  /** The report as JSON. */
  public String json() {
    StringBuilder b = new StringBuilder();
    b.append("{\n");
    b.append("  \"scenario\": ").append(JsonString.quote(name)).append(",\n");
    b.append("  \"fault\": ").append(JsonString.quote(fault)).append(",\n");
    b.append("  \"oldVersion\": ").append(JsonString.quote(oldVersion)).append(",\n");
    b.append("  \"newVersion\": ").append(JsonString.quote(newVersion)).append(",\n");
    b.append("  \"passed\": ").append(passed()).append(",\n");
    b.append("  \"complete\": ").append(complete()).append(",\n");
    b.append("  \"plannedPoints\": ").append(plannedPoints).append(",\n");
    b.append("  \"millis\": ").append(millis).append(",\n");
    b.append("  \"threads\": ").append(threads).append(",\n");
    b.append("  \"totalBoots\": ").append(totalBoots()).append(",\n");
    Map<Verdict, Long> c = counts();
    b.append("  \"counts\": {\"recoveredNew\": ")
        .append(c.get(Verdict.RECOVERED_NEW))
        .append(", \"recoveredOld\": ")
        .append(c.get(Verdict.RECOVERED_OLD))
        .append(", \"bricked\": ")
        .append(c.get(Verdict.BRICKED))
        .append("},\n");
    b.append("  \"clean\": {\"boots\": ")
        .append(cleanBoots)
        .append(", \"violations\": ")
        .append(list(cleanViolations, JsonString::quote))
        .append(", \"journal\": ")
        .append(list(cleanJournal, JsonString::quote))
        .append("},\n");
    b.append("  \"cuts\": [\n");
    for (int i = 0; i < cuts.size(); i++) {
      CutResult r = cuts.get(i);
      b.append("    {\"index\": ")
          .append(r.index())
          .append(", \"event\": ")
          .append(JsonString.quote(r.event()))
          .append(", \"boot\": ")
          .append(r.boot())
          .append(", \"verdict\": ")
          .append(JsonString.quote(r.verdict().name()))
          .append(", \"boots\": ")
          .append(r.boots())
          .append(", \"finalVersion\": ")
          .append(r.finalVersion() == null ? "null" : JsonString.quote(r.finalVersion()))
          .append(", \"reasons\": ")
          .append(list(r.reasons(), JsonString::quote))
          .append("}")
          .append(i + 1 < cuts.size() ? ",\n" : "\n");
    }
    b.append("  ]\n}\n");
    return b.toString();
  }

  /** A self-contained HTML page with a timeline of every cut point. */
  public String html() {
    return SweepHtml.render(this);
  }

  private static String list(List<String> items, Function<String, String> f) {
    return items.stream().map(f).collect(Collectors.joining(", ", "[", "]"));
  }
}
