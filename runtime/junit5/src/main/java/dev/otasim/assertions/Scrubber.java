package dev.otasim.assertions;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Rewrites one journal line before it is compared: a golden journal's lines and the actual ones
 * alike, and the lines written when a golden journal is approved. For what changes from run to run
 * or from one otasim version to the next but does not matter to the test.
 *
 * <pre>{@code
 * assertThat(device.journal())
 *     .scrubbing(Scrubber.GENERATED_SIZES, Scrubber.replace("token [0-9a-f]+", "token T"))
 *     .matchesGolden("installs-new-release");
 * }</pre>
 *
 * A scrubber should give the same line when applied again to its own output, since the approved
 * file is scrubbed again when compared.
 */
@FunctionalInterface
public interface Scrubber {
  /**
   * The byte sizes of the JSON that otasim's fake GitHub generates (every response of {@code
   * api.github.com}: releases, contents, trees, errors) become {@code N}: {@code http GET
   * https://api.github.com/repos/o/r/releases/latest -> 200 (N B)}. A new otasim version that
   * spells its JSON differently then breaks no golden file. The sizes of your own files (raw
   * downloads, writes to the flash) stay.
   */
  Scrubber GENERATED_SIZES =
      replace("(http [A-Z]+ https?://api\\.github\\.com/\\S* -> \\d{3}) \\(\\d+ B\\)", "$1 (N B)");

  /** The line as it is to be compared. */
  String scrub(String line);

  /**
   * Replaces every match of a regular expression in a line, as {@link String#replaceAll} does
   * ({@code $1} refers to a group).
   *
   * @throws java.util.regex.PatternSyntaxException for a bad expression
   */
  static Scrubber replace(String regex, String replacement) {
    Pattern pattern = Pattern.compile(regex);
    Objects.requireNonNull(replacement, "replacement");
    return line -> pattern.matcher(line).replaceAll(replacement);
  }

  /** This scrubber, then {@code next}. */
  default Scrubber andThen(Scrubber next) {
    Objects.requireNonNull(next, "next");
    return line -> next.scrub(scrub(line));
  }
}
