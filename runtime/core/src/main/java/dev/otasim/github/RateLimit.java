package dev.otasim.github;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * GitHub's REST "core" rate limit: a number of requests per client per hour, the hour starting with
 * the client's first request.
 */
final class RateLimit {
  /** GitHub's limit for requests made with a token. */
  static final int AUTHENTICATED = 5000;

  /** The counters one response reports, and whether the request was refused. */
  record State(int limit, int remaining, int used, long reset, boolean exceeded) {}

  private final Map<String, long[]> windows = new HashMap<>(); // client -> {start, used}
  private int unauthenticated = 60;

  synchronized void setUnauthenticated(int perHour) {
    if (perHour < 0) {
      throw new IllegalArgumentException("rate limit must be >= 0: " + perHour);
    }
    this.unauthenticated = perHour;
  }

  /** A copy of every client's window. */
  synchronized Map<String, long[]> windows() {
    Map<String, long[]> copy = new HashMap<>();
    windows.forEach((client, w) -> copy.put(client, w.clone()));
    return copy;
  }

  /** Puts back windows {@link #windows()} saved. */
  synchronized void restore(Map<String, long[]> saved) {
    windows.clear();
    saved.forEach((client, w) -> windows.put(client, w.clone()));
  }

  /**
   * Starts {@code client}'s hour at {@code start} with {@code used} requests already counted, and
   * refuses only {@code headroom} requests past the limit (the counts shown stay GitHub's).
   */
  synchronized void seed(String client, long start, int used, int headroom) {
    windows.put(client, new long[] {start, used, headroom});
  }

  /**
   * Takes back the request {@link #take} just counted for {@code client} (a 304 is not counted),
   * and returns the counters as they then stand.
   */
  synchronized State giveBack(String client, boolean authenticated, Instant now) {
    int limit = authenticated ? AUTHENTICATED : unauthenticated;
    long[] window = windows.get(client);
    if (window == null) {
      return new State(limit, limit, 0, now.getEpochSecond() + 3600, false);
    }
    window[1] = Math.max(0, window[1] - 1);
    int used = (int) window[1];
    return new State(limit, Math.max(0, limit - used), used, window[0] + 3600, false);
  }

  /** Counts one request from {@code client} at {@code now}, unless it is over the limit. */
  synchronized State take(String client, boolean authenticated, Instant now) {
    int limit = authenticated ? AUTHENTICATED : unauthenticated;
    long seconds = now.getEpochSecond();
    long[] window = windows.get(client);
    if (window == null || seconds >= window[0] + 3600) {
      window = new long[] {seconds, 0};
      windows.put(client, window);
    }
    boolean exceeded = window[1] >= limit + (window.length > 2 ? window[2] : 0);
    if (!exceeded) {
      window[1]++;
    }
    int used = (int) window[1];
    return new State(limit, Math.max(0, limit - used), used, window[0] + 3600, exceeded);
  }
}
