package dev.otasim.github;

import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okio.Buffer;

/**
 * Puts a {@link Reply} on the wire as GitHub would for this client: header names in the configured
 * case, the body delimited by {@code Content-Length} or chunked, and the connection closed when the
 * client cannot reuse it.
 *
 * <p>MockWebServer writes headers exactly as given (name case included) and adds none of its own,
 * so the framing headers written here are the only ones the client sees.
 */
final class Wire {
  /** Chunks of at most this many bytes, so that a client reading chunked bodies meets several. */
  static final int CHUNK_SIZE = 1024;

  private Wire() {}

  /**
   * @param chunkedAbove HTTP/1.1 JSON bodies longer than this are sent chunked
   */
  static MockResponse encode(
      Request request, Reply reply, HeaderCase headerCase, int chunkedAbove) {
    // HTTP/1.0 has no chunked encoding: a client that asked for 1.0 gets Content-Length.
    boolean head = request.method().equals("HEAD");
    boolean chunked =
        !head
            && "HTTP/1.1".equals(request.httpVersion())
            && reply.isJson()
            && reply.body().length > chunkedAbove;
    boolean close = request.closesConnection();

    Headers.Builder headers = new Headers.Builder();
    boolean framed = false;
    for (Reply.Header header : reply.headers()) {
      if (header.name().equals(Reply.FRAMING)) {
        framing(headers, headerCase, chunked, reply.body().length);
        framed = true;
      } else {
        headers.add(headerCase.apply(header.name()), header.value());
      }
    }
    if (!framed) {
      framing(headers, headerCase, chunked, reply.body().length);
    }
    if (close) {
      headers.add(headerCase.apply("Connection"), "close");
    }

    MockResponse.Builder response =
        new MockResponse.Builder()
            .status("HTTP/1.1 " + reply.status() + " " + reason(reply.status()));
    Buffer body = new Buffer().write(reply.body());
    if (chunked) {
      response.chunkedBody(body, CHUNK_SIZE);
    } else if (!head) { // HEAD: the Content-Length a GET would get, and no body
      response.body(body);
    }
    // After the body calls, which add their own canonical-case framing header.
    response.headers(headers.build());
    if (close) {
      response.onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE);
    }
    return response.build();
  }

  private static void framing(
      Headers.Builder headers, HeaderCase headerCase, boolean chunked, int length) {
    if (chunked) {
      headers.add(headerCase.apply("Transfer-Encoding"), "chunked");
    } else {
      headers.add(headerCase.apply("Content-Length"), Integer.toString(length));
    }
  }

  /** The reason phrase GitHub's front end sends with {@code status}. */
  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 206 -> "Partial Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 303 -> "See Other";
      case 304 -> "Not Modified";
      case 307 -> "Temporary Redirect";
      case 308 -> "Permanent Redirect";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 416 -> "Requested Range Not Satisfiable";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Status";
    };
  }
}
