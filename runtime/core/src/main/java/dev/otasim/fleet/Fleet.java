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
            : new ReleaseSchedule(b.schedule);
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
    for (ReleaseSchedule.Entry e : b.schedule) {
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
    if (b.tokens != Tokens.NONE) {
      d.flash()
          .put(
              world.appDir() + "/secrets.json",
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

  /** Configures a {@link Fleet}. */
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
    private final List<ReleaseSchedule.Entry> schedule = new ArrayList<>();
    private int threads = Runtime.getRuntime().availableProcessors();
    private Shard shard = Shard.ALL;
    private boolean memo = true;
    private java.time.Duration bootTimeLimit = Boots.BOOT_TIME_LIMIT;
    private BooleanSupplier stop = () -> false;
    private SweepProgress progress = SweepProgress.NONE;

    private Builder(World world) {
      this.world = Objects.requireNonNull(world, "world");
    }

    public Builder setBoards(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("boards (" + n + ") must be at least 1");
      }
      this.boards = n;
      return this;
    }

    public Builder setSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Sites (NAT groups, one public IP each); board i sits at site i mod K. Default 1. */
    public Builder setSites(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("sites (" + k + ") must be at least 1");
      }
      this.sites = k;
      return this;
    }

    /** Virtual hours simulated. Default 24. */
    public Builder setHours(int hours) {
      if (hours < 1) {
        throw new IllegalArgumentException("hours (" + hours + ") must be at least 1");
      }
      this.hours = hours;
      return this;
    }

    /** The chance that power fails during a power cycle, at one of its events drawn evenly. */
    public Builder setPowerCutRate(double p) {
      this.powerCutRate = rate("power cut rate", p);
      return this;
    }

    /** The chance that a power cycle finds no Wi-Fi at all (the board's access point is gone). */
    public Builder setWifiFailureRate(double p) {
      this.wifiFailureRate = rate("Wi-Fi failure rate", p);
      return this;
    }

    /** The chance that the link drops in the middle of one of a cycle's first four requests. */
    public Builder setWifiDropRate(double p) {
      this.wifiDropRate = rate("Wi-Fi drop rate", p);
      return this;
    }

    /** Boards first power on at a time drawn evenly over this many seconds. Default 3600. */
    public Builder setPowerOnSpread(long seconds) {
      if (seconds < 0) {
        throw new IllegalArgumentException("power-on spread (" + seconds + " s) is negative");
      }
      this.spreadSeconds = seconds;
      return this;
    }

    /** A board powers on (reboots, wakes) again every this many seconds. Default 3600. */
    public Builder setInterval(long seconds) {
      if (seconds < 1) {
        throw new IllegalArgumentException("interval (" + seconds + " s) must be at least 1 s");
      }
      this.intervalSeconds = seconds;
      return this;
    }

    public Builder setTokens(Tokens tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    /** API requests an hour per IP without a token. GitHub's: 60. */
    public Builder setRateLimit(int perHour) {
      if (perHour < 0) {
        throw new IllegalArgumentException("rate limit (" + perHour + ") is negative");
      }
      this.unauthenticatedLimit = perHour;
      return this;
    }

    /** Adds a firmware version to the mix with a weight; the default is the world's firmware. */
    public Builder firmware(String version, int weight) {
      firmware.put(Objects.requireNonNull(version, "version"), weight(weight));
      return this;
    }

    /** Adds a heap size to the mix with a weight; the default is the world's heap. */
    public Builder heap(int bytes, int weight) {
      heaps.put(bytes, weight(weight));
      return this;
    }

    /**
     * Adds a starting version to the mix with a weight: boards drawn for it leave the factory with
     * that release installed. The default is the world's starting flash.
     */
    public Builder start(String tag, int weight) {
      if (!world.releases().containsKey(tag)) {
        throw new IllegalArgumentException(
            "no release "
                + tag
                + " to start boards on; the releases are "
                + String.join(", ", world.tags()));
      }
      starts.put(tag, weight(weight));
      return this;
    }

    /**
     * Publishes {@code tag} at {@code second} (a prerelease if asked; publish it again later to
     * promote it). Tags never scheduled are not published; with no schedule at all, every tag is
     * published at 0.
     */
    public Builder publish(String tag, long second, boolean prerelease) {
      if (!world.releases().containsKey(tag)) {
        throw new IllegalArgumentException(
            "no release "
                + tag
                + " to publish; the releases are "
                + String.join(", ", world.tags()));
      }
      schedule.add(new ReleaseSchedule.Entry(tag, second, prerelease));
      return this;
    }

    public Builder setThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads (" + threads + ") must be at least 1");
      }
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

    public Fleet build() {
      if (firmware.isEmpty()) {
        firmware.put(world.config().firmware().toString(), 1);
      }
      if (heaps.isEmpty()) {
        heaps.put(world.config().heapBytes(), 1);
      }
      return new Fleet(this);
    }

    private static double rate(String what, double p) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException(what + " (" + p + ") must be between 0 and 1");
      }
      return p;
    }

    private static int weight(int w) {
      if (w < 1) {
        throw new IllegalArgumentException("a mix's weight (" + w + ") must be at least 1");
      }
      return w;
    }
  }
}
