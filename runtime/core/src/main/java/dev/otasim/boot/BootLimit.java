package dev.otasim.boot;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A boot's time limit, counted in the boot thread's CPU time: a boot that works ends as hung when
 * it has worked for the limit, however long other threads kept it off the processor (parallel test
 * classes, sweep threads and other builds on a 2-core machine made wall-clock limits end busy boots
 * early). A boot that waits instead of working (a blocking read from a server that never answers)
 * uses no CPU time; it ends once the limit has passed in wall-clock time and it has not worked for
 * {@link #IDLE_NANOS} — a boot that only waited for processors keeps working a little in every
 * interval, however loaded the machine. Either way a boot never ends before the limit has passed in
 * wall-clock time, so no boot ends earlier than a wall-clock limit would have ended it. Where the
 * JVM cannot measure a thread's CPU time, the limit is wall-clock time.
 */
public final class BootLimit {
  /** How often a running limit looks at its boot. */
  static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** How long a boot must have done no work to count as waiting. */
  static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);

  /** CPU time below this share of an interval counts as no work (bookkeeping, a timer tick). */
  static final double IDLE_SHARE = 0.01;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final long limitNanos;
  private final LongSupplier cpu;
  private final LongSupplier wall;
  private final long cpu0;
  private final long wall0;
  private long lastCpu;
  private long lastWall;

  /** Since when (wall-clock) the boot has done no work, or -1 while it works. */
  private long idleSince = -1;

  BootLimit(long limitNanos, LongSupplier cpu, LongSupplier wall) {
    this.limitNanos = limitNanos;
    this.cpu = cpu;
    this.wall = wall;
    this.cpu0 = cpu.getAsLong();
    this.wall0 = wall.getAsLong();
    this.lastCpu = cpu0;
    this.lastWall = wall0;
  }

  /** A limit on the calling thread's CPU time (wall-clock time where that cannot be measured). */
  static BootLimit onThisThread(long limitMillis) {
    long nanos = TimeUnit.MILLISECONDS.toNanos(limitMillis);
    LongSupplier wall = System::nanoTime;
    if (!cpuTimeMeasurable()) {
      return new BootLimit(nanos, wall, wall);
    }
    Thread self = Thread.currentThread();
    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; otasim supports JDK 17
    long id = self.getId();
    return new BootLimit(nanos, () -> THREADS.getThreadCpuTime(id), wall);
  }

  private static boolean cpuTimeMeasurable() {
    try {
      if (!THREADS.isThreadCpuTimeSupported()) {
        return false;
      }
      if (!THREADS.isThreadCpuTimeEnabled()) {
        THREADS.setThreadCpuTimeEnabled(true);
      }
      return THREADS.isCurrentThreadCpuTimeSupported();
    } catch (UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /**
   * Takes a sample and tells whether the limit has passed: the boot worked for the limit, or the
   * limit has passed in wall-clock time and the boot has done no work for {@link #IDLE_NANOS}.
   */
  boolean passed() {
    long c = cpu.getAsLong();
    long w = wall.getAsLong();
    if (c < 0) { // the thread has ended
      return false;
    }
    long interval = w - lastWall;
    if (interval > 0) {
      if (c - lastCpu <= IDLE_SHARE * interval) {
        if (idleSince < 0) {
          idleSince = lastWall;
        }
      } else {
        idleSince = -1;
      }
      lastCpu = c;
      lastWall = w;
    }
    if (c - cpu0 >= limitNanos) {
      return true;
    }
    return w - wall0 >= limitNanos && idleSince >= 0 && w - idleSince >= IDLE_NANOS;
  }

  /** How long to wait before the next sample. */
  long nextPollNanos() {
    long worked = lastCpu - cpu0;
    return Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(POLL_NANOS, limitNanos - worked));
  }

  /**
   * Watches the calling thread's boot on {@code timer} and runs {@code onPassed} once when its
   * limit passes, unless cancelled first.
   */
  public static Watch watch(ScheduledExecutorService timer, long limitMillis, Runnable onPassed) {
    Watch w = new Watch(timer, onThisThread(limitMillis), onPassed);
    w.schedule();
    return w;
  }

  /** A limit being watched; {@link #cancel} when the boot ends. */
  public static final class Watch {
    private final ScheduledExecutorService timer;
    private final BootLimit limit;
    private final Runnable onPassed;
    private ScheduledFuture<?> next;
    private boolean cancelled;

    private Watch(ScheduledExecutorService timer, BootLimit limit, Runnable onPassed) {
      this.timer = timer;
      this.limit = limit;
      this.onPassed = onPassed;
    }

    private synchronized void schedule() {
      if (!cancelled) {
        next = timer.schedule(this::check, limit.nextPollNanos(), TimeUnit.NANOSECONDS);
      }
    }

    private void check() {
      synchronized (this) {
        if (cancelled) {
          return;
        }
      }
      if (limit.passed()) {
        onPassed.run();
      } else {
        schedule();
      }
    }

    /** The boot ended: the limit no longer applies, and its task leaves the timer's queue. */
    public synchronized void cancel() {
      cancelled = true;
      if (next != null) {
        next.cancel(false);
      }
    }
  }
}
