package dev.otasim.report;

/**
 * A number with its noun in the right number, for every line otasim prints or writes: {@code 1
 * file}, {@code 2 files}, {@code 0 files}.
 */
public final class Count {
  private Count() {}

  /**
   * {@code n} and the noun, with an {@code s} added unless {@code n} is 1 ("1 file", "3 files").
   */
  public static String of(long n, String noun) {
    return of(n, noun, noun + "s");
  }

  /** {@code n} and {@code one} if it is 1, else {@code many} ("1 entry", "2 entries"). */
  public static String of(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
