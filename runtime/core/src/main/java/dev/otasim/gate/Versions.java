package dev.otasim.gate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a candidate that is not a tag yet (a commit, the work tree) after the release before it.
 */
final class Versions {
  private static final Pattern LAST_NUMBER = Pattern.compile("^(.*?)(\\d+)(-[0-9A-Za-z.-]+)?$");

  private Versions() {}

  /** The tag with its last number raised by one and any pre-release dropped: v1.1.0 -> v1.1.1. */
  static String next(String tag, GateWording say) {
    Matcher m = LAST_NUMBER.matcher(tag);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "cannot name a version after "
              + tag
              + "; pass "
              + say.candidateTag()
              + " with the version");
    }
    return m.group(1) + (Long.parseLong(m.group(2)) + 1);
  }
}
