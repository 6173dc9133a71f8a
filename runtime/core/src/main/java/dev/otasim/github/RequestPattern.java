package dev.otasim.github;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which requests a fault applies to: a method, a host (one of GitHub's, or a server of one's own's
 * name or IP literal, with a port to select that one server of several on the host) and a path,
 * each of which may be {@code "*"} for any; and optionally a repository, whose requests it selects
 * on every GitHub host.
 *
 * <p>The path is the request target as sent, matched whole. In it {@code *} stands for any
 * characters within one path segment and {@code **} for any characters at all, so {@code
 * "/owner/app/ * /main/app.py"} (without the spaces) matches every ref and {@code "/owner/app/**"}
 * is a prefix. The query is ignored unless the pattern has one: {@code "/repos/o/r/contents/x"}
 * matches {@code "/repos/o/r/contents/x?ref=v1"}, {@code "/repos/o/r/contents/x?ref=v1"} only that.
 *
 * @param method {@code "GET"}, or {@code "*"}
 * @param host {@code "api.github.com"}, {@code "raw.githubusercontent.com"}, ..., a server of one's
 *     own's {@code "192.168.1.10"} (on every port) or {@code "192.168.1.10:8080"} (on that port
 *     only), or {@code "*"}
 * @param path a target starting with {@code /}, with {@code *} and {@code **} as wildcards, or
 *     {@code "*"}
 * @param repository {@code "owner/name"}: only requests about that repository (its {@code
 *     /repos/owner/name/...} on api.github.com, {@code /owner/name/...} on
 *     raw.githubusercontent.com, codeload.github.com and github.com), whatever their host; or
 *     {@code "*"}
 */
public record RequestPattern(String method, String host, String path, String repository) {
  private static final Pattern HOST_PORT = Pattern.compile("(.+):(\\d{1,9})");

  public RequestPattern {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(repository, "repository");
    if (!repository.equals("*")) {
      repository = RepoName.parse(repository).toString().toLowerCase(Locale.ROOT);
    }
    Matcher withPort = HOST_PORT.matcher(host);
    if (withPort.matches()) {
      String name = withPort.group(1).toLowerCase(Locale.ROOT);
      int port = Integer.parseInt(withPort.group(2));
      if (name.equals("*")) {
        throw new IllegalArgumentException(
            "a host pattern with a port names the host too: \""
                + host
                + "\"; give the server's name or address with it, such as \"192.168.1.10:"
                + withPort.group(2)
                + "\"");
      }
      if (FakeGitHub.isGitHubHost(name)) {
        throw new IllegalArgumentException(
            "GitHub's hosts are told apart by name, not port: \""
                + host
                + "\"; give \""
                + name
                + "\"");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(
            "a port is 1 to 65535: \""
                + host
                + "\"; give the port the server was started on, or \""
                + name
                + "\" for every port");
      }
      host = name + ":" + port;
    } else if (host.contains(":")) {
      throw new IllegalArgumentException(
          "a host pattern is a name or IPv4 address, with \":port\" or without: \"" + host + "\"");
    }
    if (!path.equals("*") && !path.startsWith("/")) {
      throw new IllegalArgumentException(
          "a path pattern starts with \"/\", like \"/owner/app/v1.1.0/main.py\", or is \"*\": \""
              + path
              + "\"");
    }
    method = method.toUpperCase(Locale.ROOT);
    host = host.toLowerCase(Locale.ROOT);
  }

  /** Requests by method, host and path, about any repository. */
  public RequestPattern(String method, String host, String path) {
    this(method, host, path, "*");
  }

  /** Every request. */
  public static RequestPattern any() {
    return new RequestPattern("*", "*", "*");
  }

  /** The {@code method} (or {@code "*"}) requests about {@code repository}, on every host. */
  public static RequestPattern repository(String method, String repository) {
    return new RequestPattern(method, "*", "*", repository);
  }

  /**
   * Exactly the request {@code exchange} made, query included, on the one server that answered it
   * (its port too, for a server of one's own).
   */
  public static RequestPattern of(Exchange exchange) {
    String host = exchange.port() == 0 ? exchange.host() : exchange.host() + ":" + exchange.port();
    return new RequestPattern(exchange.method(), host, exchange.target());
  }

  /** Whether {@code exchange}'s request is one this pattern selects. */
  public boolean matches(Exchange exchange) {
    return matches(exchange.method(), exchange.host(), exchange.port(), exchange.target());
  }

  boolean matches(Request request) {
    return matches(request.method(), request.host(), request.port(), request.target());
  }

  private boolean matches(String method, String host, int port, String target) {
    return (this.method.equals("*") || this.method.equals(method))
        && (this.host.equals("*")
            || this.host.equals(host)
            || (port != 0 && this.host.equals(host + ":" + port)))
        && pathMatches(target)
        && (repository.equals("*")
            || repository.equals(repositoryOf(host, target))
            || isAssetOf(host, target));
  }

  /** An asset download names its repository by id, on the objects host (either name of it). */
  private boolean isAssetOf(String host, String target) {
    return (host.equals(ObjectsRoutes.HOST) || host.equals(ObjectsRoutes.OLD_HOST))
        && target.startsWith(ObjectsRoutes.PREFIX + Repository.idOf(repository) + "/");
  }

  /** The {@code owner/name} a request to {@code host} is about, lower case, or {@code ""}. */
  private static String repositoryOf(String host, String target) {
    String[] segments = target.replaceFirst("[?#].*$", "").split("/");
    int first =
        switch (host) {
          case "api.github.com" -> segments.length > 1 && segments[1].equals("repos") ? 2 : -1;
          case "raw.githubusercontent.com", "codeload.github.com", "github.com" -> 1;
          default -> -1;
        };
    if (first < 0 || segments.length <= first + 1) {
      return "";
    }
    return (segments[first] + "/" + segments[first + 1]).toLowerCase(Locale.ROOT);
  }

  private boolean pathMatches(String target) {
    if (path.equals("*")) {
      return true;
    }
    String subject = path.contains("?") ? target : target.replaceFirst("\\?.*$", "");
    return regex(path).matcher(subject).matches();
  }

  private static Pattern regex(String glob) {
    StringBuilder out = new StringBuilder();
    int literal = 0;
    for (int i = 0; i < glob.length(); i++) {
      if (glob.charAt(i) != '*') {
        continue;
      }
      out.append(Pattern.quote(glob.substring(literal, i)));
      if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        out.append(".*");
        i++;
      } else {
        out.append("[^/]*");
      }
      literal = i + 1;
    }
    out.append(Pattern.quote(glob.substring(literal)));
    return Pattern.compile(out.toString());
  }

  /** As in a report: {@code GET raw.githubusercontent.com/owner/app/v1.1.0/main/app.py}. */
  @Override
  public String toString() {
    if (equals(any())) {
      return "any request";
    }
    if (!repository.equals("*") && host.equals("*") && path.equals("*")) {
      return (method.equals("*") ? "any request" : method) + " about " + repository;
    }
    return method
        + " "
        + host
        + (path.equals("*") ? "/**" : path)
        + (repository.equals("*") ? "" : " about " + repository);
  }
}
