package dev.otasim.github;

import java.util.Objects;

/**
 * A fault, the requests it applies to and which of them get it: "the 3rd GET of
 * raw.githubusercontent.com/owner/app/v1.1.0/main/app.py is cut after 100 bytes".
 *
 * <p>Install one with {@link FakeGitHub#fault(FaultRule)}, or build and install it in one go with
 * {@link FakeGitHub#on(String, String, String)}. A request every rule's pattern matches counts
 * towards each of them; when several rules want to fault the same request, the one installed last
 * wins.
 */
public record FaultRule(RequestPattern pattern, Occurrences occurrences, NetworkFault fault) {
  public FaultRule {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(occurrences, "occurrences");
    Objects.requireNonNull(fault, "fault");
  }

  /** As in a report: {@code "GET raw…/app.py, the first time: truncated body after 100 B"}. */
  @Override
  public String toString() {
    return pattern + ", " + occurrences + ": " + fault;
  }
}
