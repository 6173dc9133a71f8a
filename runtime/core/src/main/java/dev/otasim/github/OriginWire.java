package dev.otasim.github;

import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okio.Buffer;

/**
 * Puts an {@link Origin}'s {@link Reply} on the wire as its server would: the status line's HTTP
 * version, header names as that server spells them, always {@code Content-Length}, no body for
 * {@code HEAD} or 304, and the connection closed after each response (http.server) or when the
 * client asks (nginx).
 */
final class OriginWire {
  private OriginWire() {}

  static MockResponse encode(Request request, Reply reply, ServerStyle style) {
    boolean python = style == ServerStyle.PYTHON_HTTP_SERVER;
    boolean close = python || request.closesConnection();
    boolean noBody = request.method().equals("HEAD") || reply.status() == 304;
    Headers.Builder headers = new Headers.Builder();
    for (Reply.Header header : reply.headers()) {
      if (header.name().equals(Reply.FRAMING)) {
        headers.addUnsafeNonAscii("Content-Length", Integer.toString(reply.body().length));
      } else if (header.name().equals("Connection") && header.value().isEmpty()) {
        headers.addUnsafeNonAscii("Connection", close ? "close" : "keep-alive");
      } else {
        headers.addUnsafeNonAscii(header.name(), header.value());
      }
    }
    String version = python ? "HTTP/1.0 " : "HTTP/1.1 ";
    MockResponse.Builder response =
        new MockResponse.Builder()
            .status(version + reply.status() + " " + reason(reply.status(), python));
    response.body(new Buffer().write(noBody ? new byte[0] : reply.body()));
    // After the body call, which adds its own Content-Length.
    response.headers(headers.build());
    if (close) {
      response.onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE);
    }
    return response.build();
  }

  private static String reason(int status, boolean python) {
    return status == 405 && !python ? "Not Allowed" : Wire.reason(status);
  }
}
