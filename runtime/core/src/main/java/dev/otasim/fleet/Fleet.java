package dev.otasim.fleet;

import dev.otasim.device.Device;
import dev.otasim.device.SimulatorException;
import dev.otasim.stubs.flash.Flash;
import dev.otasim.sweep.Shard;
import dev.otasim.sweep.SweepProgress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * A fleet of simulated boards updating from the same GitHub over virtual hours: each board powers
 * on at its own time in the first hour and again at every interval, runs the world's updater until
 * it settles, and counts against its site's rate limit (boards of a site share one public IP).
 *
 * <p>Sites share nothing but the release schedule, a pure function of time, so each site runs on
 * its own, its boards' power cycles in virtual-time order (ties by board number), on whichever
 * thread; every random draw comes from a stream seeded by the fleet's seed and the board's and
 * cycle's numbers. The report is the same for a seed on any number of threads and in shards.
 *
 * <pre>{@code
 * FleetReport report = Fleet.builder(World.demo()).setBoards(100).setSeed(1)
 *     .setPowerCutRate(0.01).build().run();
 * assertThat(report.finalCount(BoardState.BRICKED)).isZero();
 * }</pre>
 */
public final class Fleet {
  /** Who carries a GitHub token. */
  public enum Tokens {
    /** Nobody: every site's boards share its IP's 60 requests an hour. */
    NONE,
    /** One token per site: the site's boards share its 5000 an hour. */
    SITE,
    /** One token per board: 5000 an hour each. */
    BOARD
  }

  private final Builder b;

  private Fleet(Builder b) {
    this.b = b.copy(); // a builder changed after build() does not change this fleet
  }

  public static Builder builder(World world) {
    return new Builder(world);
  }

  /** One board's draw: where it sits and what it is. */
  record Board(int id, int site, long firstSecond, String firmware, int heap, String start) {}

  /** A flash boards start from, its digest and the version it names. */
  record Start(Flash.Snapshot flash, String digest, String version) {}

  /** One power cycle to run. */
  record Cycle(long second, Board board, int number) {}

  /** Runs the fleet (this shard's sites) and reports. */
  public FleetReport run() {
    long t0 = System.nanoTime();
    Device.warmUp();
    World world = b.world;
    ReleaseSchedule schedule =
        b.schedule.isEmpty()
            ? ReleaseSchedule.allAtStart(world.tags())
            : new ReleaseSchedule(
                b.schedule.stream()
                    .map(e -> new ReleaseSchedule.Entry(e.tag(), e.second(), e.prerelease()))
                    .toList());
    long end = b.hours * 3600L;
    String target = schedule.latest(end);
    if (target == null) {
      throw new IllegalArgumentException(
          "no release is published (not as a prerelease) within the "
              + b.hours
              + " h simulated; publish one earlier or simulate longer (--hours)");
    }
    Map<String, Start> starts = new LinkedHashMap<>();
    if (b.starts.isEmpty()) {
      starts.put(null, start(world, null));
    } else {
      for (String tag : b.starts.keySet()) {
        starts.put(tag, start(world, tag));
      }
    }
    Boots boots = new Boots(world, schedule, b.memo, b.bootTimeLimit);
    List<Board> boards = new ArrayList<>();
    for (int id = 0; id < b.boards; id++) {
      SplittableRandom r = random(b.seed, id, -1);
      long first = b.spreadSeconds == 0 ? 0 : r.nextLong(b.spreadSeconds);
      String firmware = pick(r, b.firmware);
      int heap = pick(r, b.heaps);
      // drawn last, so that a fleet without a start mix draws as it always did
      String startTag = b.starts.isEmpty() ? null : pick(r, b.starts);
      boards.add(new Board(id, id % b.sites, first, firmware, heap, startTag));
    }
    List<Integer> sites = new ArrayList<>();
    for (int s = 0; s < b.sites; s++) {
      if (b.shard.holds(s)) {
        sites.add(s);
      }
    }
    int planned = 0;
    for (Board board : boards) {
      if (b.shard.holds(board.site())) {
        planned += cycles(board, end).size();
      }
    }
    SiteRun.Settings settings =
        new SiteRun.Settings(
            world,
            schedule,
            boots,
            b.seed,
            end,
            b.powerCutRate,
            b.wifiFailureRate,
            b.wifiDropRate,
            b.tokens,
            b.unauthenticatedLimit,
            target,
            starts,
            b.stop,
            told(b.progress));
    b.progress.started(planned);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            b.threads,
            r -> {
              Thread t = new Thread(r, "otasim-fleet");
              t.setDaemon(true);
              return t;
            });
    List<SiteRun.Result> results = new ArrayList<>();
    try {
      List<Future<SiteRun.Result>> futures = new ArrayList<>();
      for (int s : sites) {
        List<Board> mine = boards.stream().filter(x -> x.site() == s).toList();
        List<Cycle> cycles = new ArrayList<>();
        mine.forEach(x -> cycles.addAll(cycles(x, end)));
        cycles.sort(Comparator.comparingLong(Cycle::second).thenComparingInt(c -> c.board().id()));
        futures.add(pool.submit(() -> new SiteRun(settings, s, mine, cycles).run()));
      }
      for (Future<SiteRun.Result> f : futures) {
        results.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the fleet was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SimulatorException tooSlow) {
        throw tooSlow;
      }
      throw new IllegalStateException(
          "a site's run failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
      boots.close();
    }
    boolean complete = results.stream().allMatch(SiteRun.Result::complete);
    if (!complete) {
      b.progress.stopped();
    }
    FleetReport.Run run =
        new FleetReport.Run(
            (System.nanoTime() - t0) / 1_000_000,
            b.threads,
            planned,
            results.stream().mapToInt(SiteRun.Result::cycles).sum(),
            boots.hits(),
            boots.runs(),
            boots.deviceBoots());
    return FleetReport.of(
        describe(target), b.boards, b.hours, target, b.shard, results, complete, run);
  }

  private FleetReport.Header describe(String target) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("updater", b.world.name());
    settings.put("seed", Long.toString(b.seed));
    settings.put("boards", Integer.toString(b.boards));
    settings.put("sites", Integer.toString(b.sites));
    settings.put("hours", Integer.toString(b.hours));
    settings.put("power_cut_rate", Double.toString(b.powerCutRate));
    settings.put("wifi_failure_rate", Double.toString(b.wifiFailureRate));
    settings.put("wifi_drop_rate", Double.toString(b.wifiDropRate));
    settings.put("interval_s", Long.toString(b.intervalSeconds));
    settings.put("spread_s", Long.toString(b.spreadSeconds));
    settings.put("tokens", b.tokens.name().toLowerCase(java.util.Locale.ROOT));
    settings.put("limit", Integer.toString(b.unauthenticatedLimit));
    settings.put("firmware", b.firmware.toString());
    settings.put("heap", b.heaps.toString());
    if (!b.starts.isEmpty()) {
      settings.put("start", b.starts.toString());
    }
    StringBuilder sched = new StringBuilder();
    for (Planned e : b.schedule) {
      sched.append(e.tag()).append(e.prerelease() ? " pre@" : "@").append(e.second()).append(' ');
    }
    settings.put("schedule", sched.toString().strip());
    return new FleetReport.Header(b.world.name(), target, settings);
  }

  private List<Cycle> cycles(Board board, long end) {
    List<Cycle> out = new ArrayList<>();
    int n = 0;
    for (long t = board.firstSecond(); t < end; t += b.intervalSeconds) {
      out.add(new Cycle(t, board, n++));
    }
    return out;
  }

  /** The flash boards start from: the world's, or {@code tag} installed on it (a start mix). */
  private Start start(World world, String tag) {
    Device d = Device.create(world.config());
    d.flash().restore(tag == null ? world.startingFlash() : world.startingFlash(tag, d.flash()));
    if (b.tokens != Tokens.NONE && world.tokenOnBoard()) {
      d.flash()
          .put(
              world.appDir().replaceAll("/+$", "") + "/secrets.json",
              ("{\"github_token\": \"" + Boots.TOKEN + "\"}").getBytes(StandardCharsets.UTF_8));
    }
    return new Start(d.flash().snapshot(), Boots.digest(d.flash()), world.version(d.flash()));
  }

  /** The progress display, told one thing at a time: sites end their cycles on many threads. */
  private static SweepProgress told(SweepProgress progress) {
    return new SweepProgress() {
      @Override
      public synchronized void started(int points) {
        progress.started(points);
      }

      @Override
      public synchronized void pointDone(dev.otasim.sweep.CutResult result, int boots) {
        progress.pointDone(result, boots);
      }

      @Override
      public synchronized void stopped() {
        progress.stopped();
      }
    };
  }

  /** A stream of its own for each board ({@code cycle} -1) and each of its power cycles. */
  static SplittableRandom random(long seed, int board, int cycle) {
    long h = mix(seed ^ 0x6f7461_73696dL);
    h = mix(h + board * 0x9E3779B97F4A7C15L);
    h = mix(h + (cycle + 1L) * 0xC2B2AE3D27D4EB4FL);
    return new SplittableRandom(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private static <T> T pick(SplittableRandom r, Map<T, Integer> weights) {
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    int x = r.nextInt(total);
    for (Map.Entry<T, Integer> e : weights.entrySet()) {
      x -= e.getValue();
      if (x < 0) {
        return e.getKey();
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** A release the builder was asked to publish, checked when it builds. */
  private record Planned(String tag, long second, boolean prerelease) {}

  /**
   * Configures a {@link Fleet}. Setters only record; {@link #build} checks everything at once and
   * names the setting and the fix ({@link FleetWording}).
   */
  public static final class Builder {
    private final World world;
    private int boards = 100;
    private long seed = 1;
    private int sites = 1;
    private int hours = 24;
    private double powerCutRate;
    private double wifiFailureRate;
    private double wifiDropRate;
    private long spreadSeconds = 3600;
    private long intervalSeconds = 3600;
    private Tokens tokens = Tokens.NONE;
    private int unauthenticatedLimit = 60;
    private final Map<String, Integer> firmware = new LinkedHashMap<>();
    private final Map<Integer, Integer> heaps = new LinkedHashMap<>();
    private final Map<String, Integer> starts = new LinkedHashMap<>();
    private final List<Planned> schedule = new ArrayList<>();
    private int threads = Runtime.getRuntime().availableProcessors();
    private Shard shard = Shard.ALL;
    private boolean memo = true;
    private java.time.Duration bootTimeLimit = Boots.BOOT_TIME_LIMIT;
    private BooleanSupplier stop = () -> false;
    private SweepProgress progress = SweepProgress.NONE;

    private Builder(World world) {
      this.world = Objects.requireNonNull(world, "world");
    }

    /** Boards in the fleet, at least 1. Default 100. */
    public Builder setBoards(int n) {
      this.boards = n;
      return this;
    }

    public Builder setSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Sites (NAT groups, one public IP each); board i sits at site i mod K. Default 1. */
    public Builder setSites(int k) {
      this.sites = k;
      return this;
    }

    /** Virtual hours simulated. Default 24. */
    public Builder setHours(int hours) {
      this.hours = hours;
      return this;
    }

    /** The chance that power fails during a power cycle, at one of its events drawn evenly. */
    public Builder setPowerCutRate(double p) {
      this.powerCutRate = p;
      return this;
    }

    /** The chance that a power cycle finds no Wi-Fi at all (the board's access point is gone). */
    public Builder setWifiFailureRate(double p) {
      this.wifiFailureRate = p;
      return this;
    }

    /** The chance that the link drops in the middle of one of a cycle's first four requests. */
    public Builder setWifiDropRate(double p) {
      this.wifiDropRate = p;
      return this;
    }

    /** Boards first power on at a time drawn evenly over this many seconds. Default 3600. */
    public Builder setPowerOnSpread(long seconds) {
      this.spreadSeconds = seconds;
      return this;
    }

    /** A board powers on (reboots, wakes) again every this many seconds. Default 3600. */
    public Builder setInterval(long seconds) {
      this.intervalSeconds = seconds;
      return this;
    }

    /**
     * Who carries a token. The demo's boards get one in {@code secrets.json}; a board folder's
     * updater sends its own (the world's token): this says whose it is, a site's or a board's.
     */
    public Builder setTokens(Tokens tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    /**
     * API requests an hour per IP without a token. GitHub's: 60. It limits GitHub's API hosts only:
     * raw.githubusercontent.com, codeload and servers of one's own have no such limit.
     */
    public Builder setRateLimit(int perHour) {
      this.unauthenticatedLimit = perHour;
      return this;
    }

    /** Adds a firmware version to the mix with a weight; the default is the world's firmware. */
    public Builder firmware(String version, int weight) {
      firmware.put(Objects.requireNonNull(version, "version"), weight);
      return this;
    }

    /** Adds a heap size to the mix with a weight; the default is the world's heap. */
    public Builder heap(int bytes, int weight) {
      heaps.put(bytes, weight);
      return this;
    }

    /**
     * Adds a starting version to the mix with a weight: boards drawn for it leave the factory with
     * that release installed. The default is the world's starting flash.
     */
    public Builder start(String tag, int weight) {
      starts.put(Objects.requireNonNull(tag, "tag"), weight);
      return this;
    }

    /**
     * Publishes {@code tag} at {@code second} (a prerelease if asked; publish it again later to
     * promote it). Tags never scheduled are not published; with no schedule at all, every tag is
     * published at 0. Servers of one's own serve the new version from its publication on.
     */
    public Builder publish(String tag, long second, boolean prerelease) {
      schedule.add(new Planned(Objects.requireNonNull(tag, "tag"), second, prerelease));
      return this;
    }

    public Builder setThreads(int threads) {
      this.threads = threads;
      return this;
    }

    /** Runs only the sites whose number (from 0) is {@code index - 1} modulo {@code count}. */
    public Builder setShard(Shard shard) {
      this.shard = Objects.requireNonNull(shard, "shard");
      return this;
    }

    /** Whether power cycles with the same inputs replay the first one's outcome. Default true. */
    public Builder setMemo(boolean memo) {
      this.memo = memo;
      return this;
    }

    /**
     * Each boot's time limit (tests force it to pass). Default 60 s. A boot that passes it ends the
     * run with a {@link SimulatorException}: it is never counted as hung.
     */
    Builder setBootTimeLimit(java.time.Duration limit) {
      this.bootTimeLimit = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /** Asked before each power cycle: once true, sites stop and the report is partial. */
    public Builder setStop(BooleanSupplier stop) {
      this.stop = Objects.requireNonNull(stop, "stop");
      return this;
    }

    /** Told the planned power cycles, then each as it ends. */
    public Builder setProgress(SweepProgress progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    private Builder copy() {
      Builder c = new Builder(world);
      c.boards = boards;
      c.seed = seed;
      c.sites = sites;
      c.hours = hours;
      c.powerCutRate = powerCutRate;
      c.wifiFailureRate = wifiFailureRate;
      c.wifiDropRate = wifiDropRate;
      c.spreadSeconds = spreadSeconds;
      c.intervalSeconds = intervalSeconds;
      c.tokens = tokens;
      c.unauthenticatedLimit = unauthenticatedLimit;
      c.firmware.putAll(firmware);
      c.heaps.putAll(heaps);
      c.starts.putAll(starts);
      c.schedule.addAll(schedule);
      c.threads = threads;
      c.shard = shard;
      c.memo = memo;
      c.bootTimeLimit = bootTimeLimit;
      c.stop = stop;
      c.progress = progress;
      return c;
    }

    /**
     * The fleet, its settings checked.
     *
     * @throws IllegalArgumentException naming the first setting that is wrong and the fix
     */
    public Fleet build() {
      return build(FleetWording.API);
    }

    /**
     * {@link #build()}, naming the settings as {@code say} does (the command line's flags).
     *
     * @throws IllegalArgumentException naming the first setting that is wrong and the fix
     */
    public Fleet build(FleetWording say) {
      validate(Objects.requireNonNull(say, "say"));
      Builder c = copy();
      if (c.firmware.isEmpty()) {
        c.firmware.put(world.config().firmware().toString(), 1);
      }
      if (c.heaps.isEmpty()) {
        c.heaps.put(world.config().heapBytes(), 1);
      }
      return new Fleet(c);
    }

    /** Every check of the settings, in one place. */
    private void validate(FleetWording say) {
      atLeast(
          say.boards(), boards, 1, "a fleet needs at least 1 board; give a number such as 1000");
      atLeast(say.sites(), sites, 1, "boards sit at 1 site or more; give a number such as 50");
      atLeast(say.hours(), hours, 1, "simulate at least 1 hour; give a number such as 24");
      atLeast(say.threads(), threads, 1, "sites run on 1 thread or more; give a number such as 2");
      atLeast(
          say.rateLimit(), unauthenticatedLimit, 0, "a limit is 0 requests an hour or more (60)");
      if (intervalSeconds < 1) {
        throw new IllegalArgumentException(
            say.interval()
                + " "
                + intervalSeconds
                + " s: boards power on again at least 1 s apart; give an interval such as 3600 s");
      }
      if (spreadSeconds < 0) {
        throw new IllegalArgumentException(
            say.spread()
                + " "
                + spreadSeconds
                + " s is negative; give 0 (all at once) or a time such as 3600 s");
      }
      rate(say.powerCutRate(), powerCutRate);
      rate(say.wifiFailureRate(), wifiFailureRate);
      rate(say.wifiDropRate(), wifiDropRate);
      weights(say.firmware(), firmware);
      weights(say.heap(), heaps);
      weights(say.start(), starts);
      for (String tag : starts.keySet()) {
        if (!world.tags().contains(tag)) {
          throw new IllegalArgumentException(
              "no release "
                  + tag
                  + " to start boards on; the releases are "
                  + String.join(", ", world.tags()));
        }
      }
      for (Planned e : schedule) {
        if (!world.tags().contains(e.tag())) {
          throw new IllegalArgumentException(
              "no release "
                  + e.tag()
                  + " to publish; the releases are "
                  + String.join(", ", world.tags()));
        }
        if (e.second() < 0) {
          throw new IllegalArgumentException(
              say.publish()
                  + " "
                  + e.tag()
                  + " at "
                  + e.second()
                  + " s: the rollout starts at 0; publish it at 0 or later");
        }
      }
      if (tokens != Tokens.NONE && world.token() == null) {
        throw new IllegalArgumentException(
            say.tokens()
                + " "
                + tokens.name().toLowerCase(java.util.Locale.ROOT)
                + ": the boards' updater sends a token of its own; give "
                + say.token()
                + " T, the one your board folder's updater sends, for the fake GitHub to accept");
      }
      if (tokens == Tokens.NONE && world.token() != null && !world.tokenOnBoard()) {
        throw new IllegalArgumentException(
            say.token()
                + " is the token your boards' updater sends: say whose it is with "
                + say.tokens()
                + " site (one per site) or board (one per board)");
      }
    }

    private static void atLeast(String what, long n, long min, String fix) {
      if (n < min) {
        throw new IllegalArgumentException(what + " " + n + ": " + fix);
      }
    }

    private static void rate(String what, double p) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException(
            what + " " + p + " is no chance; give one between 0 and 1, such as 0.01 for 1%");
      }
    }

    private static <T> void weights(String what, Map<T, Integer> mix) {
      mix.forEach(
          (k, w) -> {
            if (w < 1) {
              throw new IllegalArgumentException(
                  what + " " + k + ":" + w + ": a mix's weight is at least 1, such as " + k + ":3");
            }
          });
    }
  }
}
