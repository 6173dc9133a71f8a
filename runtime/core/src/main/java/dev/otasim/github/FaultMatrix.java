package dev.otasim.github;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every (request, fault) pair to try on a scenario: given the exchanges of a clean run, one {@link
 * FaultCase} per request of the run and fault, request by request. A runner boots the scenario once
 * per case on a fresh {@link FakeGitHub} with {@link FaultCase#install} applied.
 *
 * <pre>{@code
 * List<Exchange> baseline = cleanRun.github().exchanges();
 * FaultMatrix matrix = FaultMatrix.of(baseline, List.of(new Stall(), new TruncatedBody(100)));
 * for (FaultCase c : matrix) {
 *   try (FakeGitHub github = scenario.github()) {
 *     c.install(github);
 *     ... boot, check, report c.description() with the outcome ...
 *   }
 * }
 * }</pre>
 *
 * @param cases in baseline order, then in the order the faults were given
 */
public record FaultMatrix(List<FaultCase> cases) implements Iterable<FaultCase> {
  public FaultMatrix {
    cases = List.copyOf(cases);
  }

  /**
   * Each of {@code faults} on each request of {@code baseline}, leaving out the pairs that would
   * send exactly the baseline's bytes (a body cut at or past its end, a {@code Content-Length}
   * equal to the real one) and those no such server sends: GitHub's rate limit anywhere but on its
   * REST API, api.github.com (raw.githubusercontent.com, codeload, github.com's downloads and the
   * asset hosts are not counted against it and never answer with it, spec/github-api.md), nor on a
   * server of one's own.
   *
   * @throws IllegalArgumentException if the baseline already had faults
   */
  public static FaultMatrix of(List<Exchange> baseline, List<NetworkFault> faults) {
    List<NetworkFault> all = List.copyOf(faults);
    return of(
        baseline,
        exchange -> all.stream().filter(f -> changes(f, exchange)).collect(Collectors.toList()));
  }

  /**
   * The faults {@code faultsFor} picks for each request of {@code baseline}, for faults that depend
   * on the request: {@code e -> List.of(new TruncatedBody(e.bodyBytes() / 2))}. Nothing is left
   * out.
   *
   * @throws IllegalArgumentException if the baseline already had faults
   */
  public static FaultMatrix of(
      List<Exchange> baseline, Function<Exchange, List<NetworkFault>> faultsFor) {
    Objects.requireNonNull(faultsFor, "faultsFor");
    List<FaultCase> cases = new ArrayList<>();
    for (int i = 0; i < baseline.size(); i++) {
      Exchange exchange = baseline.get(i);
      if (exchange.fault().isPresent()) {
        throw new IllegalArgumentException(
            "the baseline must be a clean run, but request "
                + (i + 1)
                + " had a fault: "
                + exchange
                + "; record the baseline on a FakeGitHub without faults");
      }
      RequestPattern pattern = RequestPattern.of(exchange);
      // The rerun counts every request the pattern matches, so count the same way here.
      int occurrence = (int) baseline.subList(0, i + 1).stream().filter(pattern::matches).count();
      for (NetworkFault fault : faultsFor.apply(exchange)) {
        FaultRule rule =
            new FaultRule(
                pattern, Occurrences.onRequest(occurrence), Objects.requireNonNull(fault, "fault"));
        cases.add(new FaultCase(i + 1, exchange, rule));
      }
    }
    return new FaultMatrix(cases);
  }

  /** Whether {@code fault} would make {@code exchange}'s response differ on the wire. */
  private static boolean changes(NetworkFault fault, Exchange exchange) {
    if (fault instanceof NetworkFault.RateLimited) {
      return exchange.host().equals("api.github.com");
    }
    if (fault instanceof NetworkFault.TruncatedBody truncated) {
      return truncated.bytes() < exchange.bodyBytes();
    }
    if (fault instanceof NetworkFault.WrongContentLength wrong) {
      return wrong.declared() != exchange.bodyBytes();
    }
    return true;
  }

  public int size() {
    return cases.size();
  }

  @Override
  public Iterator<FaultCase> iterator() {
    return cases.iterator();
  }

  /** One case's description a line, as a report lists them. */
  @Override
  public String toString() {
    return cases.stream().map(FaultCase::description).collect(Collectors.joining("\n"));
  }
}
