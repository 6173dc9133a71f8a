package dev.otasim.github;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Something that goes wrong between a device and GitHub, applied to the response the fake GitHub
 * would otherwise have sent; attach one with {@link FakeGitHub#on} or {@link FakeGitHub#fault}.
 *
 * <p>Each fault reads as a phrase in a report: {@code "truncated body after 100 B"}. What a device
 * sees follows spec/micropython-esp32.md §8: a socket that stops answering times out with {@code
 * OSError(116)}, a reset raises {@code OSError(104)}, and a connection closed early reads as end of
 * stream, so {@code read(n)} returns fewer bytes than asked without an error.
 */
public sealed interface NetworkFault {

  /**
   * Answers with {@code code} instead, with the body GitHub gives for it: its error JSON on
   * api.github.com, {@code "503: Service Unavailable"} as text elsewhere. The model's rate-limit
   * and request-id headers are kept.
   */
  record Status(int code) implements NetworkFault {
    public Status {
      if (code < 400 || code > 599) {
        throw new IllegalArgumentException(
            "a Status fault is an error status, 400 to 599 (use Redirect for 3xx): " + code);
      }
    }

    @Override
    public String toString() {
      return "status " + code + " " + Wire.reason(code);
    }
  }

  /**
   * Reads the request and never answers; the connection stays open until the client gives up or the
   * fake GitHub closes. A device with a socket timeout gets {@code OSError(116)}, one without
   * hangs.
   */
  record Stall() implements NetworkFault {
    @Override
    public String toString() {
      return "stall (never answers)";
    }
  }

  /**
   * Sends the first {@code bytes} bytes of the response, counted from the status line, then closes
   * the connection normally (FIN). A cut inside the headers leaves the client a partial header
   * line; a cut inside the body, fewer body bytes than {@code Content-Length} promised.
   */
  record DisconnectAfter(long bytes) implements NetworkFault {
    public DisconnectAfter {
      requireNotNegative(bytes, "bytes");
    }

    @Override
    public String toString() {
      return "disconnect after " + bytes + " B";
    }
  }

  /**
   * Sends the complete headers, {@code Content-Length} announcing the whole body, then only the
   * first {@code bytes} bytes of the body, then closes the connection. A chunked response is sent
   * with {@code Content-Length} instead, so the cut is in the body's own bytes.
   */
  record TruncatedBody(long bytes) implements NetworkFault {
    public TruncatedBody {
      requireNotNegative(bytes, "bytes");
    }

    @Override
    public String toString() {
      return "truncated body after " + bytes + " B";
    }
  }

  /**
   * Sends the whole body but {@code Content-Length: declared}, then closes the connection. A client
   * trusting the header reads too little when {@code declared} is smaller (the rest is lost with
   * the connection) and meets end of stream early when it is larger.
   */
  record WrongContentLength(long declared) implements NetworkFault {
    public WrongContentLength {
      requireNotNegative(declared, "declared");
    }

    @Override
    public String toString() {
      return "wrong Content-Length: " + declared;
    }
  }

  /**
   * Sends the headers at once and the body {@code bytesPerPeriod} bytes at a time, waiting {@code
   * period} between them. The delays are real time, as the simulated device's sockets are real:
   * keep them to milliseconds, and below the device's 1.5 s stall limit if the trickle should
   * arrive rather than time out. Precisely: a pause longer than the device socket's timeout times
   * out as on the board, a shorter one arrives, however busy this machine is.
   */
  record SlowTrickle(int bytesPerPeriod, Duration period) implements NetworkFault {
    public SlowTrickle {
      if (bytesPerPeriod <= 0) {
        throw new IllegalArgumentException("bytesPerPeriod must be > 0: " + bytesPerPeriod);
      }
      Objects.requireNonNull(period, "period");
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("period must be > 0: " + period);
      }
    }

    @Override
    public String toString() {
      return "slow trickle of " + bytesPerPeriod + " B every " + human(period);
    }

    private static String human(Duration period) {
      long nanos = period.toNanos();
      if (nanos % 1_000_000_000L == 0) {
        return nanos / 1_000_000_000L + " s";
      }
      if (nanos % 1_000_000L == 0) {
        return nanos / 1_000_000L + " ms";
      }
      return nanos + " ns";
    }
  }

  /**
   * Resets the connection (TCP RST) as soon as the request has arrived, before any response byte.
   * The client's next read fails with {@code ECONNRESET}.
   */
  record ResetConnection() implements NetworkFault {
    @Override
    public String toString() {
      return "connection reset";
    }
  }

  /**
   * Answers as GitHub does once the hourly API limit is spent: 403 with GitHub's "API rate limit
   * exceeded" JSON and {@code X-RateLimit-Remaining: 0}, on any host.
   */
  record RateLimited() implements NetworkFault {
    @Override
    public String toString() {
      return "rate limited (403)";
    }
  }

  /**
   * Redirects to {@code location} with {@code status} (301, 302, 303, 307 or 308) and an empty
   * body. {@code location} is sent as given; GitHub's own are absolute URLs.
   */
  record Redirect(String location, int status) implements NetworkFault {
    private static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);

    public Redirect {
      Objects.requireNonNull(location, "location");
      if (location.isBlank()) {
        throw new IllegalArgumentException("location must not be blank");
      }
      if (!STATUSES.contains(status)) {
        throw new IllegalArgumentException(
            "a redirect's status is 301, 302, 303, 307 or 308: " + status);
      }
    }

    /** A 302 Found, what GitHub's archive and release-asset redirects use. */
    public Redirect(String location) {
      this(location, 302);
    }

    @Override
    public String toString() {
      return "redirect " + status + " to " + location;
    }
  }

  private static void requireNotNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0: " + value);
    }
  }
}
