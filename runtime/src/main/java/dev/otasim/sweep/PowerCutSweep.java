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
  private final int shardIndex;
  private final int shardCount;

  private PowerCutSweep(Builder b) {
    this.name = b.name;
    this.scenarios = b.scenarios;
    this.invariants = b.invariants;
    this.injection = b.injection;
    this.threads = b.threads;
    this.extraBoots = b.extraBoots;
    this.listener = b.listener;
    this.shardIndex = b.shardIndex;
    this.shardCount = b.shardCount;
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
    try (SweepScenario s = scenarios.get()) {
      Device d = s.device();
      initialFiles = List.copyOf(d.flash().files().keySet());
      long before = usedBlocks(d);
      List<BootResult> run = d.runUntilSettled();
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
    List<CutResult> results = new ArrayList<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "otasim-sweep");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<CutResult>> futures = new ArrayList<>();
      for (Injection.Point p : points) {
        futures.add(pool.submit(() -> injectAt(p, clean, bootBound, blockBound)));
      }
      for (Future<CutResult> f : futures) {
        CutResult r = f.get();
        results.add(r);
        if (listener != null) {
          listener.accept(r);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the sweep was interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a cut point failed to run: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
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
        millis);
  }

  private CutResult injectAt(
      Injection.Point point, List<Event> clean, int bootBound, long blockBound) {
    int k = point.index();
    try (SweepScenario s = scenarios.get()) {
      Device d = s.device();
      Injection.Armed armed = point.arm().apply(s);
      List<BootResult> run = new ArrayList<>();
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
      List<String> lines = events.stream().map(Event::toString).toList();
      return new CutResult(
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
    private int shardIndex = 1;
    private int shardCount = 1;

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

    public PowerCutSweep build() {
      return new PowerCutSweep(this);
    }
  }
}
