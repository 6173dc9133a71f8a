package dev.otasim.github;

/**
 * Which of the requests a pattern matches get the fault, counting from 1 in the order the fake
 * GitHub received them: every one, the first few, or just the nth. The others are answered
 * normally.
 *
 * @param first the first matching request that gets the fault, from 1
 * @param last the last one, inclusive; {@link Integer#MAX_VALUE} for no end
 */
public record Occurrences(int first, int last) {
  public Occurrences {
    if (first < 1 || last < first) {
      throw new IllegalArgumentException(
          "occurrences count from 1 and last >= first: first=" + first + ", last=" + last);
    }
  }

  /** Every matching request. */
  public static Occurrences always() {
    return new Occurrences(1, Integer.MAX_VALUE);
  }

  /** The first {@code n} matching requests, then back to normal. */
  public static Occurrences times(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("times(n) needs n >= 1: " + n);
    }
    return new Occurrences(1, n);
  }

  /** Only the {@code n}th matching request, counting from 1. */
  public static Occurrences onRequest(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("requests count from 1: onRequest(" + n + ")");
    }
    return new Occurrences(n, n);
  }

  /** The {@code n}th matching request and every one after it. */
  public static Occurrences from(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("requests count from 1: from(" + n + ")");
    }
    return new Occurrences(n, Integer.MAX_VALUE);
  }

  /** Whether the {@code nth} matching request gets the fault. */
  public boolean includes(int nth) {
    return nth >= first && nth <= last;
  }

  /** As in a report: "every time", "the first 2 times", "the 3rd time", "from the 3rd time on". */
  @Override
  public String toString() {
    if (last == Integer.MAX_VALUE) {
      return first == 1 ? "every time" : "from the " + ordinal(first) + " time on";
    }
    if (first == last) {
      return first == 1 ? "the first time" : "the " + ordinal(first) + " time";
    }
    if (first == 1) {
      return "the first " + last + " times";
    }
    return "the " + ordinal(first) + " to " + ordinal(last) + " times";
  }

  static String ordinal(int n) {
    int tens = n % 100;
    String suffix =
        tens >= 11 && tens <= 13
            ? "th"
            : switch (n % 10) {
              case 1 -> "st";
              case 2 -> "nd";
              case 3 -> "rd";
              default -> "th";
            };
    return n + suffix;
  }
}
