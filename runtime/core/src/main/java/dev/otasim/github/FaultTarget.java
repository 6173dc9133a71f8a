package dev.otasim.github;

import java.util.Objects;

/**
 * The requests a fault is about to be attached to, from {@link FakeGitHub#on(String, String,
 * String)}; say which of them with {@link #times}, {@link #onRequest} or {@link #from} (every one
 * unless told), then give the fault:
 *
 * <pre>{@code
 * github.on("GET", "raw.githubusercontent.com", "/owner/app/v1.1.0/main/app.py")
 *     .times(1)
 *     .fault(new NetworkFault.TruncatedBody(100));
 * }</pre>
 */
public final class FaultTarget {
  private final FakeGitHub github;
  private final RequestPattern pattern;
  private final Occurrences occurrences;

  FaultTarget(FakeGitHub github, RequestPattern pattern, Occurrences occurrences) {
    this.github = github;
    this.pattern = pattern;
    this.occurrences = occurrences;
  }

  /** Every matching request (the default). */
  public FaultTarget always() {
    return new FaultTarget(github, pattern, Occurrences.always());
  }

  /** The first {@code n} matching requests, then back to normal. */
  public FaultTarget times(int n) {
    return new FaultTarget(github, pattern, Occurrences.times(n));
  }

  /** Only the {@code n}th matching request, counting from 1. */
  public FaultTarget onRequest(int n) {
    return new FaultTarget(github, pattern, Occurrences.onRequest(n));
  }

  /** The {@code n}th matching request and all later ones. */
  public FaultTarget from(int n) {
    return new FaultTarget(github, pattern, Occurrences.from(n));
  }

  /** Installs {@code fault} on these requests and returns the rule installed. */
  public FaultRule fault(NetworkFault fault) {
    return github.fault(
        new FaultRule(pattern, occurrences, Objects.requireNonNull(fault, "fault")));
  }

  @Override
  public String toString() {
    return pattern + ", " + occurrences;
  }
}
