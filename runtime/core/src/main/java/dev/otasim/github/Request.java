package dev.otasim.github;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * A request as the fake GitHub routes it: the service named by {@code Host}, the decoded path and
 * the query.
 *
 * @param port the port of the server of one's own it reached, 0 on GitHub's hosts (which are told
 *     apart by name)
 * @param connection MockWebServer's index of the connection it came on, where faults find the
 *     socket
 * @param body the request's body, empty if it had none
 */
record Request(
    String method,
    String host,
    int port,
    String target,
    String httpVersion,
    Headers headers,
    HttpUrl url,
    int connection,
    byte[] body) {

  static Request of(RecordedRequest recorded) {
    Headers headers = recorded.getHeaders();
    String target = recorded.getTarget();
    HttpUrl url;
    String host;
    if (target.startsWith("http://") || target.startsWith("https://")) {
      url = HttpUrl.parse(target); // absolute-form, as sent to a proxy
      host = url == null ? "" : url.host();
    } else {
      String hostHeader = Optional.ofNullable(headers.get("Host")).orElse("");
      host = hostHeader.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
      url = HttpUrl.parse("http://" + (host.isEmpty() ? "no-host.invalid" : host) + target);
    }
    return new Request(
        recorded.getMethod(),
        host,
        0,
        target,
        recorded.getVersion(),
        headers,
        url,
        recorded.getConnectionIndex(),
        recorded.getBody() == null ? new byte[0] : recorded.getBody().toByteArray());
  }

  /**
   * The same request as it reached {@code origin}: a server of one's own is told apart by the
   * address the device connected to, not by a {@code Host} header the client may not send.
   */
  Request at(Origin origin) {
    String name = origin.host();
    HttpUrl at =
        target.startsWith("http://") || target.startsWith("https://")
            ? HttpUrl.parse(target)
            : HttpUrl.parse("http://" + name + (target.startsWith("/") ? target : "/" + target));
    return new Request(
        method, name, origin.port(), target, httpVersion, headers, at, connection, body);
  }

  /** The decoded path segments, without the empty one a trailing slash leaves. */
  List<String> segments() {
    if (url == null) {
      return List.of();
    }
    List<String> segments = new ArrayList<>(url.pathSegments());
    if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
      segments.remove(segments.size() - 1);
    }
    return segments;
  }

  Optional<String> query(String name) {
    return url == null ? Optional.empty() : Optional.ofNullable(url.queryParameter(name));
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /**
   * Whether the connection ends with this exchange: always for HTTP/1.0 (MicroPython's {@code
   * requests} reads to EOF), and for HTTP/1.1 when the client said {@code Connection: close}.
   */
  boolean closesConnection() {
    return !"HTTP/1.1".equals(httpVersion)
        || header("Connection").map(c -> c.equalsIgnoreCase("close")).orElse(false);
  }

  /** The token from {@code Authorization: token T} or {@code Bearer T}; empty string if other. */
  Optional<String> token() {
    return header("Authorization")
        .map(
            value -> {
              String[] parts = value.trim().split("\\s+", 2);
              boolean known =
                  parts.length == 2
                      && (parts[0].equalsIgnoreCase("token")
                          || parts[0].equalsIgnoreCase("bearer"));
              return known ? parts[1].trim() : "";
            });
  }
}
