package dev.otasim.github;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a route of an {@link Origin} answers: a status, a content type, more headers if needed, and
 * the body. The origin's server adds its own {@code Server}, {@code Date} and framing headers.
 *
 * @param headers more headers, in order, their names spelled as sent
 */
public record OriginResponse(
    int status, String contentType, List<Map.Entry<String, String>> headers, byte[] body) {
  public OriginResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100..599: " + status);
    }
    Objects.requireNonNull(contentType, "contentType");
    headers = List.copyOf(headers);
    body = body.clone();
  }

  /** A JSON body, {@code application/json}. */
  public static OriginResponse json(int status, String json) {
    return bytes(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** A text body, {@code text/plain; charset=utf-8}. */
  public static OriginResponse text(int status, String text) {
    return bytes(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /** Any body with its content type. */
  public static OriginResponse bytes(int status, String contentType, byte[] body) {
    return new OriginResponse(status, contentType, List.of(), body);
  }

  /** The same response with one more header. */
  public OriginResponse withHeader(String name, String value) {
    List<Map.Entry<String, String>> more = new ArrayList<>(headers);
    more.add(Map.entry(name, value));
    return new OriginResponse(status, contentType, more, body);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
