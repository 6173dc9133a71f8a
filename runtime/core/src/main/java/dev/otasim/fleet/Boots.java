package dev.otasim.fleet;

import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.github.Exchange;
import dev.otasim.github.FakeGitHub;
import dev.otasim.github.NetworkFault;
import dev.otasim.stubs.flash.Flash;
import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.journal.ResetCause;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one power cycle of a board (power on, boot until it settles) against a fake GitHub of its
 * own, and remembers the outcome by everything the power cycle depends on: the flash's content, the
 * firmware and heap, the releases GitHub shows, the Wi-Fi draw, the power-cut point, and how many
 * API requests the rate limit still allows. Two boards with the same inputs do the same (the
 * simulation is deterministic, as the sweep checks), so the second one replays the first one's
 * outcome and flash instead of booting.
 *
 * <p>The allowance is matched, not keyed: a cycle that made n API requests and was refused none
 * stands for every allowance of at least n (its requests got the same answers), one that was
 * refused stands for its exact allowance. A run's fake GitHub shows what GitHub would: the cycle's
 * time in {@code Date}, and the remainder and reset of the hour the site's earlier boards left in
 * {@code X-RateLimit-*}. Those are no part of the key, so when the boards' code names such a header
 * ({@link World#readsClockHeaders}), a cycle run for real is run twice more with other values shown
 * (the requests answered alike); if either parts from it, its key is remembered only for the exact
 * moment and remainder. Each run's fake GitHub is this thread's for the epoch, reset before the
 * run, so whichever board runs a key first, the outcome is the same, and a report does not depend
 * on threads.
 */
final class Boots {
  /** The token boards carry when the fleet gives them one; the fake GitHub knows it. */
  static final String TOKEN = "ghp_otasimFleet0000000000000000000000000";

  /**
   * Every boot's limit by default: longer than a single run's, since two fleet threads and their
   * fake GitHubs share the cores with whatever else runs. No fleet boot's outcome is "hung": a boot
   * that passes the limit ({@link dev.otasim.boot.BootLimit} counts waiting in wall-clock time)
   * ends the run with an error, since whether it passes depends on the machine's load, not on the
   * seed, and a report must be a function of the seed.
   */
  static final java.time.Duration BOOT_TIME_LIMIT = java.time.Duration.ofSeconds(60);

  /** The moment virtual second 0 of a rollout stands for, on the fake GitHub's clock. */
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** Everything a power cycle depends on. */
  record Key(
      String digest,
      String firmware,
      int heap,
      int epoch,
      int limit,
      boolean wifiDown,
      int dropAt,
      int cutAt,
      String observed) {
    Key withCut(int at) {
      return new Key(digest, firmware, heap, epoch, limit, wifiDown, dropAt, at, observed);
    }

    /** This key for one moment and remainder only. */
    Key at(String moment) {
      return new Key(digest, firmware, heap, epoch, limit, wifiDown, dropAt, cutAt, moment);
    }
  }

  /**
   * The moment a power cycle starts and its client's rate-limit hour: what GitHub's {@code Date}
   * and {@code X-RateLimit-*} headers show it.
   *
   * @param second the virtual second the cycle starts at
   * @param windowStart the second the client's hour started, or -1 if none is running
   * @param used API requests of that hour already spent
   * @param token whether the client is the board's token (else the site's address)
   */
  record Moment(long second, long windowStart, int used, boolean token) {}

  /**
   * What a power cycle did.
   *
   * @param flash the flash it left
   * @param digest that flash's digest
   * @param version what the version file names afterwards, or null
   * @param problems why the flash cannot boot a working app; empty if it can
   * @param bootLoop whether it still restarted at the most boots allowed
   * @param staging whether an update is staged
   * @param apiRequests requests to api.github.com that count against the limit
   * @param refused of those, how many the rate limit refused
   * @param boots device boots it took
   * @param cutTargets journal indices where power could be cut (a cut draw picks one)
   * @param journal the cycle's journal, kept when something went wrong
   * @param allowance the API requests the rate limit allowed it
   * @param hung whether its last boot ran past the boot time limit
   * @param fingerprint its whole journal, the flash it left and its boots, hashed: equal
   *     fingerprints did the same
   */
  record Outcome(
      Flash.Snapshot flash,
      String digest,
      String version,
      List<String> problems,
      boolean bootLoop,
      boolean staging,
      int apiRequests,
      int refused,
      int boots,
      List<Integer> cutTargets,
      List<String> journal,
      int allowance,
      boolean hung,
      String fingerprint) {
    /** Whether a cycle allowed {@code remaining} requests gets the same answers as this one. */
    boolean standsFor(int remaining) {
      return refused == 0 ? apiRequests <= remaining : allowance == remaining;
    }
  }

  private final World world;
  private final ReleaseSchedule schedule;
  private final boolean memo;
  private final java.time.Duration limit;
  private final Map<Key, List<Outcome>> outcomes = new ConcurrentHashMap<>();
  private final java.util.Set<Key> momentDependent = ConcurrentHashMap.newKeySet();
  private final LongAdder hits = new LongAdder();
  private final LongAdder runs = new LongAdder();
  private final LongAdder deviceBoots = new LongAdder();

  Boots(World world, ReleaseSchedule schedule, boolean memo, java.time.Duration limit) {
    this.world = world;
    this.schedule = schedule;
    this.memo = memo;
    this.limit = limit;
  }

  /** The boot time limit, for the message of a run that passed it. */
  java.time.Duration limit() {
    return limit;
  }

  /**
   * The outcome of a power cycle with these inputs and {@code remaining} API requests left in its
   * client's hour, run or remembered. An outcome that is {@link Outcome#hung} (twice) is no outcome
   * of the inputs but of the machine's load: it is never remembered, and the caller ends the run.
   */
  Outcome cycle(Key key, int remaining, Moment moment, Flash.Snapshot start) {
    Key k = momentDependent.contains(key) ? key.at(remaining + "/" + moment) : key;
    List<Outcome> known = memo ? outcomes.get(k) : null;
    if (known != null) {
      synchronized (known) {
        for (Outcome o : known) {
          if (o.standsFor(remaining)) {
            hits.increment();
            return o;
          }
        }
      }
    }
    Outcome ran = ran(key, remaining, moment, start, Twin.NONE);
    if (ran.hung()) {
      return ran;
    }
    if (memo && k == key && world.readsClockHeaders()) {
      Boolean same = sameWithOtherHeaders(ran, key, remaining, moment, start);
      if (same == null) {
        // a twin passed the time limit twice: the machine's load, not the updater, so nothing is
        // learnt of the key; left unremembered, a later cycle with these inputs asks again
        return ran;
      }
      if (!same) {
        momentDependent.add(key);
        k = key.at(remaining + "/" + moment);
      }
    }
    if (memo) {
      List<Outcome> list = outcomes.computeIfAbsent(k, x -> new ArrayList<>());
      synchronized (list) {
        list.add(ran);
      }
    }
    return ran;
  }

  /**
   * Whether the cycle does the same when GitHub's headers show another moment and remainder: its
   * run again with the {@code Date} a day later and the hour's reset moved apart from it and a
   * thousand more requests left, and once with none left and the reset 20 minutes later (each with
   * the same requests answered as before). An updater that acts on what they show, on either side
   * of any threshold, parts from one of them; its key is then remembered only with the exact moment
   * and remainder. Null when a twin passed the time limit twice: that says nothing of the updater.
   */
  private Boolean sameWithOtherHeaders(
      Outcome ran, Key key, int remaining, Moment moment, Flash.Snapshot start) {
    for (Twin twin : List.of(Twin.LATER_MORE_LEFT, Twin.NONE_LEFT)) {
      Outcome other = ran(key, remaining, moment, start, twin);
      if (other.hung()) {
        return null;
      }
      if (!other.fingerprint().equals(ran.fingerprint())) {
        return false;
      }
    }
    return true;
  }

  /** A run, and one more if the first passed the time limit (never remembered). */
  private Outcome ran(Key key, int remaining, Moment moment, Flash.Snapshot start, Twin twin) {
    Outcome ran = run(key, remaining, moment, start, twin);
    runs.increment();
    deviceBoots.add(ran.boots());
    if (ran.hung()) {
      // A boot that waits on the fake GitHub's thread while other processes hold the cores can
      // pass the limit without the updater being at fault; once more, and never remembered.
      // A second one is the caller's error to report: it is no outcome of the seed.
      ran = run(key, remaining, moment, start, twin);
      runs.increment();
      deviceBoots.add(ran.boots());
    }
    return ran;
  }

  /** What GitHub's headers show a run: the truth, or another moment and remainder. */
  private enum Twin {
    NONE,
    LATER_MORE_LEFT,
    NONE_LEFT
  }

  long hits() {
    return hits.sum();
  }

  long runs() {
    return runs.sum();
  }

  long deviceBoots() {
    return deviceBoots.sum();
  }

  /** Closes the fake GitHubs the threads kept; the fleet calls it once its sites have run. */
  void close() {
    FakeGitHub g;
    while ((g = kept.poll()) != null) {
      g.close();
    }
  }

  /**
   * This thread's fake GitHub for an epoch, put back as it was when it started: built and started
   * once per thread and epoch (publishing the releases and starting its servers is most of what a
   * fresh one costs), then reset before every power cycle as a sweep resets its world.
   */
  private FakeGitHub world(int epoch) {
    Map<Integer, Kept> mine = perThread.get();
    Kept k = mine.get(epoch);
    if (k == null) {
      FakeGitHub github = FakeGitHub.create();
      world.publish(github, schedule.at(schedule.changes()[epoch]));
      if (world.token() != null) {
        github.acceptToken(world.token());
      }
      github.start();
      kept.add(github);
      k = new Kept(github, github.snapshot());
      mine.put(epoch, k);
    }
    k.github().clearFaults();
    k.github().forgetDevices();
    k.github().restore(k.fresh());
    return k.github();
  }

  private record Kept(FakeGitHub github, FakeGitHub.Snapshot fresh) {}

  private final ThreadLocal<Map<Integer, Kept>> perThread =
      ThreadLocal.withInitial(java.util.HashMap::new);
  private final java.util.concurrent.ConcurrentLinkedQueue<FakeGitHub> kept =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private Outcome run(Key key, int remaining, Moment moment, Flash.Snapshot start, Twin twin) {
    FakeGitHub github = world(key.epoch());
    {
      String token = moment.token() ? world.token() : null;
      long from = moment.windowStart() >= 0 ? moment.windowStart() : moment.second();
      switch (twin) {
        case NONE -> {
          github.setClock(Clock.fixed(START.plusSeconds(moment.second()), ZoneOffset.UTC));
          github.setRateLimit(key.limit());
          if (moment.windowStart() >= 0) {
            // what the site's earlier boards left of the hour: the headers show it as GitHub would
            github.setRateLimitUsed(token, START.plusSeconds(from), moment.used());
          }
        }
        case LATER_MORE_LEFT -> {
          github.setClock(
              Clock.fixed(START.plusSeconds(moment.second() + 86_400 + 1_234), ZoneOffset.UTC));
          github.setRateLimit(key.limit() + 1000);
          github.setRateLimitUsed(token, START.plusSeconds(from + 86_400), moment.used());
        }
        case NONE_LEFT -> {
          github.setClock(Clock.fixed(START.plusSeconds(moment.second()), ZoneOffset.UTC));
          github.setRateLimit(key.limit());
          github.setRateLimitUsed(
              token, START.plusSeconds(from + 1_200), moment.used() + remaining, remaining);
        }
      }
      if (remaining < key.limit()) {
        github
            .on("*", "api.github.com", "/**")
            .from(remaining + 1)
            .fault(new NetworkFault.RateLimited());
      }
      if (key.dropAt() > 0) {
        github
            .on("*", "*", "/**")
            .onRequest(key.dropAt())
            .fault(new NetworkFault.DisconnectAfter(64));
      }
      Device device =
          Device.create(
                  world.config().toBuilder()
                      .setFirmware(key.firmware())
                      .setHeapBytes(key.heap())
                      .setBootTimeLimit(limit)
                      .build())
              .connect(github);
      device.flash().restore(start);
      if (key.wifiDown()) {
        // the only access point in range is not the board's: association fails (NO_AP_FOUND)
        device.network().accessPoint("otasim-fleet-elsewhere", "-");
      }
      if (key.cutAt() >= 0) {
        int at = key.cutAt();
        device.journal().setCutPoint(i -> i == at);
      }
      List<BootResult> boots = device.runUntilSettled();
      BootResult last = boots.get(boots.size() - 1);
      List<Event> events = device.journal().events();
      List<Integer> targets = new ArrayList<>();
      for (int i = 0; i < events.size(); i++) {
        if (cuttable(events.get(i))) {
          targets.add(i);
        }
      }
      int requests = 0;
      int refused = 0;
      for (Exchange e : github.exchanges()) {
        if (e.host().equals("api.github.com") && e.status() != 304) {
          requests++;
          if (e.fault().filter(f -> f instanceof NetworkFault.RateLimited).isPresent()) {
            refused++;
          }
        }
      }
      Flash flash = device.flash();
      List<String> problems = world.problems(flash);
      boolean loop = last.outcome().restarts();
      List<String> journal =
          problems.isEmpty() && !loop ? List.of() : events.stream().map(Event::toString).toList();
      if (journal.size() > 80) {
        journal = journal.subList(journal.size() - 80, journal.size());
      }
      return new Outcome(
          flash.snapshot(),
          digest(flash),
          world.version(flash),
          List.copyOf(problems),
          loop,
          world.staging(flash),
          requests,
          refused,
          boots.size(),
          List.copyOf(targets),
          List.copyOf(journal),
          remaining,
          last.outcome() == dev.otasim.device.BootOutcome.HUNG,
          fingerprint(events, digest(flash), boots.size()));
    }
  }

  /** As the sweep's power cut: before every file or network operation and every hard reset. */
  private static boolean cuttable(Event event) {
    Event attempt = event instanceof Event.Failed f ? f.attempt() : event;
    return attempt instanceof Event.FileEvent
        || attempt instanceof Event.NetworkEvent
        || attempt instanceof Event.Reset r
            && r.kind() != ResetCause.WDT
            && r.kind() != ResetCause.SOFT;
  }

  private static String fingerprint(List<Event> events, String flash, int boots) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Event e : events) {
        sha.update(e.toString().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      sha.update((flash + "/" + boots).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The flash's tree and every file's bytes, hashed: equal digests boot alike. */
  static String digest(Flash flash) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(flash.tree().getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, byte[]> e : flash.files().entrySet()) {
        sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Integer.toString(e.getValue().length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) 0);
        sha.update(e.getValue());
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
