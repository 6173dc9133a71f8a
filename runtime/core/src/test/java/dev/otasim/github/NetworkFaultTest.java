package dev.otasim.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otasim.github.NetworkFault.DisconnectAfter;
import dev.otasim.github.NetworkFault.RateLimited;
import dev.otasim.github.NetworkFault.Redirect;
import dev.otasim.github.NetworkFault.ResetConnection;
import dev.otasim.github.NetworkFault.SlowTrickle;
import dev.otasim.github.NetworkFault.Stall;
import dev.otasim.github.NetworkFault.Status;
import dev.otasim.github.NetworkFault.TruncatedBody;
import dev.otasim.github.NetworkFault.WrongContentLength;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NetworkFaultTest {
  @Nested
  class Descriptions {
    @Test
    void readAsPhrasesInAReport() {
      List<NetworkFault> faults =
          List.of(
              new Status(503),
              new Stall(),
              new DisconnectAfter(20),
              new TruncatedBody(100),
              new WrongContentLength(10),
              new SlowTrickle(64, Duration.ofMillis(10)),
              new SlowTrickle(1, Duration.ofSeconds(1)),
              new SlowTrickle(1, Duration.ofNanos(1500)),
              new ResetConnection(),
              new RateLimited(),
              new Redirect("https://example.com/a"),
              new Redirect("/b", 301));

      assertThat(faults)
          .map(NetworkFault::toString)
          .containsExactly(
              "status 503 Service Unavailable",
              "stall (never answers)",
              "disconnect after 20 B",
              "truncated body after 100 B",
              "wrong Content-Length: 10",
              "slow trickle of 64 B every 10 ms",
              "slow trickle of 1 B every 1 s",
              "slow trickle of 1 B every 1500 ns",
              "connection reset",
              "rate limited (403)",
              "redirect 302 to https://example.com/a",
              "redirect 301 to /b");
    }

    @Test
    void occurrencesSayWhichRequests() {
      assertThat(
              List.of(
                  Occurrences.always(),
                  Occurrences.times(1),
                  Occurrences.times(2),
                  Occurrences.onRequest(1),
                  Occurrences.onRequest(3),
                  Occurrences.onRequest(12),
                  Occurrences.onRequest(22),
                  Occurrences.from(2),
                  new Occurrences(2, 4)))
          .map(Occurrences::toString)
          .containsExactly(
              "every time",
              "the first time",
              "the first 2 times",
              "the first time",
              "the 3rd time",
              "the 12th time",
              "the 22nd time",
              "from the 2nd time on",
              "the 2nd to 4th times");
    }

    @Test
    void patternsNameMethodHostAndPath() {
      assertThat(new RequestPattern("get", "RAW.githubusercontent.com", "/o/r/*/main.py"))
          .hasToString("GET raw.githubusercontent.com/o/r/*/main.py");
      assertThat(new RequestPattern("GET", "api.github.com", "*"))
          .hasToString("GET api.github.com/**");
      assertThat(RequestPattern.any()).hasToString("any request");
    }
  }

  @Nested
  class Misuse {
    @Test
    void statusIsAnErrorStatus() {
      assertThatThrownBy(() -> new Status(302))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a Status fault is an error status, 400 to 599 (use Redirect for 3xx): 302");
    }

    @Test
    void byteCountsAreNotNegative() {
      assertThatThrownBy(() -> new TruncatedBody(-1)).hasMessage("bytes must be >= 0: -1");
      assertThatThrownBy(() -> new DisconnectAfter(-1)).hasMessage("bytes must be >= 0: -1");
      assertThatThrownBy(() -> new WrongContentLength(-5)).hasMessage("declared must be >= 0: -5");
    }

    @Test
    void aTrickleMoves() {
      assertThatThrownBy(() -> new SlowTrickle(0, Duration.ofMillis(1)))
          .hasMessage("bytesPerPeriod must be > 0: 0");
      assertThatThrownBy(() -> new SlowTrickle(1, Duration.ZERO))
          .hasMessage("period must be > 0: PT0S");
    }

    @Test
    void redirectsUseARedirectStatus() {
      assertThatThrownBy(() -> new Redirect("https://example.com", 200))
          .hasMessage("a redirect's status is 301, 302, 303, 307 or 308: 200");
      assertThatThrownBy(() -> new Redirect(" ", 302)).hasMessage("location must not be blank");
    }

    @Test
    void occurrencesCountFromOne() {
      assertThatThrownBy(() -> Occurrences.onRequest(0))
          .hasMessage("requests count from 1: onRequest(0)");
      assertThatThrownBy(() -> Occurrences.times(0)).hasMessage("times(n) needs n >= 1: 0");
      assertThatThrownBy(() -> new Occurrences(3, 2))
          .hasMessage("occurrences count from 1 and last >= first: first=3, last=2");
    }

    @Test
    void pathPatternsStartWithASlash() {
      assertThatThrownBy(() -> new RequestPattern("GET", "api.github.com", "repos/o/r"))
          .hasMessage(
              "a path pattern starts with \"/\", like \"/owner/app/v1.1.0/main.py\", or is"
                  + " \"*\": \"repos/o/r\"");
    }
  }
}
