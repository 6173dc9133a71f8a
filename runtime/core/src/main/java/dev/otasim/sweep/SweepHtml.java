package dev.otasim.sweep;

import dev.otasim.report.Count;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link SweepReport} as one self-contained HTML page (no scripts, no external files).
 */
final class SweepHtml {
  private SweepHtml() {}

  private static final String STYLE =
      """
      body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1100px;color:#1d2330;padding:0 1rem}
      h1{font-size:1.5rem;margin:0 0 .2rem} .sub{color:#5b6475;margin-bottom:1.4rem}
      .banner{padding:.8rem 1rem;border-radius:8px;font-weight:600;margin-bottom:1.2rem}
      .pass{background:#e6f6ec;color:#145c2e;border:1px solid #9fd8b3} .incomplete{background:#fff6dd;color:#6b4a00;border:1px solid #f0d58a} .fail{background:#fdecec;color:#8a1c1c;border:1px solid #f0a8a8}
      .cards{display:flex;gap:.8rem;flex-wrap:wrap;margin-bottom:1.6rem}
      .card{border:1px solid #dde2ea;border-radius:8px;padding:.6rem .9rem;min-width:120px}
      .card b{display:block;font-size:1.4rem} .card span{color:#5b6475;font-size:.85rem}
      .new{background:#2f9e55} .old{background:#3b7dd8} .brick{background:#d64545} .none{background:#d9dde4}
      .boot{display:flex;align-items:center;margin:.25rem 0} .boot .label{width:90px;color:#5b6475;font-size:.85rem;flex:none}
      .strip{display:flex;flex-wrap:wrap;gap:2px} .strip a{display:block;width:12px;height:22px;border-radius:2px}
      .strip span{display:block;width:4px;height:22px;border-radius:1px}
      .legend{display:flex;gap:1rem;font-size:.85rem;color:#5b6475;margin:.6rem 0 1.6rem} .legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
      table{border-collapse:collapse;width:100%;font-size:.9rem} th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eceff4;vertical-align:top}
      th{color:#5b6475;font-weight:600} tr.b td{background:#fff5f5} code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem}
      pre{background:#f6f8fa;padding:.5rem;border-radius:6px;overflow:auto;margin:.3rem 0}
      .tag{display:inline-block;padding:0 .45rem;border-radius:10px;color:#fff;font-size:.8rem}
      details summary{cursor:pointer;color:#5b6475}
      .brickcase{border-left:4px solid #d64545;background:#fff8f8;padding:.5rem .9rem;margin:.6rem 0;border-radius:4px}
      .brickcase ul{margin:.3rem 0 .3rem 1.2rem;padding:0}
      """;

  static String render(SweepReport r) {
    Map<Integer, CutResult> byIndex = new HashMap<>();
    r.cuts().forEach(c -> byIndex.put(c.index(), c));
    Map<Verdict, Long> counts = r.counts();
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    b.append("<title>Power-cut sweep: ")
        .append(e(r.name()))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>");
    b.append("<h1>")
        .append(e(cap(r.fault())))
        .append(" sweep: ")
        .append(e(r.name()))
        .append("</h1>");
    b.append("<div class=\"sub\">")
        .append(e(r.oldVersion()))
        .append(" &rarr; ")
        .append(e(r.newVersion()))
        .append(": ")
        .append(e(r.fault()))
        .append(" before each of ")
        .append(e(Count.of(r.plannedPoints(), "event")))
        .append(" of the update, then the board boots until it settles.</div>");
    if (!r.complete()) {
      b.append("<div class=\"banner incomplete\">&#9888; Incomplete: ")
          .append(e(r.interruption()))
          .append(" (Ctrl-C); the points that did not run are not in this report.</div>");
    }
    if (!r.cleanViolations().isEmpty()) {
      b.append("<div class=\"banner fail\">The scenario fails even without a fault: ")
          .append(e(String.join("; ", r.cleanViolations())))
          .append("</div>");
    } else if (r.bricked().isEmpty() && r.complete()) {
      b.append("<div class=\"banner pass\">&#10004; The board recovered at every point.</div>");
    } else if (r.bricked().isEmpty()) {
      b.append("<div class=\"banner pass\">The board recovered at every point that ran.</div>");
    } else {
      b.append("<div class=\"banner fail\">&#10008; The board bricks at ")
          .append(r.bricked().size())
          .append(" of ")
          .append(Count.of(r.cuts().size(), "point"))
          .append(".</div>");
    }
    b.append("<div class=\"cards\">");
    card(b, Long.toString(r.cuts().size()), r.fault() + " points");
    card(b, Integer.toString(r.totalBoots()), "boots simulated");
    card(b, String.format("%.1f s", r.millis() / 1000.0), "on " + Count.of(r.threads(), "thread"));
    card(b, Long.toString(counts.get(Verdict.RECOVERED_NEW)), "recovered new");
    card(b, Long.toString(counts.get(Verdict.RECOVERED_OLD)), "recovered old");
    card(b, Long.toString(counts.get(Verdict.BRICKED)), "bricked");
    b.append("</div>");

    b.append("<h2>Timeline of the update</h2>");
    b.append(
        "<div class=\"legend\"><span><i class=\"new\"></i>recovered new</span><span><i class=\"old\"></i>recovered old</span><span><i class=\"brick\"></i>bricked</span><span><i class=\"none\"></i>not a target</span></div>");
    List<String> journal = r.cleanJournal();
    boolean open = false;
    for (int i = 0; i < journal.size(); i++) {
      String line = journal.get(i);
      if (line.startsWith("boot ")) {
        if (open) {
          b.append("</div></div>");
        }
        b.append("<div class=\"boot\"><div class=\"label\">")
            .append(e(line.split(" cause=")[0]))
            .append("</div><div class=\"strip\">");
        open = true;
        continue;
      }
      if (!open) {
        b.append("<div class=\"boot\"><div class=\"label\"></div><div class=\"strip\">");
        open = true;
      }
      CutResult c = byIndex.get(i);
      if (c == null) {
        b.append("<span class=\"none\" title=\"")
            .append(i)
            .append(": ")
            .append(e(line))
            .append(" (not a target)\"></span>");
      } else {
        b.append("<a href=\"#cut")
            .append(i)
            .append("\" class=\"")
            .append(cls(c.verdict()))
            .append("\" title=\"")
            .append(e(r.fault()))
            .append(" before ")
            .append(i)
            .append(": ")
            .append(e(line))
            .append(" &rarr; ")
            .append(e(c.verdict().text()))
            .append(c.reasons().isEmpty() ? "" : ": " + e(String.join("; ", c.reasons())))
            .append("\"></a>");
      }
    }
    if (open) {
      b.append("</div></div>");
    }

    if (!r.bricked().isEmpty()) {
      // The answer a reader came for, before the full table: where it bricks and why, with the
      // clean run's events around each point.
      b.append("<h2>Where the board bricks</h2>");
      for (CutResult c : r.bricked()) {
        b.append("<div class=\"brickcase\"><b>")
            .append(e(r.fault()))
            .append(" before <code>")
            .append(e(c.event()))
            .append("</code></b> (boot ")
            .append(c.boot())
            .append(", <a href=\"#cut")
            .append(c.index())
            .append("\">details</a>)<ul>");
        c.reasons().forEach(x -> b.append("<li>").append(e(x)).append("</li>"));
        b.append("</ul><pre>");
        for (int i = Math.max(0, c.index() - 3);
            i <= Math.min(journal.size() - 1, c.index() + 2);
            i++) {
          b.append(i == c.index() ? "cut&gt; " : "      ")
              .append(String.format("%4d  ", i))
              .append(e(journal.get(i)))
              .append('\n');
        }
        b.append("</pre></div>");
      }
    }

    b.append("<h2>Points</h2><table><tr><th>event</th><th>boot</th><th>")
        .append(e(r.fault()))
        .append(" before</th><th>outcome</th><th>boots</th><th>ends with</th></tr>");
    for (CutResult c : r.cuts()) {
      b.append("<tr id=\"cut")
          .append(c.index())
          .append("\"")
          .append(c.bricked() ? " class=\"b\"" : "")
          .append("><td>")
          .append(c.index())
          .append("</td><td>")
          .append(c.boot())
          .append("</td><td><code>")
          .append(e(c.event()))
          .append("</code></td><td><span class=\"tag ")
          .append(cls(c.verdict()))
          .append("\">")
          .append(e(c.verdict().text()))
          .append("</span>");
      if (c.bricked()) {
        b.append("<ul>");
        c.reasons().forEach(x -> b.append("<li>").append(e(x)).append("</li>"));
        b.append("</ul><details><summary>journal tail and flash</summary><pre>")
            .append(e(String.join("\n", c.journalTail())))
            .append("</pre><pre>")
            .append(e(c.flashTree()))
            .append("</pre></details>");
      }
      b.append("</td><td>")
          .append(c.boots())
          .append("</td><td>")
          .append(c.finalVersion() == null ? "&mdash;" : e(c.finalVersion()))
          .append("</td></tr>");
    }
    b.append("</table>");
    b.append("<h2>Journal of the clean run</h2><pre>");
    for (int i = 0; i < journal.size(); i++) {
      b.append(String.format("%4d  ", i)).append(e(journal.get(i))).append('\n');
    }
    b.append("</pre></body></html>\n");
    return b.toString();
  }

  private static String cap(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static void card(StringBuilder b, String value, String label) {
    b.append("<div class=\"card\"><b>")
        .append(e(value))
        .append("</b><span>")
        .append(e(label))
        .append("</span></div>");
  }

  private static String cls(Verdict v) {
    return switch (v) {
      case RECOVERED_NEW -> "new";
      case RECOVERED_OLD -> "old";
      case BRICKED -> "brick";
    };
  }

  private static String e(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
