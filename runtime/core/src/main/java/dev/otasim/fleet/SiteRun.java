package dev.otasim.fleet;

import dev.otasim.device.SimulatorException;
import dev.otasim.github.ReleaseTag;
import dev.otasim.stubs.flash.Flash;
import dev.otasim.sweep.SweepProgress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * One site's boards through the rollout: their power cycles in virtual-time order, the site's
 * rate-limit windows (one for its IP, one per token) counted exactly as GitHub counts them (an hour
 * from a client's first request), and where each board stands after each cycle.
 */
final class SiteRun {
  /** What every site of a run shares. */
  record Settings(
      World world,
      ReleaseSchedule schedule,
      Boots boots,
      long seed,
      long end,
      double powerCutRate,
      double wifiFailureRate,
      double wifiDropRate,
      Fleet.Tokens tokens,
      int unauthenticatedLimit,
      String target,
      Map<String, Fleet.Start> starts,
      BooleanSupplier stop,
      SweepProgress progress) {}

  /** A board's state from {@code second} on. */
  record Change(long second, BoardState state, String version) {}

  /** A board found bricked (or in a boot loop), with the power cycle's journal. */
  record Casualty(
      int board,
      int site,
      long second,
      BoardState state,
      List<String> problems,
      List<String> journal) {}

  /**
   * A site's run.
   *
   * @param site its number
   * @param limit API requests an hour its boards' client gets
   * @param initial every board's state before its first power cycle
   * @param changes each board's changes, by board number
   * @param requests API requests per virtual hour
   * @param refused of those, refused by the rate limit
   * @param casualties boards found bricked or looping, first time each
   * @param cycles power cycles run
   * @param complete false if a stop request ended it early
   */
  record Result(
      int site,
      int boards,
      int limit,
      Map<Integer, Change> initial,
      Map<Integer, List<Change>> changes,
      long[] requests,
      long[] refused,
      List<Casualty> casualties,
      int cycles,
      boolean complete) {}

  private final Settings s;
  private final int site;
  private final List<Fleet.Board> boards;
  private final List<Fleet.Cycle> cycles;

  SiteRun(Settings settings, int site, List<Fleet.Board> boards, List<Fleet.Cycle> cycles) {
    this.s = settings;
    this.site = site;
    this.boards = boards;
    this.cycles = cycles;
  }

  private static final class BoardNow {
    Flash.Snapshot flash;
    String digest;
    String version;
    BoardState state;
    boolean reported;
  }

  Result run() {
    int hours = (int) (s.end() / 3600);
    long[] requests = new long[hours];
    long[] refused = new long[hours];
    Map<String, long[]> windows = new HashMap<>(); // client -> {start second, used}
    Map<Integer, BoardNow> now = new HashMap<>();
    Map<Integer, Change> initial = new java.util.TreeMap<>();
    Map<Integer, List<Change>> changes = new java.util.TreeMap<>();
    for (Fleet.Board b : boards) {
      Fleet.Start start = s.starts().get(b.start());
      BoardState first = s.target().equals(start.version()) ? BoardState.UPDATED : BoardState.OLD;
      BoardNow n = new BoardNow();
      n.flash = start.flash();
      n.digest = start.digest();
      n.version = start.version();
      n.state = first;
      now.put(b.id(), n);
      initial.put(b.id(), new Change(0, first, start.version()));
      changes.put(b.id(), new ArrayList<>());
    }
    List<Casualty> casualties = new ArrayList<>();
    int ran = 0;
    boolean complete = true;
    for (Fleet.Cycle c : cycles) {
      if (s.stop().getAsBoolean()) {
        complete = false;
        break;
      }
      Fleet.Board b = c.board();
      BoardNow n = now.get(b.id());
      SplittableRandom r = Fleet.random(s.seed(), b.id(), c.number());
      boolean cut = r.nextDouble() < s.powerCutRate();
      double cutWhere = r.nextDouble();
      boolean wifiDown = r.nextDouble() < s.wifiFailureRate();
      boolean drop = r.nextDouble() < s.wifiDropRate();
      int dropAt = drop ? 1 + r.nextInt(4) : 0;
      boolean token = s.tokens() != Fleet.Tokens.NONE;
      String client =
          switch (s.tokens()) {
            case NONE -> "ip";
            case SITE -> "site token";
            case BOARD -> "token of board " + b.id();
          };
      int limit = token ? 5000 : s.unauthenticatedLimit();
      long[] w = windows.get(client);
      if (w != null && c.second() >= w[0] + 3600) {
        w = null;
        windows.remove(client);
      }
      int remaining = w == null ? limit : (int) Math.max(0, limit - w[1]);
      Boots.Moment moment =
          new Boots.Moment(c.second(), w == null ? -1 : w[0], w == null ? 0 : (int) w[1], token);
      Boots.Key key =
          new Boots.Key(
              n.digest,
              b.firmware(),
              b.heap(),
              s.schedule().epoch(c.second()),
              limit,
              wifiDown,
              dropAt,
              -1,
              "");
      Boots.Outcome o = s.boots().cycle(key, remaining, moment, n.flash);
      tooSlow(o, b, c);
      int deviceBoots = o.boots();
      if (cut && !o.cutTargets().isEmpty()) {
        int at = o.cutTargets().get((int) (cutWhere * o.cutTargets().size()));
        o = s.boots().cycle(key.withCut(at), remaining, moment, n.flash);
        tooSlow(o, b, c);
        deviceBoots = o.boots();
      }
      // GitHub's window: an hour from the client's first request; refused requests do not count
      if (o.apiRequests() > 0) {
        if (w == null) {
          w = new long[] {c.second(), 0};
          windows.put(client, w);
        }
        w[1] += o.apiRequests() - o.refused();
      }
      int hour = (int) (c.second() / 3600);
      requests[hour] += o.apiRequests();
      refused[hour] += o.refused();
      BoardState state = classify(n, o);
      n.flash = o.flash();
      n.digest = o.digest();
      String was = n.version;
      n.version = o.version();
      if (state != n.state || !java.util.Objects.equals(was, n.version)) {
        changes.get(b.id()).add(new Change(c.second(), state, n.version));
      }
      n.state = state;
      if ((state == BoardState.BRICKED || state == BoardState.BOOT_LOOP) && !n.reported) {
        n.reported = true;
        casualties.add(new Casualty(b.id(), site, c.second(), state, o.problems(), o.journal()));
      }
      ran++;
      s.progress().pointDone(null, deviceBoots);
    }
    return new Result(
        site,
        boards.size(),
        s.tokens() == Fleet.Tokens.NONE ? s.unauthenticatedLimit() : 5000,
        initial,
        changes,
        requests,
        refused,
        casualties,
        ran,
        complete);
  }

  /**
   * Ends the run if a boot passed the time limit: whether it does depends on the machine's load
   * (waiting counts in wall-clock time), so counting it as hung would make the report depend on
   * more than the seed.
   */
  private void tooSlow(Boots.Outcome o, Fleet.Board b, Fleet.Cycle c) {
    if (o.hung()) {
      throw new SimulatorException(
          "board "
              + b.id()
              + "'s power cycle at "
              + c.second() / 3600
              + String.format(java.util.Locale.ROOT, ":%02d", c.second() / 60 % 60)
              + " (site "
              + site
              + ") passed the boot time limit of "
              + s.boots().limit().toMillis()
              + " ms twice; a fleet counts no boot as hung, since that depends on how loaded the"
              + " machine is, not on the seed. Rerun with fewer --threads or on a less busy"
              + " machine; if it happens again, the updater itself may hang: run one board with"
              + " otasim run to see where");
    }
  }

  private BoardState classify(BoardNow before, Boots.Outcome o) {
    if (!o.problems().isEmpty()) {
      return BoardState.BRICKED;
    }
    if (o.bootLoop()) {
      return BoardState.BOOT_LOOP;
    }
    if (s.target().equals(o.version())) {
      return BoardState.UPDATED;
    }
    if (before.version != null
        && o.version() != null
        && ReleaseTag.ORDER.compare(o.version(), before.version) < 0) {
      return BoardState.ROLLED_BACK;
    }
    if (o.refused() > 0) {
      return BoardState.STALLED;
    }
    if (o.staging()) {
      return BoardState.UPDATING;
    }
    return BoardState.OLD;
  }
}
