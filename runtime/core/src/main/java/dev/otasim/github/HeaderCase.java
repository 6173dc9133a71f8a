package dev.otasim.github;

import java.util.Locale;

/**
 * How the fake GitHub spells response header names.
 *
 * <p>It matters because MicroPython's {@code requests} keeps names as received and looks them up
 * case-sensitively (spec/github-api.md, "Header names"): v0.10.2, frozen in v1.27, follows a
 * redirect only on a line starting {@code Location:}, so under {@link #LOWER}, the default, a plain
 * {@code requests.get} of an asset or archive URL returns github.com's 302 unfollowed.
 */
public enum HeaderCase {
  /** {@code content-length}, {@code x-ratelimit-remaining}: what GitHub's front end sends. */
  LOWER,
  /** {@code Content-Length}, {@code X-RateLimit-Remaining}: GitHub's traditional spelling. */
  CANONICAL;

  String apply(String canonicalName) {
    return this == LOWER ? canonicalName.toLowerCase(Locale.ROOT) : canonicalName;
  }
}
