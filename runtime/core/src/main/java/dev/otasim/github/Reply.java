package dev.otasim.github;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a route answers, before it is put on the wire: status, headers in canonical case and
 * GitHub's order, and body.
 *
 * <p>A header named {@link #FRAMING} marks where {@code Content-Length} or {@code
 * Transfer-Encoding} goes, which depends on the client, not the route.
 *
 * @param unexpected whether nothing scripted matched, so the test should fail
 */
record Reply(int status, List<Header> headers, byte[] body, boolean unexpected) {
  /** A response header, its name spelled canonically. */
  record Header(String name, String value) {}

  static final String FRAMING = "Content-Length";

  static final String JSON = "application/json; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";

  Reply {
    headers = List.copyOf(headers);
  }

  static Reply json(int status, String json) {
    return new Reply(
        status,
        List.of(new Header("Content-Type", JSON)),
        json.getBytes(StandardCharsets.UTF_8),
        false);
  }

  static Reply text(int status, String text) {
    return new Reply(
        status,
        List.of(new Header("Content-Type", TEXT)),
        text.getBytes(StandardCharsets.UTF_8),
        false);
  }

  Reply withHeader(String name, String value) {
    List<Header> more = new ArrayList<>(headers);
    more.add(new Header(name, value));
    return new Reply(status, more, body, unexpected);
  }

  Reply withHeaders(List<Header> replaced) {
    return new Reply(status, replaced, body, unexpected);
  }

  Reply markUnexpected() {
    return new Reply(status, headers, body, true);
  }

  Optional<String> header(String name) {
    return headers.stream()
        .filter(h -> h.name().equalsIgnoreCase(name))
        .map(Header::value)
        .findFirst();
  }

  boolean isJson() {
    return header("Content-Type").map(t -> t.startsWith("application/json")).orElse(false);
  }
}
