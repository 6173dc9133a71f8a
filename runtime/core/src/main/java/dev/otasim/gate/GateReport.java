package dev.otasim.gate;

import dev.otasim.report.Count;
import dev.otasim.sweep.Shard;
import dev.otasim.sweep.SweepReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the gate found: one {@link Check} per check, one more per point at which a sweep bricked the
 * board; renders as JUnit XML (for CI test reporters) and as a Markdown step summary.
 *
 * @param repo the repository the board follows
 * @param previous the release the board starts with
 * @param candidate the candidate as given (a tag, a commit, WORKTREE)
 * @param candidateTag the tag the candidate is published under
 * @param shard the sweep points this run checked
 * @param checks the checks, in the order they ran
 * @param points the bricked sweep points, each a failed check
 * @param sweeps the sweep reports by check name (for their HTML pages)
 * @param unfinished the checks the user stopped (Ctrl-C) part way or before they started, in order;
 *     empty when the gate ran to the end
 */
public record GateReport(
    String repo,
    String previous,
    String candidate,
    String candidateTag,
    Shard shard,
    List<Check> checks,
    List<Check> points,
    Map<String, SweepReport> sweeps,
    List<String> unfinished) {

  /** A report of a gate that ran to the end. */
  public GateReport(
      String repo,
      String previous,
      String candidate,
      String candidateTag,
      Shard shard,
      List<Check> checks,
      List<Check> points,
      Map<String, SweepReport> sweeps) {
    this(repo, previous, candidate, candidateTag, shard, checks, points, sweeps, List.of());
  }

  static Builder builder(
      String repo, String previous, String candidate, String candidateTag, GateSpec spec) {
    return new Builder(repo, previous, candidate, candidateTag, spec);
  }

  /**
   * Whether every check ran and passed (skipped ones do not count against it, but failed ones do):
   * a gate stopped part way has not passed.
   */
  public boolean passed() {
    return complete() && checks.stream().noneMatch(Check::failed) && points.isEmpty();
  }

  /** Whether every check ran to its end: false when the user stopped the gate (Ctrl-C). */
  public boolean complete() {
    return unfinished.isEmpty();
  }

  /** How many checks ran to their end. */
  public int finished() {
    return (int) checks.stream().filter(c -> !unfinished.contains(c.name())).count();
  }

  /**
   * "interrupted after 2 of 5 checks; not finished: power-cut sweep, network-fault sweep": what an
   * incomplete report says of itself.
   */
  public String interruption() {
    return "interrupted after "
        + finished()
        + " of "
        + Count.of(finished() + unfinished.size(), "check")
        + "; not finished: "
        + String.join(", ", unfinished);
  }

  /** The checks that failed. */
  public List<Check> failures() {
    return checks.stream().filter(Check::failed).toList();
  }

  private String title() {
    String from = previous + " \u2192 " + candidateTag;
    return candidate.equals(candidateTag) ? from : from + " (" + candidate + ")";
  }

  /** The JUnit XML report: one test suite, a test case per check and per bricked point. */
  public String junitXml() {
    List<Check> all = new ArrayList<>(checks);
    all.addAll(points);
    int errors = complete() ? 0 : 1;
    long failures = all.stream().filter(Check::failed).count();
    long skipped = all.stream().filter(c -> c.status() == Check.Status.SKIPPED).count();
    long millis = checks.stream().mapToLong(Check::millis).sum();
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuite name=\"")
        .append(xml("otasim gate " + previous + " -> " + candidateTag + shardText()))
        .append("\" tests=\"")
        .append(all.size() + errors)
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"")
        .append(errors)
        .append("\" skipped=\"")
        .append(skipped)
        .append("\" time=\"")
        .append(seconds(millis))
        .append("\">\n");
    b.append("  <properties>\n");
    property(b, "repo", repo);
    property(b, "previous", previous);
    property(b, "candidate", candidate);
    property(b, "candidateTag", candidateTag);
    property(b, "shard", shard.toString());
    b.append("  </properties>\n");
    for (Check c : all) {
      b.append("  <testcase classname=\"otasim.gate\" name=\"")
          .append(xml(c.name()))
          .append("\" time=\"")
          .append(seconds(c.millis()))
          .append('"');
      switch (c.status()) {
        case PASSED -> b.append("/>\n");
        case SKIPPED ->
            b.append(">\n    <skipped message=\"")
                .append(xml(c.summary()))
                .append("\"/>\n  </testcase>\n");
        case FAILED ->
            b.append(">\n    <failure message=\"")
                .append(xml(c.summary()))
                .append("\">")
                .append(xml(c.summary() + (c.details().isEmpty() ? "" : "\n\n" + c.details())))
                .append("</failure>\n  </testcase>\n");
      }
    }
    if (!complete()) {
      // a test case of its own, so that a CI test reporter shows the report is partial
      b.append("  <testcase classname=\"otasim.gate\" name=\"interrupted\" time=\"0.000\">\n")
          .append("    <error type=\"interrupted\" message=\"")
          .append(xml(interruption() + " (Ctrl-C): this report is incomplete"))
          .append("\"/>\n  </testcase>\n");
    }
    b.append("</testsuite>\n");
    return b.toString();
  }

  /**
   * The Markdown step summary: a verdict line, a table of the checks, the failures in full. Every
   * word a repository or a device chose (tags, check names that carry paths, an exception's
   * message, a journal) sits inside a code span or a code fence longer than any backtick run it
   * holds, so none of it renders as Markdown or HTML (no heading, link or remote image).
   */
  public String markdown() {
    StringBuilder b = new StringBuilder();
    List<Check> failed = failures();
    b.append("## otasim gate: ")
        .append(code(previous))
        .append(" \u2192 ")
        .append(code(candidateTag));
    if (!candidate.equals(candidateTag)) {
      b.append(" (").append(code(candidate)).append(")");
    }
    b.append(" \u2014 ");
    if (!complete()) {
      b.append("\u26a0\ufe0f incomplete (")
          .append(finished())
          .append(" of ")
          .append(Count.of(finished() + unfinished.size(), "check"))
          .append(" finished")
          .append(failed.isEmpty() ? "" : ", " + failed.size() + " failed")
          .append(")");
    } else {
      b.append(
          passed()
              ? "\u2705 passed"
              : "\u274c failed ("
                  + failed.size()
                  + " of "
                  + Count.of(checks.size(), "check")
                  + ")");
    }
    b.append("\n\n");
    if (!complete()) {
      b.append("**Interrupted (Ctrl-C): this report is incomplete.** Not finished: ")
          .append(String.join(", ", unfinished.stream().map(GateReport::code).toList()))
          .append(".\n\n");
    }
    b.append(code(repo))
        .append(": the board runs ")
        .append(code(previous))
        .append(" and updates to ")
        .append(code(candidateTag))
        .append(shard.isAll() ? "" : "; sweep points of shard " + shard)
        .append(".\n\n");
    b.append("| check | result | details |\n|---|---|---|\n");
    for (Check c : checks) {
      b.append("| ")
          .append(cell(c.name()))
          .append(" | ")
          .append(
              switch (c.status()) {
                case PASSED -> "\u2705 passed";
                case FAILED -> "\u274c failed";
                case SKIPPED -> "\u23ed\ufe0f skipped";
              })
          .append(" | ")
          .append(cell(c.summary()))
          .append(" |\n");
    }
    List<Check> details = new ArrayList<>();
    failed.stream().filter(c -> !c.details().isEmpty()).forEach(details::add);
    details.addAll(points);
    int n = 0;
    for (Check c : details) {
      String text = c.name() + ": " + c.summary();
      if (!c.details().isEmpty()) {
        text += "\n\n" + c.details().stripTrailing();
      }
      String fence = "`".repeat(Math.max(3, longestRun(text, '`') + 1));
      b.append("\n<details><summary>failure ")
          .append(++n)
          .append(" of ")
          .append(details.size())
          .append("</summary>\n\n")
          .append(fence)
          .append("text\n")
          .append(text)
          .append('\n')
          .append(fence)
          .append("\n</details>\n");
    }
    return b.toString();
  }

  private String shardText() {
    return shard.isAll() ? "" : " shard " + shard;
  }

  private static void property(StringBuilder b, String name, String value) {
    b.append("    <property name=\"")
        .append(name)
        .append("\" value=\"")
        .append(xml(value))
        .append("\"/>\n");
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  /**
   * A table cell of someone else's words: a code span on one line, its pipes escaped as GitHub's
   * tables require (inside a code span too); empty for empty text.
   */
  private static String cell(String s) {
    return code(s.replace("\r", " ").replace("\n", " ")).replace("|", "\\|");
  }

  /**
   * A code span: delimited by one backtick more than the longest run in {@code s}, with a space
   * inside each delimiter (CommonMark strips one on each side), so nothing in it is Markdown.
   */
  static String code(String s) {
    if (s.isEmpty()) {
      return "";
    }
    String tick = "`".repeat(longestRun(s, '`') + 1);
    return tick + " " + s + " " + tick;
  }

  private static int longestRun(String s, char c) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = s.charAt(i) == c ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }

  static String xml(String s) {
    StringBuilder b = new StringBuilder();
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        default -> {
          // XML 1.0 allows no control characters but tab, newline and carriage return
          if (ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') {
            b.append('?');
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.toString();
  }

  /** Collects a report as the gate runs. */
  static final class Builder {
    private final String repo;
    private final String previous;
    private final String candidate;
    private final String candidateTag;
    private final GateSpec spec;
    private final List<Check> checks = new ArrayList<>();
    private final List<Check> points = new ArrayList<>();
    private final Map<String, SweepReport> sweeps = new LinkedHashMap<>();
    private final List<String> unfinished = new ArrayList<>();

    private Builder(
        String repo, String previous, String candidate, String candidateTag, GateSpec spec) {
      this.repo = repo;
      this.previous = previous;
      this.candidate = candidate;
      this.candidateTag = candidateTag;
      this.spec = spec;
    }

    Builder check(Check c) {
      checks.add(c);
      return this;
    }

    Builder point(Check c) {
      points.add(c);
      return this;
    }

    Builder sweep(String name, SweepReport r) {
      sweeps.put(name, r);
      return this;
    }

    /** The user stopped the gate before the check {@code name} ended or started. */
    Builder unfinished(String name) {
      unfinished.add(name);
      return this;
    }

    GateReport build() {
      return new GateReport(
          repo,
          previous,
          candidate,
          candidateTag,
          spec.shard(),
          List.copyOf(checks),
          List.copyOf(points),
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sweeps)),
          List.copyOf(unfinished));
    }
  }
}
