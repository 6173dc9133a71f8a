package dev.otasim.sweep;

/**
 * One shard of a sweep's points, for a CI matrix: shard {@code index} of {@code count} (from 1)
 * runs the points whose position modulo {@code count} is {@code index - 1}.
 *
 * @param index which shard, from 1
 * @param count how many shards the points are split into
 */
public record Shard(int index, int count) {
  /** Every point: the one shard of one. */
  public static final Shard ALL = new Shard(1, 1);

  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException(
          index
              + "/"
              + count
              + " is not i/n with 1 <= i <= n, such as 1/2 and 2/2 for two CI jobs");
    }
  }

  /**
   * Parses {@code i/n}.
   *
   * @throws IllegalArgumentException naming the text and the form
   */
  public static Shard parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length == 2) {
      try {
        return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
      } catch (NumberFormatException e) {
        // falls through to the message below
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not i/n, such as 1/2 and 2/2 for two CI jobs");
  }

  /** Whether this shard holds point {@code position} (from 0) of the sweep. */
  public boolean holds(int position) {
    return position % count == index - 1;
  }

  /** Whether this is every point. */
  public boolean isAll() {
    return count == 1;
  }

  /** {@code i/n}. */
  @Override
  public String toString() {
    return index + "/" + count;
  }
}
