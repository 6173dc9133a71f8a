package dev.otasim.fleet;

import dev.otasim.github.ReleaseTag;
import dev.otasim.report.Count;
import dev.otasim.report.JsonReader;
import dev.otasim.report.JsonString;
import dev.otasim.sweep.Shard;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a fleet run found, in a form shards add up in: counts per state at the end and at the end of
 * every virtual hour, boards per version, each site's API requests per hour against its limit, when
 * boards reached the newest release, and the journal of every board that bricked. {@link
 * #json(boolean)} without the run's timings is the same for a seed on any number of threads, and
 * {@link #merge} of the shards' reports equals the whole run's.
 */
public final class FleetReport {
  /** What was simulated: the updater, the release boards must reach, every setting. */
  record Header(String name, String target, Map<String, String> settings) {}

  /** How the run went on this machine; not part of the deterministic report. */
  public record Run(
      long millis,
      int threads,
      int cycles,
      int done,
      long memoHits,
      long cyclesRun,
      long deviceBoots) {
    /** The share of power cycles replayed from the memo. */
    public double hitRate() {
      long all = memoHits + cyclesRun;
      return all == 0 ? 0 : (double) memoHits / all;
    }
  }

  /** One site's API traffic. */
  record Site(int site, int boards, int limit, long[] requests, long[] refused) {}

  /** One hour's end: boards per state and per version. */
  record Hour(Map<BoardState, Integer> states, Map<String, Integer> versions) {}

  private final Header header;
  private final int boards;
  private final int hours;
  private final List<String> shards;
  private final boolean complete;
  private final Map<BoardState, Integer> finalStates;
  private final List<Hour> hourly;
  private final List<Site> sites;
  private final TreeMap<Long, Integer> onTarget;
  private final List<SiteRun.Casualty> casualties;
  private final Run run;

  private FleetReport(
      Header header,
      int boards,
      int hours,
      List<String> shards,
      boolean complete,
      Map<BoardState, Integer> finalStates,
      List<Hour> hourly,
      List<Site> sites,
      TreeMap<Long, Integer> onTarget,
      List<SiteRun.Casualty> casualties,
      Run run) {
    this.header = header;
    this.boards = boards;
    this.hours = hours;
    this.shards = List.copyOf(shards);
    this.complete = complete;
    this.finalStates = finalStates;
    this.hourly = hourly;
    this.sites = sites;
    this.onTarget = onTarget;
    this.casualties = casualties;
    this.run = run;
  }

  static FleetReport of(
      Header header,
      int fleetBoards,
      int hours,
      String target,
      Shard shard,
      List<SiteRun.Result> results,
      boolean complete,
      Run run) {
    Map<BoardState, Integer> fin = zeros();
    List<Hour> hourly = new ArrayList<>();
    for (int h = 0; h <= hours; h++) {
      hourly.add(new Hour(zeros(), new TreeMap<>(ReleaseTag.ORDER)));
    }
    TreeMap<Long, Integer> onTarget = new TreeMap<>();
    List<Site> sites = new ArrayList<>();
    List<SiteRun.Casualty> casualties = new ArrayList<>();
    int boards = 0;
    for (SiteRun.Result r : results) {
      boards += r.boards();
      sites.add(new Site(r.site(), r.boards(), r.limit(), r.requests(), r.refused()));
      casualties.addAll(r.casualties());
      for (Map.Entry<Integer, SiteRun.Change> e : r.initial().entrySet()) {
        List<SiteRun.Change> timeline = new ArrayList<>();
        timeline.add(e.getValue());
        timeline.addAll(r.changes().get(e.getKey()));
        SiteRun.Change last = timeline.get(timeline.size() - 1);
        fin.merge(last.state(), 1, Integer::sum);
        for (int h = 0; h <= hours; h++) {
          SiteRun.Change at = timeline.get(0);
          for (SiteRun.Change c : timeline.subList(1, timeline.size())) {
            if (c.second() < h * 3600L) {
              at = c;
            }
          }
          hourly.get(h).states().merge(at.state(), 1, Integer::sum);
          hourly.get(h).versions().merge(versionName(at.version()), 1, Integer::sum);
        }
        boolean was = false;
        for (SiteRun.Change c : timeline) {
          boolean is = target.equals(c.version()) && c.state() != BoardState.BRICKED;
          if (is != was) {
            onTarget.merge(c.second(), is ? 1 : -1, Integer::sum);
            was = is;
          }
        }
      }
    }
    onTarget.values().removeIf(v -> v == 0);
    casualties.sort(
        java.util.Comparator.comparingLong(SiteRun.Casualty::second)
            .thenComparingInt(SiteRun.Casualty::board));
    return new FleetReport(
        header,
        boards,
        hours,
        List.of(shard.toString()),
        complete,
        fin,
        hourly,
        sites,
        onTarget,
        casualties,
        run);
  }

  private static String versionName(String version) {
    return version == null ? "(none)" : version;
  }

  private static Map<BoardState, Integer> zeros() {
    Map<BoardState, Integer> m = new EnumMap<>(BoardState.class);
    for (BoardState s : BoardState.values()) {
      m.put(s, 0);
    }
    return m;
  }

  /** Boards in this report (this shard's, or the whole fleet's). */
  public int boards() {
    return boards;
  }

  /** How many boards end in {@code state}. */
  public int finalCount(BoardState state) {
    return finalStates.get(state);
  }

  /** The release the boards must reach: the newest published by the end. */
  public String target() {
    return header.target();
  }

  /** False if Ctrl-C stopped the run before every power cycle ran. */
  public boolean complete() {
    return complete;
  }

  /** How the run went (timings, memo); null for a merged report. */
  public Run run() {
    return run;
  }

  /** Boards that bricked, in the order they did. */
  public int casualties() {
    return casualties.size();
  }

  /**
   * The virtual second by which {@code percent}% of the boards ran the target release, or -1 if
   * they never did.
   */
  public long secondsTo(int percent) {
    long need = (long) Math.ceil(boards * percent / 100.0);
    if (need == 0) {
      return 0;
    }
    long count = 0;
    for (Map.Entry<Long, Integer> e : onTarget.entrySet()) {
      count += e.getValue();
      if (count >= need) {
        return e.getKey();
      }
    }
    return -1;
  }

  /** Boards on the target release at the end of virtual hour {@code h} (0: at the start). */
  public int onTargetAt(int h) {
    return hourly.get(h).versions().getOrDefault(header.target(), 0);
  }

  // ------------------------------------------------------------------ text

  /** The summary a person reads in a terminal. */
  public String text() {
    StringBuilder b = new StringBuilder();
    b.append("  ")
        .append(Count.of(boards, "board"))
        .append(", ")
        .append(Count.of(sites.size(), "site"))
        .append(
            shards.size() == 1 && !shards.get(0).equals("1/1")
                ? " (shard " + shards.get(0) + ")"
                : "")
        .append(", ")
        .append(hours)
        .append(" h; target ")
        .append(header.target())
        .append('\n');
    b.append("  final:");
    String sep = " ";
    for (BoardState s : BoardState.values()) {
      b.append(sep).append(finalStates.get(s)).append(' ').append(s.key().replace('_', ' '));
      sep = ", ";
    }
    b.append('\n');
    b.append("  on ").append(header.target()).append(':');
    sep = " ";
    for (int p : new int[] {50, 90, 99, 100}) {
      long t = secondsTo(p);
      b.append(sep).append(p).append("% ").append(t < 0 ? "never" : "by " + clock(t));
      sep = ", ";
    }
    b.append('\n');
    Site busiest = null;
    long most = -1;
    int hourOf = 0;
    for (Site s : sites) {
      for (int h = 0; h < s.requests().length; h++) {
        if (s.requests()[h] > most) {
          most = s.requests()[h];
          busiest = s;
          hourOf = h;
        }
      }
    }
    if (busiest != null) {
      long refusedAll = sites.stream().mapToLong(s -> sum(s.refused())).sum();
      long requestsAll = sites.stream().mapToLong(s -> sum(s.requests())).sum();
      b.append("  rate limit: ")
          .append(Count.of(requestsAll, "API request"))
          .append(", ")
          .append(refusedAll)
          .append(" refused; busiest: site ")
          .append(busiest.site())
          .append(" (")
          .append(Count.of(busiest.boards(), "board"))
          .append(") asked ")
          .append(most)
          .append(" in hour ")
          .append(hourOf + 1)
          .append(" against ")
          .append(busiest.limit())
          .append(" an hour\n");
    }
    for (SiteRun.Casualty c : casualties.subList(0, Math.min(5, casualties.size()))) {
      b.append("  board ")
          .append(c.board())
          .append(' ')
          .append(c.state().key().replace('_', ' '))
          .append(" at ")
          .append(clock(c.second()))
          .append(": ")
          .append(c.problems().isEmpty() ? "still restarting" : String.join("; ", c.problems()))
          .append('\n');
    }
    if (casualties.size() > 5) {
      b.append("  ... and ").append(casualties.size() - 5).append(" more in the reports\n");
    }
    if (run != null) {
      b.append(
          String.format(
              Locale.ROOT,
              "  ran %s in %.1f s on %s: %s booted, %.0f%% replayed from the memo (%s)%n",
              Count.of(run.cycles(), "power cycle"),
              run.millis() / 1000.0,
              Count.of(run.threads(), "thread"),
              Count.of(run.cyclesRun(), "cycle"),
              100 * run.hitRate(),
              Count.of(run.deviceBoots(), "device boot")));
    }
    return b.toString();
  }

  /** {@code h:mm} of virtual time. */
  static String clock(long seconds) {
    return String.format(Locale.ROOT, "%d:%02d", seconds / 3600, seconds / 60 % 60);
  }

  private static long sum(long[] a) {
    long s = 0;
    for (long x : a) {
      s += x;
    }
    return s;
  }

  // ------------------------------------------------------------------ JSON

  /** The report as JSON; with {@code withRun} false, without the machine's timings and memo. */
  public String json(boolean withRun) {
    StringBuilder b = new StringBuilder("{\n");
    b.append("  \"updater\": ").append(JsonString.quote(header.name())).append(",\n");
    b.append("  \"target\": ").append(JsonString.quote(header.target())).append(",\n");
    b.append("  \"fleet\": {");
    String sep = "";
    for (Map.Entry<String, String> e : header.settings().entrySet()) {
      b.append(sep)
          .append(JsonString.quote(e.getKey()))
          .append(": ")
          .append(JsonString.quote(e.getValue()));
      sep = ", ";
    }
    b.append("},\n");
    b.append("  \"shards\": [");
    sep = "";
    for (String s : shards) {
      b.append(sep).append(JsonString.quote(s));
      sep = ", ";
    }
    b.append("],\n");
    b.append("  \"complete\": ").append(complete).append(",\n");
    b.append("  \"hours\": ").append(hours).append(",\n");
    b.append("  \"boards\": ").append(boards).append(",\n");
    b.append("  \"final\": ").append(states(finalStates)).append(",\n");
    b.append("  \"time_to\": {");
    sep = "";
    for (int p : new int[] {50, 90, 99, 100}) {
      long t = secondsTo(p);
      b.append(sep)
          .append("\"")
          .append(p)
          .append("%\": ")
          .append(t < 0 ? "null" : Long.toString(t));
      sep = ", ";
    }
    b.append("},\n");
    b.append("  \"hourly\": [\n");
    for (int h = 0; h <= hours; h++) {
      Hour hour = hourly.get(h);
      b.append("    {\"hour\": ").append(h).append(", \"states\": ").append(states(hour.states()));
      b.append(", \"versions\": {");
      sep = "";
      for (Map.Entry<String, Integer> e : hour.versions().entrySet()) {
        b.append(sep).append(JsonString.quote(e.getKey())).append(": ").append(e.getValue());
        sep = ", ";
      }
      b.append("}}").append(h < hours ? "," : "").append('\n');
    }
    b.append("  ],\n");
    b.append("  \"sites\": [\n");
    for (int i = 0; i < sites.size(); i++) {
      Site s = sites.get(i);
      b.append("    {\"site\": ")
          .append(s.site())
          .append(", \"boards\": ")
          .append(s.boards())
          .append(", \"limit_per_hour\": ")
          .append(s.limit())
          .append(", \"requests_per_hour\": ")
          .append(numbers(s.requests()))
          .append(", \"refused_per_hour\": ")
          .append(numbers(s.refused()))
          .append('}')
          .append(i < sites.size() - 1 ? "," : "")
          .append('\n');
    }
    b.append("  ],\n");
    b.append("  \"on_target_changes\": [");
    sep = "";
    for (Map.Entry<Long, Integer> e : onTarget.entrySet()) {
      b.append(sep).append('[').append(e.getKey()).append(", ").append(e.getValue()).append(']');
      sep = ", ";
    }
    b.append("],\n");
    b.append("  \"bricked\": [");
    sep = "\n";
    for (SiteRun.Casualty c : casualties) {
      b.append(sep)
          .append("    {\"board\": ")
          .append(c.board())
          .append(", \"site\": ")
          .append(c.site())
          .append(", \"second\": ")
          .append(c.second())
          .append(", \"state\": ")
          .append(JsonString.quote(c.state().key()))
          .append(", \"problems\": ")
          .append(strings(c.problems()))
          .append(", \"journal\": ")
          .append(strings(c.journal()))
          .append('}');
      sep = ",\n";
    }
    b.append(casualties.isEmpty() ? "]" : "\n  ]");
    if (withRun && run != null) {
      b.append(",\n  \"run\": {\"millis\": ")
          .append(run.millis())
          .append(", \"threads\": ")
          .append(run.threads())
          .append(", \"power_cycles\": ")
          .append(run.cycles())
          .append(", \"power_cycles_done\": ")
          .append(run.done())
          .append(", \"memo_hits\": ")
          .append(run.memoHits())
          .append(", \"cycles_booted\": ")
          .append(run.cyclesRun())
          .append(", \"device_boots\": ")
          .append(run.deviceBoots())
          .append('}');
    }
    b.append("\n}\n");
    return b.toString();
  }

  private static String states(Map<BoardState, Integer> m) {
    StringBuilder b = new StringBuilder("{");
    String sep = "";
    for (BoardState s : BoardState.values()) {
      b.append(sep).append('"').append(s.key()).append("\": ").append(m.get(s));
      sep = ", ";
    }
    return b.append('}').toString();
  }

  private static String numbers(long[] a) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < a.length; i++) {
      b.append(i == 0 ? "" : ", ").append(a[i]);
    }
    return b.append(']').toString();
  }

  private static String strings(List<String> a) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < a.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(JsonString.quote(a.get(i)));
    }
    return b.append(']').toString();
  }

  // ------------------------------------------------------------------ merge

  /**
   * Reads a report {@link #json(boolean)} wrote (a shard's).
   *
   * @throws IllegalArgumentException naming {@code file} and what is wrong with it
   */
  @SuppressWarnings("unchecked")
  public static FleetReport parse(String file, String text) {
    try {
      Map<String, Object> o =
          (Map<String, Object>) JsonReader.parse(file + " is not a fleet report's JSON", text);
      Map<String, String> settings = new LinkedHashMap<>();
      ((Map<String, Object>) o.get("fleet")).forEach((k, v) -> settings.put(k, (String) v));
      Header header = new Header((String) o.get("updater"), (String) o.get("target"), settings);
      int hours = num(o.get("hours"));
      Map<BoardState, Integer> fin = parseStates((Map<String, Object>) o.get("final"));
      List<Hour> hourly = new ArrayList<>();
      for (Object h : (List<Object>) o.get("hourly")) {
        Map<String, Object> hm = (Map<String, Object>) h;
        Map<String, Integer> versions = new TreeMap<>(ReleaseTag.ORDER);
        ((Map<String, Object>) hm.get("versions")).forEach((k, v) -> versions.put(k, num(v)));
        hourly.add(new Hour(parseStates((Map<String, Object>) hm.get("states")), versions));
      }
      List<Site> sites = new ArrayList<>();
      for (Object s : (List<Object>) o.get("sites")) {
        Map<String, Object> sm = (Map<String, Object>) s;
        sites.add(
            new Site(
                num(sm.get("site")),
                num(sm.get("boards")),
                num(sm.get("limit_per_hour")),
                longs((List<Object>) sm.get("requests_per_hour")),
                longs((List<Object>) sm.get("refused_per_hour"))));
      }
      TreeMap<Long, Integer> onTarget = new TreeMap<>();
      for (Object p : (List<Object>) o.get("on_target_changes")) {
        List<Object> pair = (List<Object>) p;
        onTarget.put((long) num(pair.get(0)), num(pair.get(1)));
      }
      List<SiteRun.Casualty> casualties = new ArrayList<>();
      for (Object c : (List<Object>) o.get("bricked")) {
        Map<String, Object> cm = (Map<String, Object>) c;
        casualties.add(
            new SiteRun.Casualty(
                num(cm.get("board")),
                num(cm.get("site")),
                (long) num(cm.get("second")),
                BoardState.ofKey((String) cm.get("state")),
                (List<String>) (List<?>) cm.get("problems"),
                (List<String>) (List<?>) cm.get("journal")));
      }
      List<String> shards = (List<String>) (List<?>) o.get("shards");
      checkCounts(hours, hourly, sites, shards);
      return new FleetReport(
          header,
          num(o.get("boards")),
          hours,
          shards,
          Boolean.TRUE.equals(o.get("complete")),
          fin,
          hourly,
          sites,
          onTarget,
          casualties,
          null);
    } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file
              + " is not a fleet report's JSON (otasim fleet --json writes one): "
              + e.getMessage());
    }
  }

  /**
   * What a shard's report says about its own size must agree with what it holds: the merge sizes
   * its tables from the first report's hours, and a shard from a stranger's CI artifact can say
   * anything (two billion hours, a shard "x").
   */
  private static void checkCounts(
      int hours, List<Hour> hourly, List<Site> sites, List<String> shards) {
    if (hourly.size() != hours + 1) {
      throw new IllegalArgumentException(
          "it says " + hours + " hours but holds " + hourly.size() + " hourly rows");
    }
    for (Site s : sites) {
      if (s.refused().length != s.requests().length) {
        throw new IllegalArgumentException(
            "site " + s.site() + " has a different number of hours of requests and refusals");
      }
    }
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("it names no shard");
    }
    for (String shard : shards) {
      Shard.parse(shard);
    }
  }

  /**
   * Joins the reports of a fleet's shards into one.
   *
   * @throws IllegalArgumentException if they come from different fleets or repeat a shard
   */
  public static FleetReport merge(List<FleetReport> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge: give the shards' JSON reports");
    }
    FleetReport first = parts.get(0);
    Map<BoardState, Integer> fin = zeros();
    List<Hour> hourly = new ArrayList<>();
    for (int h = 0; h <= first.hours; h++) {
      hourly.add(new Hour(zeros(), new TreeMap<>(ReleaseTag.ORDER)));
    }
    List<Site> sites = new ArrayList<>();
    TreeMap<Long, Integer> onTarget = new TreeMap<>();
    List<SiteRun.Casualty> casualties = new ArrayList<>();
    List<String> shards = new ArrayList<>();
    int boards = 0;
    boolean complete = true;
    for (FleetReport p : parts) {
      if (!p.header.equals(first.header) || p.hours != first.hours) {
        throw new IllegalArgumentException(
            "the reports come from different fleets: "
                + p.header.settings()
                + " is not "
                + first.header.settings()
                + "; merge the shards of one run (same seed and options)");
      }
      for (String s : p.shards) {
        if (shards.contains(s)) {
          throw new IllegalArgumentException("shard " + s + " is given twice");
        }
        shards.add(s);
      }
      try {
        // counts a shard lies about must not wrap round into a plausible report
        boards = Math.addExact(boards, p.boards);
        p.finalStates.forEach((k, v) -> fin.merge(k, v, Math::addExact));
        for (int h = 0; h <= first.hours; h++) {
          Hour from = p.hourly.get(h);
          Hour into = hourly.get(h);
          from.states().forEach((k, v) -> into.states().merge(k, v, Math::addExact));
          from.versions().forEach((k, v) -> into.versions().merge(k, v, Math::addExact));
        }
        p.onTarget.forEach((k, v) -> onTarget.merge(k, v, Math::addExact));
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            "the shards' counts add up to more than "
                + Integer.MAX_VALUE
                + "; these are not the reports otasim fleet --json wrote");
      }
      complete &= p.complete;
      sites.addAll(p.sites);
      casualties.addAll(p.casualties);
    }
    onTarget.values().removeIf(v -> v == 0);
    sites.sort(java.util.Comparator.comparingInt(Site::site));
    casualties.sort(
        java.util.Comparator.comparingLong(SiteRun.Casualty::second)
            .thenComparingInt(SiteRun.Casualty::board));
    shards.sort(String::compareTo);
    return new FleetReport(
        first.header,
        boards,
        first.hours,
        shards,
        complete,
        fin,
        hourly,
        sites,
        onTarget,
        casualties,
        null);
  }

  /** Whether every shard of the run is here (1/n to n/n). */
  public boolean allShards() {
    String one = shards.get(0);
    int n = Integer.parseInt(one.substring(one.indexOf('/') + 1));
    return shards.size() == n;
  }

  private static Map<BoardState, Integer> parseStates(Map<String, Object> m) {
    Map<BoardState, Integer> out = zeros();
    m.forEach((k, v) -> out.put(BoardState.ofKey(k), num(v)));
    return out;
  }

  private static int num(Object o) {
    return (int) count(o, Integer.MAX_VALUE);
  }

  private static long[] longs(List<Object> a) {
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = count(a.get(i), Long.MAX_VALUE >> 11);
    }
    return out;
  }

  /** A count the report holds: a whole number from 0 to {@code max}, as the fleet writes them. */
  private static long count(Object o, long max) {
    double d = (Double) Objects.requireNonNull(o, "a number is missing");
    if (!(d >= 0 && d <= max && d == Math.rint(d))) {
      throw new IllegalArgumentException(
          "a count is " + o + ", not a whole number from 0 to " + max);
    }
    return (long) d;
  }

  // ------------------------------------------------------------------ HTML

  /**
   * A page with the states stacked over the hours (inline SVG) and each bricked board's journal.
   */
  public String html() {
    return FleetHtml.page(this);
  }

  Header header() {
    return header;
  }

  int hours() {
    return hours;
  }

  List<Hour> hourly() {
    return hourly;
  }

  List<Site> sites() {
    return sites;
  }

  List<SiteRun.Casualty> casualtyList() {
    return casualties;
  }
}
