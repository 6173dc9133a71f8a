package dev.otasim.github;

import java.util.Objects;

/**
 * One cell of a {@link FaultMatrix}: a request of the clean baseline run and the fault it gets when
 * the scenario is run again.
 *
 * <p>The fault finds the same request in the rerun by what it asks for and how many times it was
 * asked before, not by its position: "the 2nd GET of raw…/main.py". Until that request the rerun is
 * the baseline, so the request comes.
 *
 * @param number the request's place in the baseline, counting from 1 as reports do
 * @param request the baseline's exchange for it
 * @param rule the rule that {@link #install}s the fault on that request only
 */
public record FaultCase(int number, Exchange request, FaultRule rule) {
  public FaultCase {
    if (number < 1) {
      throw new IllegalArgumentException("requests count from 1: " + number);
    }
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(rule, "rule");
  }

  /** The fault applied. */
  public NetworkFault fault() {
    return rule.fault();
  }

  /** Installs this case's fault on {@code github}, a fresh one for this run. */
  public void install(FakeGitHub github) {
    github.fault(rule);
  }

  /**
   * As in a report: {@code "request 3 GET raw.githubusercontent.com/owner/app/v1.1.0/main/app.py:
   * truncated body after 100 B"}.
   */
  public String description() {
    return "request " + number + " " + request.request() + ": " + rule.fault();
  }

  @Override
  public String toString() {
    return description();
  }
}
