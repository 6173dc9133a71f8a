package dev.otasim.fleet;

import java.util.List;
import java.util.Locale;

/**
 * A fleet report as one self-contained page: the boards' states stacked over the virtual hours as
 * an inline SVG area chart (no scripts), the sites' API requests against their limits, and the
 * journal of each board that bricked.
 */
final class FleetHtml {
  private static final int W = 720;
  private static final int H = 280;
  private static final int PAD = 40;

  private FleetHtml() {}

  private static String colour(BoardState s) {
    return switch (s) {
      case UPDATED -> "#2e9d4f";
      case UPDATING -> "#7cc4e4";
      case OLD -> "#b8b8b8";
      case STALLED -> "#e5a632";
      case ROLLED_BACK -> "#a77bd1";
      case BOOT_LOOP -> "#e06c3c";
      case BRICKED -> "#c0262d";
    };
  }

  static String page(FleetReport r) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>otasim fleet: ")
        .append(e(r.header().name()))
        .append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:60em}")
        .append("table{border-collapse:collapse}td,th{padding:2px 8px;text-align:right}")
        .append("pre{background:#f4f4f4;padding:8px;overflow:auto;font-size:12px}")
        .append(".key span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}")
        .append("</style></head><body>\n");
    b.append("<h1>otasim fleet</h1>\n<p>")
        .append(e(r.header().name()))
        .append(": ")
        .append(r.boards())
        .append(" boards, ")
        .append(r.sites().size())
        .append(" sites, ")
        .append(r.hours())
        .append(" virtual hours; target release <b>")
        .append(e(r.target()))
        .append("</b>.")
        .append(r.complete() ? "" : " <b>Incomplete: stopped by Ctrl-C.</b>")
        .append("</p>\n<p>");
    for (int p : new int[] {50, 90, 99, 100}) {
      long t = r.secondsTo(p);
      b.append(p).append("% on ").append(e(r.target())).append(": ");
      b.append(t < 0 ? "never" : "by " + FleetReport.clock(t)).append(p < 100 ? " &middot; " : "");
    }
    b.append("</p>\n");
    b.append(chart(r));
    b.append("<p class=\"key\">");
    for (BoardState s : BoardState.values()) {
      b.append("<span style=\"background:")
          .append(colour(s))
          .append("\"></span>")
          .append(s.key().replace('_', ' '))
          .append(" (")
          .append(r.finalCount(s))
          .append(")");
    }
    b.append("</p>\n<h2>Final</h2>\n<table><tr>");
    for (BoardState s : BoardState.values()) {
      b.append("<th>").append(s.key().replace('_', ' ')).append("</th>");
    }
    b.append("</tr><tr>");
    for (BoardState s : BoardState.values()) {
      b.append("<td>").append(r.finalCount(s)).append("</td>");
    }
    b.append("</tr></table>\n<h2>API requests per hour, by site</h2>\n<table><tr><th>site</th>")
        .append("<th>boards</th><th>limit/h</th><th>busiest hour</th><th>requests</th>")
        .append("<th>refused (403)</th></tr>\n");
    for (FleetReport.Site s : r.sites()) {
      int busiest = 0;
      long requests = 0;
      long refused = 0;
      for (int h = 0; h < s.requests().length; h++) {
        requests += s.requests()[h];
        refused += s.refused()[h];
        if (s.requests()[h] > s.requests()[busiest]) {
          busiest = h;
        }
      }
      b.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%d</td><td>%d</td><td>%d</td><td>%d (%d)</td><td>%d</td><td>%d</td></tr>%n",
              s.site(),
              s.boards(),
              s.limit(),
              busiest + 1,
              s.requests().length == 0 ? 0 : s.requests()[busiest],
              requests,
              refused));
    }
    b.append("</table>\n<h2>Bricked boards</h2>\n");
    List<SiteRun.Casualty> cs = r.casualtyList();
    if (cs.isEmpty()) {
      b.append("<p>None.</p>\n");
    }
    for (SiteRun.Casualty c : cs) {
      b.append("<h3>board ")
          .append(c.board())
          .append(" (site ")
          .append(c.site())
          .append("), ")
          .append(c.state().key().replace('_', ' '))
          .append(" at ")
          .append(FleetReport.clock(c.second()))
          .append("</h3>\n<p>")
          .append(e(String.join("; ", c.problems())))
          .append("</p>\n<pre>")
          .append(e(String.join("\n", c.journal())))
          .append("</pre>\n");
    }
    b.append("</body></html>\n");
    return b.toString();
  }

  /** The states stacked, one polygon per state, hour 0 (the start) to the last. */
  private static String chart(FleetReport r) {
    int hours = r.hours();
    int boards = Math.max(1, r.boards());
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\""
                + " aria-label=\"boards per state over the virtual hours\">%n",
            W + PAD * 2,
            H + PAD * 2));
    double[] below = new double[hours + 1];
    for (BoardState s : BoardState.values()) {
      StringBuilder top = new StringBuilder();
      StringBuilder bottom = new StringBuilder();
      for (int h = 0; h <= hours; h++) {
        double x = PAD + (double) W * h / Math.max(1, hours);
        double lo = below[h];
        double hi = lo + r.hourly().get(h).states().get(s);
        top.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, PAD + H - H * hi / boards));
        bottom.insert(0, String.format(Locale.ROOT, "%.1f,%.1f ", x, PAD + H - H * lo / boards));
        below[h] = hi;
      }
      b.append("<polygon fill=\"")
          .append(colour(s))
          .append("\" points=\"")
          .append(top)
          .append(bottom.toString().strip())
          .append("\"><title>")
          .append(s.key().replace('_', ' '))
          .append("</title></polygon>\n");
    }
    b.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
            PAD,
            PAD + H,
            PAD + W,
            PAD + H));
    int step = Math.max(1, hours / 12);
    for (int h = 0; h <= hours; h += step) {
      double x = PAD + (double) W * h / Math.max(1, hours);
      b.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%dh</text>%n",
              x,
              PAD + H + 16,
              h));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-size=\"11\">%d boards</text>%n",
            PAD,
            PAD - 6,
            r.boards()));
    return b.append("</svg>\n").toString();
  }

  private static String e(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
