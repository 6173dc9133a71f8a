package dev.otasim.engine.graalpy;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Warm GraalPy contexts waiting for their next boot, shared by every board of the JVM. A boot takes
 * one (or a new one when none waits) and gives it back when it ends; only a context whose boot
 * ended cleanly, by returning, raising or a reset, and that device code left undisturbed is kept.
 * Building a context costs ~50 ms warm; preparing a kept one for the next boot a few.
 */
public final class ContextPool {
  /**
   * Forces a new context for every boot when {@code true}: the simulator as it was without reuse.
   */
  public static final String FRESH_PROPERTY = "otasim.freshContexts";

  /** Contexts kept idle at most: one per boot thread is all a sweep needs. */
  private static final int MAX_IDLE = Math.max(2, Runtime.getRuntime().availableProcessors());

  private static final ConcurrentLinkedDeque<WarmContext> IDLE = new ConcurrentLinkedDeque<>();
  private static final AtomicInteger CREATED = new AtomicInteger();
  private static final AtomicInteger REUSED = new AtomicInteger();
  private static final AtomicInteger DISCARDED = new AtomicInteger();
  private static final AtomicReference<String> LAST_DISCARD = new AtomicReference<>("");

  private ContextPool() {}

  /** A context for one boot: an idle one if any, else a new one. */
  static WarmContext take(boolean fresh) {
    if (!fresh) {
      WarmContext idle = IDLE.pollFirst();
      if (idle != null) {
        REUSED.incrementAndGet();
        return idle;
      }
    }
    CREATED.incrementAndGet();
    return WarmContext.create(!fresh);
  }

  /**
   * Takes a context back after its boot.
   *
   * @param clean whether the boot ended in a way that leaves the context consistent (not cancelled,
   *     not interrupted, no internal error)
   */
  static void give(WarmContext ctx, boolean clean) {
    String why = !clean ? "the boot was cancelled or failed inside GraalPy" : ctx.leftovers();
    if (why.isEmpty() && IDLE.size() < MAX_IDLE) {
      try {
        ctx.release();
        IDLE.addFirst(ctx);
        return;
      } catch (RuntimeException e) {
        why = "releasing the last boot failed: " + e.getMessage();
      }
    }
    if (ctx.reusable()) {
      DISCARDED.incrementAndGet();
      LAST_DISCARD.set(why);
    }
    ctx.close();
  }

  /** Counts since the JVM started, for tests and the bench: created, reused, discarded. */
  public static Stats stats() {
    return new Stats(CREATED.get(), REUSED.get(), DISCARDED.get(), LAST_DISCARD.get());
  }

  /** Closes every idle context (tests that measure heap; the JVM's exit). */
  static void drain() {
    WarmContext c;
    while ((c = IDLE.pollFirst()) != null) {
      c.close();
    }
  }

  public record Stats(int created, int reused, int discarded, String lastDiscard) {}
}
