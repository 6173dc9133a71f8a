package dev.otasim.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otasim.github.NetworkFault.ResetConnection;
import dev.otasim.github.NetworkFault.Stall;
import dev.otasim.github.NetworkFault.Status;
import dev.otasim.github.NetworkFault.TruncatedBody;
import dev.otasim.github.NetworkFault.WrongContentLength;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultMatrixTest {
  static final String RAW = "raw.githubusercontent.com";

  static Exchange exchange(String host, String target, long bodyBytes) {
    return new Exchange("GET", host, target, "HTTP/1.0", Map.of(), 200, bodyBytes);
  }

  /** A clean run: check, then download two files, the first one twice (a retry). */
  static final List<Exchange> BASELINE =
      List.of(
          exchange("api.github.com", "/repos/owner/app/releases/latest", 2500),
          exchange(RAW, "/owner/app/v1.1.0/main.py", 1000),
          exchange(RAW, "/owner/app/v1.1.0/main.py", 1000),
          exchange(RAW, "/owner/app/v1.1.0/lib/ota.py", 50));

  @Test
  void enumeratesEachFaultOnEachRequestInOrder() {
    FaultMatrix matrix = FaultMatrix.of(BASELINE, List.of(new Stall(), new TruncatedBody(100)));

    assertThat(matrix)
        .hasToString(
            String.join(
                "\n",
                "request 1 GET api.github.com/repos/owner/app/releases/latest: stall (never"
                    + " answers)",
                "request 1 GET api.github.com/repos/owner/app/releases/latest: truncated body"
                    + " after 100 B",
                "request 2 GET raw.githubusercontent.com/owner/app/v1.1.0/main.py: stall (never"
                    + " answers)",
                "request 2 GET raw.githubusercontent.com/owner/app/v1.1.0/main.py: truncated body"
                    + " after 100 B",
                "request 3 GET raw.githubusercontent.com/owner/app/v1.1.0/main.py: stall (never"
                    + " answers)",
                "request 3 GET raw.githubusercontent.com/owner/app/v1.1.0/main.py: truncated body"
                    + " after 100 B",
                "request 4 GET raw.githubusercontent.com/owner/app/v1.1.0/lib/ota.py: stall"
                    + " (never answers)"));
    assertThat(matrix.size()).isEqualTo(7);
  }

  @Test
  void leavesOutFaultsThatWouldSendTheBaselinesBytes() {
    FaultMatrix matrix =
        FaultMatrix.of(
            BASELINE.subList(3, 4),
            List.of(new TruncatedBody(50), new WrongContentLength(50), new WrongContentLength(49)));

    assertThat(matrix.cases()).map(FaultCase::fault).containsExactly(new WrongContentLength(49));
  }

  @Test
  void picksFaultsPerRequestWhenGivenAFunction() {
    FaultMatrix matrix =
        FaultMatrix.of(BASELINE, e -> List.of(new TruncatedBody(e.bodyBytes() / 2)));

    assertThat(matrix.cases())
        .map(FaultCase::fault)
        .containsExactly(
            new TruncatedBody(1250),
            new TruncatedBody(500),
            new TruncatedBody(500),
            new TruncatedBody(25));
  }

  @Test
  void targetsARepeatedRequestByItsOccurrence() {
    FaultMatrix matrix = FaultMatrix.of(BASELINE, List.of(new ResetConnection()));

    assertThat(matrix.cases().get(2).rule())
        .hasToString(
            "GET raw.githubusercontent.com/owner/app/v1.1.0/main.py, the 2nd time:"
                + " connection reset");
  }

  @Test
  void installsTheFaultOnExactlyTheBaselinesRequest() throws IOException {
    // given: the 3rd request of the baseline, the retry of main.py
    FaultCase third = FaultMatrix.of(BASELINE, List.of(new Status(500))).cases().get(2);

    // when: the scenario runs again on a fresh FakeGitHub
    List<Integer> statuses = new ArrayList<>();
    try (FakeGitHub github = FakeGitHub.create()) {
      github.repository("owner/app").release("v1.1.0", files -> files.file("main.py", "x"));
      third.install(github);
      for (int i = 0; i < 3; i++) {
        statuses.add(
            RawHttp.get10(
                    github.start().address(), RAW, "/owner/app/v1.1.0/main.py", "User-Agent: t")
                .status());
      }
      // then
      assertThat(statuses).containsExactly(200, 500, 200);
      assertThat(github.exchanges().get(1).fault()).contains(new Status(500));
    }
  }

  @Test
  void refusesABaselineThatHadFaults() {
    List<Exchange> faulted =
        List.of(
            new Exchange(
                "GET",
                RAW,
                "/o/r/v1/main.py",
                "HTTP/1.0",
                Map.of(),
                200,
                10,
                Optional.of(new Stall())));

    assertThatThrownBy(() -> FaultMatrix.of(faulted, List.of(new Stall())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the baseline must be a clean run, but request 1 had a fault: GET"
                + " raw.githubusercontent.com/o/r/v1/main.py -> 200 (10 B), stall (never answers);"
                + " record the baseline on a FakeGitHub without faults");
  }
}
