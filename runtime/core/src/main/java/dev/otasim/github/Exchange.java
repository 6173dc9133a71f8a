package dev.otasim.github;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request the fake GitHub served and how it answered.
 *
 * @param host the {@code Host} header without port, which names the GitHub service addressed
 * @param target the request target as sent, path and query
 * @param httpVersion "HTTP/1.0" or "HTTP/1.1"
 * @param requestHeaders the request's headers in the order and case sent
 * @param status the status the response announced (none reached the client if the fault cut or
 *     stalled it first)
 * @param bodyBytes the length of the response body as its headers announced it, before any chunked
 *     encoding; a fault may have delivered fewer bytes, or none
 * @param fault the fault applied to this response, if one was
 * @param port the port of the server of one's own that answered, 0 for GitHub's hosts: two servers
 *     of one's own on one host are told apart by it
 */
public record Exchange(
    String method,
    String host,
    String target,
    String httpVersion,
    Map<String, String> requestHeaders,
    int status,
    long bodyBytes,
    Optional<NetworkFault> fault,
    int port) {
  public Exchange {
    requestHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(requestHeaders));
    Objects.requireNonNull(fault, "fault");
  }

  /** An exchange answered normally, without a fault. */
  public Exchange(
      String method,
      String host,
      String target,
      String httpVersion,
      Map<String, String> requestHeaders,
      int status,
      long bodyBytes) {
    this(method, host, target, httpVersion, requestHeaders, status, bodyBytes, Optional.empty());
  }

  /** An exchange with GitHub, answered with {@code fault} if present. */
  public Exchange(
      String method,
      String host,
      String target,
      String httpVersion,
      Map<String, String> requestHeaders,
      int status,
      long bodyBytes,
      Optional<NetworkFault> fault) {
    this(method, host, target, httpVersion, requestHeaders, status, bodyBytes, fault, 0);
  }

  /** The request as {@code GET host/path}, as failure messages name it. */
  public String request() {
    return method + " " + host + target;
  }

  /**
   * As in a report: {@code GET raw.githubusercontent.com/o/r/v1/main.py -> 200 (120 B)}, followed
   * by {@code , truncated body after 100 B} when a fault was applied.
   */
  @Override
  public String toString() {
    return request()
        + " -> "
        + status
        + " ("
        + bodyBytes
        + " B)"
        + fault.map(f -> ", " + f).orElse("");
  }
}
