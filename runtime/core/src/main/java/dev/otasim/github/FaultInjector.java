package dev.otasim.github;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okio.Buffer;
import okio.BufferedSink;

/**
 * Puts a {@link NetworkFault} on the wire: turns the response the model would have served into the
 * faulty one.
 *
 * <p>The model always answers first, so its bookkeeping (the rate limit, unexpected requests) is
 * the same with and without faults. Faults MockWebServer can express become a changed {@link
 * MockResponse}; the two it cannot (a cut inside the headers, a TCP reset) write to the
 * connection's socket directly and then tell MockWebServer to close it without writing anything.
 */
final class FaultInjector {
  /** Headers that describe the model's body or cache entry, dropped when a fault replaces it. */
  private static final Set<String> BODY_HEADERS =
      Set.of(
          "content-type",
          "content-length",
          "transfer-encoding",
          "connection",
          "etag",
          "cache-control",
          "vary",
          "link",
          "location");

  /** The rate-limit headers, which {@link NetworkFault.RateLimited} replaces. */
  private static final Set<String> RATE_LIMIT_HEADERS =
      Set.of(
          "x-ratelimit-limit",
          "x-ratelimit-remaining",
          "x-ratelimit-reset",
          "x-ratelimit-used",
          "x-ratelimit-resource");

  private final FakeGitHub github;
  private final Connections connections;

  /** The server of one's own whose responses this injector spoils, or null for GitHub's hosts. */
  private final Origin origin;

  FaultInjector(FakeGitHub github, Connections connections) {
    this(github, connections, null);
  }

  /** An injector for {@code origin}'s server: its error pages and its wire, not GitHub's. */
  FaultInjector(FakeGitHub github, Connections connections, Origin origin) {
    this.github = github;
    this.connections = connections;
    this.origin = origin;
  }

  MockResponse apply(NetworkFault fault, Request request, Supplier<MockResponse> proceed) {
    MockResponse model = proceed.get();
    if (fault instanceof NetworkFault.Stall) {
      // said before the stall begins, so a device's read can tell it from a slow machine
      connections.get(request.connection()).stall();
      // MockWebServer waits (up to an hour) until the socket closes, then gives up on it.
      return model.newBuilder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
    }
    if (fault instanceof NetworkFault.SlowTrickle trickle) {
      // our own throttle rather than MockWebServer's, so each pause is known as a silence
      return model
          .newBuilder()
          .body(new Trickle(encodedBody(model), trickle, connections.get(request.connection())))
          .headers(model.getHeaders()) // after body(), which may add its own framing
          .build();
    }
    if (fault instanceof NetworkFault.TruncatedBody truncated) {
      byte[] body = body(model);
      byte[] sent = Arrays.copyOf(body, (int) Math.min(truncated.bytes(), body.length));
      return withBody(model, sent, body.length);
    }
    if (fault instanceof NetworkFault.WrongContentLength wrong) {
      return withBody(model, body(model), wrong.declared());
    }
    if (fault instanceof NetworkFault.DisconnectAfter disconnect) {
      cut(request, wire(model), disconnect.bytes(), false);
      return closedWithoutWriting(model);
    }
    if (fault instanceof NetworkFault.ResetConnection) {
      cut(request, new byte[0], 0, true);
      return closedWithoutWriting(model);
    }
    if (fault instanceof NetworkFault.Status status) {
      if (origin != null) {
        // a server of one's own answers an error with its own whole page, http.server's or nginx's
        Reply page =
            OriginFiles.errorPage(origin, origin.style(), github.clock().instant(), status.code());
        return OriginWire.encode(request, page, origin.style());
      }
      return replace(request, model, errorReply(request, status.code()), List.of(), Set.of());
    }
    if (fault instanceof NetworkFault.RateLimited) {
      return replace(
          request, model, ApiRoutes.rateLimited(), rateLimitHeaders(model), RATE_LIMIT_HEADERS);
    }
    if (fault instanceof NetworkFault.Redirect redirect) {
      Reply reply =
          new Reply(
              redirect.status(),
              List.of(new Reply.Header("Content-Type", "text/html;charset=utf-8")),
              new byte[0],
              false);
      return replace(
          request,
          model,
          reply,
          List.of(new Reply.Header("Location", redirect.location())),
          Set.of());
    }
    throw new AssertionError("unknown fault " + fault);
  }

  /** GitHub's body for an error status: its JSON on the API, {@code "503: Reason"} elsewhere. */
  private static Reply errorReply(Request request, int code) {
    return request.host().equals("api.github.com")
        ? ApiRoutes.error(code, Wire.reason(code), ApiRoutes.DOCS)
        : Reply.text(code, code + ": " + Wire.reason(code));
  }

  /** The headers of a spent limit, keeping the model's limit and reset time where it had them. */
  private List<Reply.Header> rateLimitHeaders(MockResponse model) {
    String limit = Optional.ofNullable(model.getHeaders().get("X-RateLimit-Limit")).orElse("60");
    String reset =
        Optional.ofNullable(model.getHeaders().get("X-RateLimit-Reset"))
            .orElseGet(
                () ->
                    Long.toString(
                        github.clock().instant().plus(Duration.ofHours(1)).getEpochSecond()));
    return List.of(
        new Reply.Header("X-RateLimit-Limit", limit),
        new Reply.Header("X-RateLimit-Remaining", "0"),
        new Reply.Header("X-RateLimit-Reset", reset),
        new Reply.Header("X-RateLimit-Used", limit),
        new Reply.Header("X-RateLimit-Resource", "core"));
  }

  /**
   * Serves {@code reply} with the model's other headers (date, request id, rate limit, security
   * headers) in their places: the reply's own headers and {@code extra} go where the first body
   * header was, and the model's {@code replaced} headers are left out.
   */
  private MockResponse replace(
      Request request,
      MockResponse model,
      Reply reply,
      List<Reply.Header> extra,
      Set<String> replaced) {
    List<Reply.Header> headers = new ArrayList<>();
    boolean placed = false;
    Headers modelled = model.getHeaders();
    for (int i = 0; i < modelled.size(); i++) {
      String lower = modelled.name(i).toLowerCase(Locale.ROOT);
      if (replaced.contains(lower)) {
        continue;
      }
      if (!BODY_HEADERS.contains(lower)) {
        headers.add(new Reply.Header(modelled.name(i), modelled.value(i)));
        continue;
      }
      if (!placed) {
        headers.addAll(reply.headers());
        headers.addAll(extra);
        placed = true;
      }
      if (lower.equals("content-length") || lower.equals("transfer-encoding")) {
        headers.add(new Reply.Header(Reply.FRAMING, ""));
      }
    }
    if (!placed) {
      headers.addAll(reply.headers());
      headers.addAll(extra);
    }
    if (origin != null) {
      return OriginWire.encode(request, reply.withHeaders(headers), origin.style());
    }
    return Wire.encode(
        request, reply.withHeaders(headers), github.headerCase(), github.chunkedAbove());
  }

  /**
   * The model's response with {@code body} and {@code Content-Length: declared} in place of its
   * framing, closing the connection afterwards: the client must not read the next response from
   * where this one went wrong.
   */
  private MockResponse withBody(MockResponse model, byte[] body, long declared) {
    Headers.Builder headers = new Headers.Builder();
    boolean framed = false;
    Headers modelled = model.getHeaders();
    for (int i = 0; i < modelled.size(); i++) {
      String name = modelled.name(i);
      if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")) {
        if (!framed) {
          headers.add(contentLength(), Long.toString(declared));
          framed = true;
        }
      } else {
        headers.add(name, modelled.value(i));
      }
    }
    if (!framed) {
      headers.add(contentLength(), Long.toString(declared));
    }
    return model
        .newBuilder()
        .body(new Buffer().write(body))
        .headers(headers.build()) // after body(), which adds its own Content-Length
        .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
        .build();
  }

  /** {@code Content-Length} as this server spells it: GitHub's case, or an origin's own. */
  private String contentLength() {
    return origin != null ? "Content-Length" : github.headerCase().apply("Content-Length");
  }

  /**
   * Writes the first {@code bytes} of {@code wire} to the request's connection, then closes it:
   * with a TCP reset if {@code reset}, else normally.
   */
  private void cut(Request request, byte[] wire, long bytes, boolean reset) {
    Socket socket = connections.get(request.connection());
    try {
      OutputStream out = socket.getOutputStream();
      out.write(wire, 0, (int) Math.min(bytes, wire.length));
      out.flush();
      if (reset) {
        socket.setSoLinger(true, 0); // close() then sends RST instead of FIN
      }
      socket.close();
    } catch (IOException e) {
      // The client has gone already; there is nothing left to cut.
    }
  }

  /** The model's response, which MockWebServer now closes instead of writing (it was cut). */
  private static MockResponse closedWithoutWriting(MockResponse model) {
    return model.newBuilder().onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  /** The response exactly as MockWebServer would write it: status line, headers, body. */
  static byte[] wire(MockResponse response) {
    Buffer out = new Buffer();
    out.writeUtf8(response.getStatus()).writeUtf8("\r\n");
    Headers headers = response.getHeaders();
    for (int i = 0; i < headers.size(); i++) {
      out.writeUtf8(headers.name(i)).writeUtf8(": ").writeUtf8(headers.value(i)).writeUtf8("\r\n");
    }
    out.writeUtf8("\r\n");
    out.write(encodedBody(response));
    return out.readByteArray();
  }

  /** The body's bytes as sent, chunk framing included. */
  private static byte[] encodedBody(MockResponse response) {
    if (response.getBody() == null) {
      return new byte[0];
    }
    Buffer body = new Buffer();
    try {
      response.getBody().writeTo(body);
    } catch (IOException e) {
      throw new IllegalStateException("a buffered body cannot fail to write", e);
    }
    return body.readByteArray();
  }

  /** A body sent a few bytes at a time, with a known pause between them. */
  private record Trickle(byte[] wire, NetworkFault.SlowTrickle trickle, WatchedSocket socket)
      implements MockResponseBody {
    @Override
    public long getContentLength() {
      return wire.length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      int step = trickle.bytesPerPeriod();
      for (int at = 0; at < wire.length; at += step) {
        sink.write(wire, at, Math.min(step, wire.length - at));
        sink.flush();
        if (at + step < wire.length) {
          try {
            socket.pause(trickle.period().toNanos());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the server closed during a slow trickle");
          }
        }
      }
    }
  }

  /** The body's own bytes, without chunk framing. */
  static byte[] body(MockResponse response) {
    byte[] encoded = encodedBody(response);
    boolean chunked =
        Optional.ofNullable(response.getHeaders().get("Transfer-Encoding"))
            .map(v -> v.equalsIgnoreCase("chunked"))
            .orElse(false);
    return chunked ? dechunk(encoded) : encoded;
  }

  /** Decodes {@code size CRLF data CRLF ... 0 CRLF CRLF}, as Wire writes it (no extensions). */
  private static byte[] dechunk(byte[] encoded) {
    Buffer in = new Buffer().write(encoded);
    Buffer out = new Buffer();
    try {
      while (true) {
        String line = in.readUtf8LineStrict();
        long size = Long.parseLong(line.trim(), 16);
        if (size == 0) {
          return out.readByteArray();
        }
        out.write(in, size);
        in.readUtf8LineStrict();
      }
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException(
          "malformed chunked body: " + new String(encoded, StandardCharsets.ISO_8859_1), e);
    }
  }
}
