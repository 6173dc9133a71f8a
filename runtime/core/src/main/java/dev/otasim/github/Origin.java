package dev.otasim.github;

import dev.otasim.stubs.host.HostInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * A server of one's own that the device reaches besides GitHub: a LAN box ({@code
 * http://192.168.1.10:8000/}) or a static host ({@code https://updates.example.org/ota/}) serving
 * files under a path, and routes of the user's for anything stateful (a check-in answering JSON, a
 * POST of a status report).
 *
 * <pre>{@code
 * github.origin("http://192.168.1.10:8000/")
 *     .serve(Path.of("srv"))
 *     .route("POST", "/report", request -> OriginResponse.json(201, "{\"ok\":true}"));
 * }</pre>
 *
 * <p>A name resolves through the board's fake DNS; an IP literal is connected without DNS. Its
 * requests are recorded with GitHub's, faults apply to them ({@code github.on("GET",
 * "192.168.1.10", "/fw/*")}), and a request outside the origin's path is {@linkplain
 * FakeGitHub#unexpected() unexpected}. Created by {@link FakeGitHub#origin(String)}.
 */
public final class Origin {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private record Route(String method, String path, Function<OriginRequest, OriginResponse> then) {}

  private final FakeGitHub github;
  private final String url;
  private final String scheme;
  private final String host;
  private final int port;
  private final String basePath;
  private final Map<String, byte[]> files = new TreeMap<>();
  private final TreeSet<String> folders = new TreeSet<>();
  private final List<Route> routes = new ArrayList<>();
  private volatile ServerStyle style;
  private volatile Instant modified;

  Origin(FakeGitHub github, String url) {
    this.github = github;
    HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(url, "url"));
    if (parsed == null) {
      throw new IllegalArgumentException(
          "origin '"
              + url
              + "' is not an http:// or https:// URL, such as http://192.168.1.10:8000/ or"
              + " https://updates.example.org/ota/");
    }
    if (parsed.query() != null || parsed.fragment() != null) {
      throw new IllegalArgumentException(
          "origin '" + url + "' has a query or fragment; give only scheme, host, port and path");
    }
    this.scheme = parsed.scheme();
    this.host = parsed.host().toLowerCase(Locale.ROOT);
    this.port = parsed.port();
    String path = parsed.encodedPath();
    this.basePath = path.endsWith("/") ? path : path + "/";
    this.url = scheme + "://" + hostPort() + basePath;
    this.style = scheme.equals("https") ? ServerStyle.NGINX : ServerStyle.PYTHON_HTTP_SERVER;
    this.modified = github.clock().instant();
    folders.add("");
  }

  /** The origin as given, normalised: {@code http://192.168.1.10:8000/ota/}. */
  public String url() {
    return url;
  }

  /** {@code http} or {@code https}. */
  public String scheme() {
    return scheme;
  }

  /** The host name or IP literal, lower case. */
  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** Where the files are served, starting and ending with {@code /}. */
  public String basePath() {
    return basePath;
  }

  /** Whether the host is an IPv4 literal, which the device connects without DNS. */
  public boolean isIpLiteral() {
    return IPV4.matcher(host).matches();
  }

  /**
   * The server imitated; by default http.server for {@code http://}, nginx for {@code https://}.
   */
  public ServerStyle style() {
    return style;
  }

  /** Sets the server imitated. */
  public Origin style(ServerStyle style) {
    this.style = Objects.requireNonNull(style, "style");
    return this;
  }

  /**
   * Serves the files under {@code folder} below {@link #basePath()}, read now through otasim's
   * fence for host folders: links are not followed, sizes are bounded.
   *
   * @throws IllegalArgumentException if the folder cannot be read so
   */
  public Origin serve(Path folder) {
    HostInput input = HostInput.of("--serve " + url, folder);
    synchronized (this) {
      for (HostInput.Entry e : input.entries()) {
        if (e.isFolder()) {
          addFolders(e.path() + "/x");
          folders.add(e.path());
        } else {
          file(e.path(), e.bytes());
        }
      }
    }
    return this;
  }

  /** Serves {@code bytes} at {@code path}, relative to {@link #basePath()}. */
  public synchronized Origin file(String path, byte[] bytes) {
    String clean = path.replaceFirst("^/+", "");
    if (clean.isEmpty() || clean.endsWith("/")) {
      throw new IllegalArgumentException("file path '" + path + "' names no file");
    }
    files.put(clean, bytes.clone());
    addFolders(clean);
    return this;
  }

  /** Serves {@code text} (UTF-8) at {@code path}, relative to {@link #basePath()}. */
  public Origin file(String path, String text) {
    return file(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Answers {@code method} requests for {@code path} (absolute, such as {@code /api/checkin}; the
   * query is not part of it) through {@code handler}, before any file. The handler may keep state
   * between calls; it runs on the server's thread, one request at a time. A route registered later
   * wins over an earlier one for the same method and path.
   */
  public synchronized Origin route(
      String method, String path, Function<OriginRequest, OriginResponse> handler) {
    Objects.requireNonNull(handler, "handler");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("route path '" + path + "' must start with /");
    }
    routes.add(0, new Route(method.toUpperCase(Locale.ROOT), path, handler));
    return this;
  }

  /** When the files were last changed, as {@code Last-Modified} says. */
  public Origin setModified(Instant modified) {
    this.modified = Objects.requireNonNull(modified, "modified");
    return this;
  }

  @Override
  public String toString() {
    return url;
  }

  String hostPort() {
    boolean defaultPort =
        (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return defaultPort ? host : host + ":" + port;
  }

  private void addFolders(String filePath) {
    int slash = filePath.indexOf('/');
    while (slash >= 0) {
      folders.add(filePath.substring(0, slash));
      slash = filePath.indexOf('/', slash + 1);
    }
  }

  /** What this origin answers, as {@code GET host/path} lines for near-miss reports. */
  synchronized List<String> scripted() {
    List<String> out = new ArrayList<>();
    routes.forEach(r -> out.add(r.method() + " " + host + r.path()));
    files.keySet().forEach(f -> out.add("GET " + host + basePath + f));
    return out;
  }

  // ---------------------------------------------------------------- serving

  /** The reply to {@code request}, in this origin's server's manner. */
  Reply serve(Request request) {
    String path = request.url() == null ? request.target() : decodedPath(request.url());
    Route route;
    synchronized (this) {
      route =
          routes.stream()
              .filter(r -> r.method().equals(request.method()) && r.path().equals(path))
              .findFirst()
              .orElse(null);
    }
    if (route != null) {
      return answer(route, request, path);
    }
    return new OriginFiles(this, style, now()).serve(request, path);
  }

  private Reply answer(Route route, Request request, String path) {
    Map<String, String> headers = new LinkedHashMap<>();
    request
        .headers()
        .forEach(h -> headers.merge(h.getFirst(), h.getSecond(), (a, b) -> a + ", " + b));
    String query = request.url() == null ? null : request.url().encodedQuery();
    OriginResponse response;
    try {
      response =
          route
              .then()
              .apply(
                  new OriginRequest(
                      request.method(), path, query == null ? "" : query, headers, request.body()));
    } catch (RuntimeException e) {
      return Reply.text(
              500,
              "otasim: the route "
                  + route.method()
                  + " "
                  + route.path()
                  + " of "
                  + url
                  + " threw "
                  + e
                  + "\n")
          .markUnexpected();
    }
    if (response == null) {
      return Reply.text(
              500, "otasim: the route " + route.method() + " " + route.path() + " returned null\n")
          .markUnexpected();
    }
    List<Reply.Header> out = new ArrayList<>(OriginFiles.serverHeaders(style, now()));
    out.add(new Reply.Header("Content-Type", response.contentType()));
    out.add(new Reply.Header(Reply.FRAMING, ""));
    response.headers().forEach(h -> out.add(new Reply.Header(h.getKey(), h.getValue())));
    return new Reply(response.status(), out, response.body(), false);
  }

  private static String decodedPath(HttpUrl url) {
    StringBuilder out = new StringBuilder();
    for (String segment : url.pathSegments()) {
      out.append('/').append(segment);
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  private Instant now() {
    return github.clock().instant();
  }

  synchronized byte[] fileAt(String relative) {
    return files.get(relative);
  }

  synchronized boolean isFolder(String relative) {
    return folders.contains(relative);
  }

  /** The names directly inside a folder, folders with a trailing slash, sorted. */
  synchronized List<String> list(String folder) {
    String prefix = folder.isEmpty() ? "" : folder + "/";
    TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (String f : files.keySet()) {
      if (f.startsWith(prefix) && f.indexOf('/', prefix.length()) < 0) {
        names.add(f.substring(prefix.length()));
      }
    }
    for (String d : folders) {
      if (!d.isEmpty() && d.startsWith(prefix) && d.indexOf('/', prefix.length()) < 0) {
        names.add(d.substring(prefix.length()) + "/");
      }
    }
    return List.copyOf(names);
  }

  Instant modified() {
    return modified;
  }

  /** The reply's body is what the spec's server sends; the matcher for a Range header. */
  static Matcher range(String header) {
    return Pattern.compile("bytes=(\\d*)-(\\d*)").matcher(header.trim());
  }
}
