package dev.otasim.github;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request the fake GitHub served and how it answered.
 *
 * @param host the {@code Host} header without port, which names the GitHub service addressed
 * @param target the request target as sent, path and query
 * @param httpVersion "HTTP/1.0" or "HTTP/1.1"
 * @param requestHeaders the request's headers in the order and case sent
 * @param bodyBytes the length of the response body, before any chunked encoding
 */
public record Exchange(
    String method,
    String host,
    String target,
    String httpVersion,
    Map<String, String> requestHeaders,
    int status,
    long bodyBytes) {
  public Exchange {
    requestHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(requestHeaders));
  }

  /** The request as {@code GET host/path}, as failure messages name it. */
  public String request() {
    return method + " " + host + target;
  }

  @Override
  public String toString() {
    return request() + " -> " + status + " (" + bodyBytes + " B)";
  }
}
