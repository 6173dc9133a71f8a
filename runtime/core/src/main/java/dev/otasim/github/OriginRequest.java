package dev.otasim.github;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A request a route of an {@link Origin} answers.
 *
 * @param method {@code GET}, {@code POST}, ...
 * @param path the decoded path, {@code /ota/report}
 * @param query the query as sent, without {@code ?}; empty if none
 * @param headers the request's headers, names as sent (repeated ones joined with {@code ", "})
 * @param body the body, empty if none
 */
public record OriginRequest(
    String method, String path, String query, Map<String, String> headers, byte[] body) {
  public OriginRequest {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** A header's value, its name in any case. */
  public Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst();
  }
}
