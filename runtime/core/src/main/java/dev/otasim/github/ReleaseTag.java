package dev.otasim.github;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release tag read as a version, ordered by SemVer 2.0 precedence (semver.org §11): the numbers
 * compare numerically ({@code v1.10.0 > v1.9.3}), a pre-release comes before its release ({@code
 * 1.0.0-rc.1 < 1.0.0}), pre-release identifiers compare one by one, numbers numerically ({@code
 * rc.10 > rc.9}) and below words, and build metadata ({@code +build.5}) is ignored. Tags as
 * projects write them are accepted too: a leading {@code v}, and fewer or more than three numbers
 * ({@code v1.2} is {@code 1.2.0}). Every tag comparison in otasim goes through this type.
 *
 * @param text the tag as written
 * @param numbers the dot-separated numbers, at least three (missing ones are 0)
 * @param prerelease the pre-release identifiers, empty for a release
 */
public record ReleaseTag(String text, List<Long> numbers, List<String> prerelease)
    implements Comparable<ReleaseTag> {
  private static final Pattern VERSION =
      Pattern.compile(
          "[vV]?(\\d{1,18}(?:\\.\\d{1,18})*)(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
              + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

  private static final Pattern NUMERIC = Pattern.compile("\\d+");

  /**
   * Tags by SemVer precedence; text that is no version comes before every version, ordered by its
   * text. Tags that differ only in build metadata, a {@code v} or a trailing {@code .0} compare
   * equal: an updater would not install one over the other.
   */
  public static final Comparator<String> PRECEDENCE =
      (a, b) -> {
        Optional<ReleaseTag> x = parse(a);
        Optional<ReleaseTag> y = parse(b);
        if (x.isPresent() && y.isPresent()) {
          return x.get().compareTo(y.get());
        }
        if (x.isPresent() != y.isPresent()) {
          return x.isPresent() ? 1 : -1;
        }
        return a.compareTo(b);
      };

  /** {@link #PRECEDENCE}, then the text: a total order for sorting ({@code 1.0.0 < v1.0.0}). */
  public static final Comparator<String> ORDER =
      PRECEDENCE.thenComparing(Comparator.naturalOrder());

  public ReleaseTag {
    numbers = List.copyOf(numbers);
    prerelease = List.copyOf(prerelease);
  }

  /** The tag as a version, or empty if it does not read as one ({@code latest}, {@code v1..2}). */
  public static Optional<ReleaseTag> parse(String text) {
    Matcher m = VERSION.matcher(text == null ? "" : text);
    if (!m.matches()) {
      return Optional.empty();
    }
    List<Long> numbers = new ArrayList<>();
    for (String n : m.group(1).split("\\.")) {
      numbers.add(Long.parseLong(n));
    }
    while (numbers.size() < 3) {
      numbers.add(0L);
    }
    List<String> pre = m.group(2) == null ? List.of() : List.of(m.group(2).split("\\."));
    return Optional.of(new ReleaseTag(text, numbers, pre));
  }

  /** Whether {@code text} reads as a version tag. */
  public static boolean isVersion(String text) {
    return parse(text).isPresent();
  }

  /** Whether this is a pre-release ({@code 1.0.0-rc.1}). */
  public boolean isPrerelease() {
    return !prerelease.isEmpty();
  }

  /**
   * SemVer precedence: 0 for tags that differ only in build metadata, a {@code v} or a {@code .0}.
   */
  @Override
  public int compareTo(ReleaseTag o) {
    for (int i = 0; i < Math.max(numbers.size(), o.numbers.size()); i++) {
      long a = i < numbers.size() ? numbers.get(i) : 0;
      long b = i < o.numbers.size() ? o.numbers.get(i) : 0;
      if (a != b) {
        return Long.compare(a, b);
      }
    }
    if (prerelease.isEmpty() || o.prerelease.isEmpty()) {
      return Boolean.compare(prerelease.isEmpty(), o.prerelease.isEmpty());
    }
    for (int i = 0; i < Math.min(prerelease.size(), o.prerelease.size()); i++) {
      int c = compareIdentifiers(prerelease.get(i), o.prerelease.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(prerelease.size(), o.prerelease.size());
  }

  private static int compareIdentifiers(String a, String b) {
    boolean x = NUMERIC.matcher(a).matches();
    boolean y = NUMERIC.matcher(b).matches();
    if (x && y) {
      // numeric identifiers may be long: compare by length, then digits (no leading zeros in
      // SemVer)
      String p = a.replaceFirst("^0+(?=.)", "");
      String q = b.replaceFirst("^0+(?=.)", "");
      return p.length() != q.length() ? Integer.compare(p.length(), q.length()) : p.compareTo(q);
    }
    if (x != y) {
      return x ? -1 : 1;
    }
    return a.compareTo(b);
  }

  @Override
  public String toString() {
    return text;
  }
}
