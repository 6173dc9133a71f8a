package dev.otasim.sweep;

import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.stubs.journal.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Cuts power before every event of a scenario, one run per cut point, and checks that the board
 * comes back (DESIGN §8). The same engine injects other faults ({@link Injection}): a full flash
 * before every write.
 *
 * <p>The scenario runs once without a fault to count its journal events; then, for each index k the
 * fault can target, it runs again from the same starting flash with the fault injected just before
 * event k, lets the board boot until it settles (bounded), and checks the {@link OtaInvariants}.
 *
 * <p>A point whose fault falls in boot b does not replay boots 1..b-1: the clean run saves, at the
 * start of each boot, what the board and the fake GitHub carry into it ({@link Device#snapshot()},
 * {@link dev.otasim.github.FakeGitHub#snapshot()}), and the point starts from there. The simulation
 * is deterministic, and each point checks it: its events before the fault must be the clean run's,
 * or the sweep stops with a {@link NotDeterministicException} naming the first event that differs.
 * {@link Builder#setReplayFromStart} runs every point from the first boot instead.
 *
 * <pre>{@code
 * SweepReport report = PowerCutSweep.builder(DemoSweep::create, DemoSweep.invariants()).build().run();
 * assertThat(report.bricked()).isEmpty();
 * }</pre>
 */
public final class PowerCutSweep {
  private final String name;
  private final Supplier<? extends SweepScenario> scenarios;
  private final OtaInvariants invariants;
  private final Injection injection;
  private final int threads;
  private final int extraBoots;
  private final Consumer<CutResult> listener;
  private final SweepProgress progress;
  private final int shardIndex;
  private final int shardCount;
  private final boolean replayFromStart;
  private final BooleanSupplier stop;

  /** Where a boot of the clean run started: what the device and the fake GitHub carried into it. */
  private record BootStart(
      int journalSize, Device.Snapshot device, dev.otasim.github.FakeGitHub.Snapshot github) {}

  /** A point's result, and how many boots it ran itself. */
  private record Ran(CutResult result, int boots) {}

  /** What every point needs from the clean run. */
  private record Clean(List<Event> events, List<String> lines, List<BootStart> starts) {}

  private PowerCutSweep(Builder b) {
    this.name = b.name;
    this.scenarios = b.scenarios;
    this.invariants = b.invariants;
    this.injection = b.injection;
    this.threads = b.threads;
    this.extraBoots = b.extraBoots;
    this.listener = b.listener;
    this.progress = b.progress;
    this.shardIndex = b.shardIndex;
    this.shardCount = b.shardCount;
    this.replayFromStart = b.replayFromStart;
    this.stop = b.stop;
  }

  /**
   * A sweep of a scenario.
   *
   * @param scenarios makes a fresh run of the scenario, every call
   * @param invariants what recovered means
   */
  public static Builder builder(
      Supplier<? extends SweepScenario> scenarios, OtaInvariants invariants) {
    return new Builder(scenarios, invariants);
  }

  /** Runs the clean run and every injection point. */
  public SweepReport run() {
    long t0 = System.nanoTime();
    List<Event> clean;
    List<dev.otasim.github.Exchange> cleanExchanges;
    List<String> initialFiles;
    int cleanBoots;
    List<String> cleanViolations;
    long cleanPeakBlocks;
    List<BootStart> starts = new ArrayList<>();
    try (SweepScenario s = scenarios.get()) {
      Device d = s.device();
      initialFiles = List.copyOf(d.flash().files().keySet());
      long before = usedBlocks(d);
      // as Device.runUntilSettled, saving the state at the start of each boot
      List<BootResult> run = new ArrayList<>();
      do {
        if (!replayFromStart) {
          starts.add(new BootStart(d.journal().size(), d.snapshot(), s.github().snapshot()));
        }
        run.add(d.boot());
      } while (run.get(run.size() - 1).outcome().restarts() && run.size() < d.config().maxBoots());
      clean = d.journal().events();
      cleanExchanges = s.github().exchanges();
      cleanBoots = run.size();
      cleanPeakBlocks = Math.max(before, usedBlocks(d));
      cleanViolations =
          invariants.violations(
              d, run, run.size(), cleanPeakBlocks + invariants.growthSlackBlocks(), false);
    } catch (Exception e) {
      throw new IllegalStateException("the scenario's clean run failed: " + e.getMessage(), e);
    }
    List<Injection.Point> all = injection.points(clean, cleanExchanges, initialFiles);
    List<Injection.Point> points = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (i % shardCount == shardIndex - 1) {
        points.add(all.get(i));
      }
    }
    int bootBound = cleanBoots + extraBoots;
    long blockBound = cleanPeakBlocks + invariants.growthSlackBlocks();
    Clean cleanRun = new Clean(clean, clean.stream().map(Event::toString).toList(), starts);
    List<CutResult> results = new ArrayList<>();
    List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "otasim-sweep");
              t.setDaemon(true);
              workers.add(t);
              return t;
            });
    progress.started(points.size());
    Object told = new Object(); // one progress call at a time
    try {
      List<Future<CutResult>> futures = new ArrayList<>();
      for (Injection.Point p : points) {
        futures.add(
            pool.submit(
                () -> {
                  // asked to stop (Ctrl-C): no new point starts; those running end as ever
                  if (stop.getAsBoolean()) {
                    return null;
                  }
                  Ran ran = injectAt(p, cleanRun, bootBound, blockBound);
                  synchronized (told) {
                    progress.pointDone(ran.result(), ran.boots());
                  }
                  return ran.result();
                }));
      }
      for (Future<CutResult> f : futures) {
        CutResult r = f.get();
        if (r == null) {
          continue;
        }
        results.add(r);
        if (listener != null) {
          listener.accept(r);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the sweep was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof NotDeterministicException nd) {
        throw new NotDeterministicException(nd.getMessage());
      }
      throw new IllegalStateException("a cut point failed to run: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
      awaitQuietly(pool, workers);
    }
    if (results.size() < points.size()) {
      progress.stopped();
    }
    results.sort(Comparator.comparingInt(CutResult::index));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    return new SweepReport(
        name,
        injection.describe(),
        invariants.oldVersion(),
        invariants.newVersion(),
        clean.stream().map(Event::toString).toList(),
        cleanBoots,
        cleanViolations,
        results,
        threads,
        millis,
        points.size());
  }

  private Ran injectAt(Injection.Point point, Clean clean, int bootBound, long blockBound) {
    int k = point.index();
    int restored = 0;
    List<String> lines;
    CutResult result;
    try (SweepScenario s = scenarios.get()) {
      Device d = s.device();
      // Armed first, then restored: a restore keeps armed faults and recounts fault rules over the
      // requests it puts back. The first boot's start is the fresh scenario itself.
      Injection.Armed armed = point.arm().apply(s);
      BootStart start = startFor(clean.starts(), k);
      List<BootResult> run = new ArrayList<>();
      if (start != null) {
        d.restore(start.device());
        s.github().restore(start.github());
        run.addAll(start.device().boots());
        restored = run.size();
      }
      while (run.size() < bootBound + 1) {
        run.add(d.boot());
        if (!run.get(run.size() - 1).outcome().restarts()) {
          break;
        }
      }
      // An update left pending is not stranded if the next power cycle finishes it: boot once
      // more, as a person unplugging the board would, before judging.
      if (!run.get(run.size() - 1).outcome().restarts() && invariants.hasStaging(d)) {
        int limit = run.size() + bootBound;
        do {
          run.add(d.boot());
        } while (run.get(run.size() - 1).outcome().restarts() && run.size() < limit);
      }
      List<Event> events = d.journal().events();
      int boot = 0;
      for (int i = 0; i < Math.min(k + 1, events.size()); i++) {
        if (events.get(i) instanceof Event.Boot b) {
          boot = b.number();
        }
      }
      List<String> reasons = new ArrayList<>();
      if (!armed.fired()) {
        reasons.add(
            "the fault point was not reached: the scenario is not deterministic up to event " + k);
      }
      reasons.addAll(
          invariants.violations(
              d, run, 2 * bootBound, blockBound, injection.allowsPendingUpdate()));
      String version = invariants.finalVersion(d);
      Verdict verdict =
          !reasons.isEmpty()
              ? Verdict.BRICKED
              : invariants.newVersion().equals(version)
                  ? Verdict.RECOVERED_NEW
                  : Verdict.RECOVERED_OLD;
      lines = events.stream().map(Event::toString).toList();
      result =
          new CutResult(
              k,
              point.description(),
              boot,
              verdict,
              List.copyOf(reasons),
              run.size(),
              version,
              verdict == Verdict.BRICKED
                  ? lines.subList(Math.max(0, lines.size() - 12), lines.size())
                  : List.of(),
              verdict == Verdict.BRICKED ? d.flash().tree() : "");
    } catch (Exception e) {
      throw new IllegalStateException("fault point " + k + ": " + e.getMessage(), e);
    }
    checkSamePrefix(point, clean.lines(), lines);
    return new Ran(result, result.boots() - restored);
  }

  /** The latest boot start at or before event {@code k}, or null for the first boot. */
  private static BootStart startFor(List<BootStart> starts, int k) {
    BootStart found = null;
    for (int b = 1; b < starts.size(); b++) {
      if (starts.get(b).journalSize() <= k) {
        found = starts.get(b);
      }
    }
    return found;
  }

  /**
   * A point's run must repeat the clean run up to its fault: otherwise the scenario does something
   * else on every run and no verdict means anything.
   */
  private static void checkSamePrefix(Injection.Point point, List<String> clean, List<String> run) {
    int k = point.index();
    for (int i = 0; i < k && i < clean.size(); i++) {
      String here = i < run.size() ? run.get(i) : null;
      if (!clean.get(i).equals(here)) {
        throw new NotDeterministicException(
            "the scenario is not deterministic: the run for fault point "
                + k
                + " ("
                + point.description()
                + ") differs from the clean run before its fault, first at event "
                + i
                + ": the clean run has \""
                + clean.get(i)
                + "\", this run "
                + (here == null ? "has no event there" : "has \"" + here + "\"")
                + ". A sweep needs an updater that does the same on every run: look for random"
                + " numbers (os.urandom, random), time it did not get from the board, or state the"
                + " scenario keeps outside the device and the fake GitHub.");
      }
    }
  }

  private static long usedBlocks(Device d) {
    return d.flash().blockCount() - d.flash().blocks()[1];
  }

  /** Configures a {@link PowerCutSweep}. */
  public static final class Builder {
    /** Boots allowed beyond the clean run's before a run counts as a boot loop. */
    public static final int DEFAULT_EXTRA_BOOTS = 6;

    private final Supplier<? extends SweepScenario> scenarios;
    private final OtaInvariants invariants;
    private String name = "scenario";
    private Injection injection = new Injection.PowerCut();
    private int threads = Runtime.getRuntime().availableProcessors();
    private int extraBoots = DEFAULT_EXTRA_BOOTS;
    private Consumer<CutResult> listener;
    private SweepProgress progress = SweepProgress.NONE;
    private int shardIndex = 1;
    private int shardCount = 1;
    private boolean replayFromStart;
    private BooleanSupplier stop = () -> false;

    private Builder(Supplier<? extends SweepScenario> scenarios, OtaInvariants invariants) {
      this.scenarios = Objects.requireNonNull(scenarios, "scenarios");
      this.invariants = Objects.requireNonNull(invariants, "invariants");
    }

    /** A name for the report. */
    public Builder setName(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The fault to inject at each point. The default is a power cut. */
    public Builder setInjection(Injection injection) {
      this.injection = Objects.requireNonNull(injection, "injection");
      return this;
    }

    /**
     * Runs points on this many threads, each with its own GraalPy context on the shared engine. The
     * default is the number of cores.
     */
    public Builder setThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads (" + threads + ") must be positive");
      }
      this.threads = threads;
      return this;
    }

    /**
     * Boots allowed beyond the clean run's before a run counts as a boot loop. The default is 6.
     */
    public Builder setExtraBoots(int boots) {
      if (boots < 0) {
        throw new IllegalArgumentException("extraBoots (" + boots + ") must not be negative");
      }
      this.extraBoots = boots;
      return this;
    }

    /** Called with each point's result as it completes (progress display). */
    public Builder setListener(Consumer<CutResult> listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Told how many points there are, then of each point the moment it ends (a progress bar); the
     * default shows nothing.
     */
    public Builder setProgress(SweepProgress progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * Runs only shard {@code index} of {@code count} (counted from 1): the points whose position in
     * the clean run's list of points, counted from 0, is {@code index - 1} modulo {@code count}.
     * The clean run is the same in every shard, so the shards of a CI matrix split the points
     * between them without overlap. The default is 1 of 1, every point.
     */
    public Builder setShard(int index, int count) {
      if (count < 1 || index < 1 || index > count) {
        throw new IllegalArgumentException(
            "shard " + index + "/" + count + " is not i/n with 1 <= i <= n");
      }
      this.shardIndex = index;
      this.shardCount = count;
      return this;
    }

    /**
     * Runs every point from the first boot, replaying the clean run's boots before its fault,
     * instead of starting it from the state saved at the start of its boot. Slower; the results are
     * the same (a test compares them). The default is false.
     */
    public Builder setReplayFromStart(boolean replay) {
      this.replayFromStart = replay;
      return this;
    }

    /**
     * Asked before each point starts: once it answers true (the user pressed Ctrl-C), no further
     * point starts, the points already running end as ever, and the report holds the points that
     * ended, marked incomplete ({@link SweepReport#complete()}). The default never stops.
     */
    public Builder setStop(BooleanSupplier stop) {
      this.stop = Objects.requireNonNull(stop, "stop");
      return this;
    }

    public PowerCutSweep build() {
      return new PowerCutSweep(this);
    }
  }

  /**
   * A sweep returns only when its threads are gone: callers count threads, and tests do. A pool
   * counts as terminated while its last thread is still on its way out, so each thread is joined
   * too (on a loaded machine that way out took long enough for LeakTest to see the thread).
   */
  private static void awaitQuietly(ExecutorService pool, List<Thread> workers) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    try {
      pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
      for (Thread t : workers) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          t.join(Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left)));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
