package dev.otasim.fleet;

import dev.otasim.github.ReleaseTag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * When each release appears on GitHub, in virtual seconds from the start of the rollout: a tag
 * published at a time, or first as a prerelease and promoted later. What GitHub serves at a time is
 * a pure function of that time, so every site sees the same releases whatever thread runs it.
 */
public final class ReleaseSchedule {
  /** How a tag shows from {@code second} on. */
  public record Entry(String tag, long second, boolean prerelease) {
    public Entry {
      Objects.requireNonNull(tag, "tag");
      if (second < 0) {
        throw new IllegalArgumentException(
            "release " + tag + " is scheduled at " + second + " s; the rollout starts at 0");
      }
    }
  }

  private final List<Entry> entries;

  ReleaseSchedule(List<Entry> entries) {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingLong(Entry::second));
    this.entries = List.copyOf(sorted);
  }

  /** Every tag of {@code tags} published when the rollout starts. */
  static ReleaseSchedule allAtStart(List<String> tags) {
    return new ReleaseSchedule(tags.stream().map(t -> new Entry(t, 0, false)).toList());
  }

  public List<Entry> entries() {
    return entries;
  }

  /**
   * What GitHub shows at {@code second}: each tag published by then, true if it is (still) a
   * prerelease, oldest first by semantic version.
   */
  Map<String, Boolean> at(long second) {
    Map<String, Boolean> shown = new java.util.TreeMap<>(ReleaseTag.ORDER);
    for (Entry e : entries) {
      if (e.second() <= second) {
        shown.put(e.tag(), e.prerelease());
      }
    }
    return new LinkedHashMap<>(shown);
  }

  /** The moments GitHub's releases change, 0 first: an epoch starts at each. */
  long[] changes() {
    TreeSet<Long> times = new TreeSet<>();
    times.add(0L);
    entries.forEach(e -> times.add(e.second()));
    return times.stream().mapToLong(Long::longValue).toArray();
  }

  /** The epoch (index into {@link #changes()}) that {@code second} falls in. */
  int epoch(long second) {
    long[] c = changes();
    int i = 0;
    while (i + 1 < c.length && c[i + 1] <= second) {
      i++;
    }
    return i;
  }

  /** The newest tag published as a release (not a prerelease) by {@code second}, or null. */
  String latest(long second) {
    String latest = null;
    for (Map.Entry<String, Boolean> e : at(second).entrySet()) {
      if (!e.getValue()) {
        latest = e.getKey();
      }
    }
    return latest;
  }
}
