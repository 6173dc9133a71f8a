package dev.otasim.github;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * An {@link Origin}'s files as Python's {@code http.server} or nginx serve a folder
 * (spec/github-api.md, "Servers of one's own"): status, headers in the server's order and spelling,
 * error pages, redirects, ranges and conditional requests.
 */
final class OriginFiles {
  static final String PYTHON_SERVER = "SimpleHTTP/0.6 Python/3.12.3";

  /** Content types by extension, as Python's {@code mimetypes} guesses them. */
  private static final Map<String, String> PYTHON_TYPES =
      Map.ofEntries(
          Map.entry("py", "text/x-python"),
          Map.entry("json", "application/json"),
          Map.entry("txt", "text/plain"),
          Map.entry("html", "text/html"),
          Map.entry("htm", "text/html"),
          Map.entry("css", "text/css"),
          Map.entry("js", "text/javascript"),
          Map.entry("csv", "text/csv"),
          Map.entry("xml", "application/xml"),
          Map.entry("zip", "application/zip"),
          Map.entry("gz", "application/gzip"),
          Map.entry("tar", "application/x-tar"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("bin", "application/octet-stream"));

  /** Content types by extension, as nginx's stock {@code mime.types} maps them. */
  private static final Map<String, String> NGINX_TYPES =
      Map.ofEntries(
          Map.entry("json", "application/json"),
          Map.entry("txt", "text/plain"),
          Map.entry("html", "text/html"),
          Map.entry("htm", "text/html"),
          Map.entry("css", "text/css"),
          Map.entry("js", "application/javascript"),
          Map.entry("xml", "text/xml"),
          Map.entry("zip", "application/zip"),
          Map.entry("tar", "application/x-tar"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("bin", "application/octet-stream"));

  private final Origin origin;
  private final ServerStyle style;
  private final Instant now;

  OriginFiles(Origin origin, ServerStyle style, Instant now) {
    this.origin = origin;
    this.style = style;
    this.now = now;
  }

  /** The headers the server sends first on every response. */
  static List<Reply.Header> serverHeaders(ServerStyle style, Instant now) {
    return List.of(
        new Reply.Header("Server", style == ServerStyle.NGINX ? "nginx" : PYTHON_SERVER),
        new Reply.Header("Date", FakeGitHub.httpDate(now)));
  }

  Reply serve(Request request, String path) {
    boolean python = style == ServerStyle.PYTHON_HTTP_SERVER;
    String method = request.method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return python
          ? pythonError(
              501,
              "Unsupported method ('" + method + "')",
              "Server does not support" + " this operation")
          : nginxPage(405, "Not Allowed");
    }
    String base = origin.basePath();
    String folderOfBase = base.substring(0, base.length() - 1);
    String relative;
    if (path.startsWith(base)) {
      relative = path.substring(base.length());
    } else if (path.equals(folderOfBase)) {
      relative = "";
    } else {
      return notFound(python).markUnexpected();
    }
    boolean slash = path.endsWith("/");
    String clean =
        slash && !relative.isEmpty() ? relative.substring(0, relative.length() - 1) : relative;
    if (origin.isFolder(clean)) {
      if (!slash) {
        return redirect(request, path + "/", python);
      }
      String prefix = clean.isEmpty() ? "" : clean + "/";
      byte[] index = origin.fileAt(prefix + "index.html");
      if (index == null && python) {
        index = origin.fileAt(prefix + "index.htm");
      }
      if (index != null) {
        return file(request, prefix + "index.html", index, python);
      }
      return python ? listing(path, clean) : nginxPage(403, "Forbidden");
    }
    byte[] bytes = slash ? null : origin.fileAt(clean);
    if (bytes == null) {
      return notFound(python);
    }
    return file(request, clean, bytes, python);
  }

  private Reply file(Request request, String name, byte[] bytes, boolean python) {
    Instant modified = origin.modified();
    String lastModified = FakeGitHub.httpDate(modified);
    String etag =
        "\""
            + Long.toHexString(modified.getEpochSecond())
            + "-"
            + Long.toHexString(bytes.length)
            + "\"";
    List<Reply.Header> headers = new ArrayList<>(serverHeaders(style, now));
    Optional<String> ifNoneMatch = request.header("If-None-Match");
    Optional<String> ifModifiedSince = request.header("If-Modified-Since");
    if (python) {
      // http.server looks at If-Modified-Since only without If-None-Match, and has no ETag.
      if (ifNoneMatch.isEmpty() && notModifiedSince(ifModifiedSince, modified)) {
        return new Reply(304, headers, new byte[0], false);
      }
      headers.add(new Reply.Header("Content-type", type(name, PYTHON_TYPES)));
      headers.add(new Reply.Header(Reply.FRAMING, ""));
      headers.add(new Reply.Header("Last-Modified", lastModified));
      return new Reply(200, headers, bytes, false);
    }
    boolean notModified =
        ifNoneMatch.isPresent()
            ? Arrays.stream(ifNoneMatch.get().split(","))
                .map(String::trim)
                .anyMatch(t -> t.equals(etag) || t.equals("W/" + etag) || t.equals("*"))
            : notModifiedSince(ifModifiedSince, modified);
    if (notModified) {
      headers.add(new Reply.Header("Last-Modified", lastModified));
      headers.add(new Reply.Header("Connection", ""));
      headers.add(new Reply.Header("ETag", etag));
      return new Reply(304, headers, new byte[0], false);
    }
    headers.add(new Reply.Header("Content-Type", type(name, NGINX_TYPES)));
    headers.add(new Reply.Header(Reply.FRAMING, ""));
    headers.add(new Reply.Header("Last-Modified", lastModified));
    headers.add(new Reply.Header("Connection", ""));
    headers.add(new Reply.Header("ETag", etag));
    Optional<String> range = request.header("Range");
    if (range.isPresent()) {
      Matcher m = Origin.range(range.get());
      if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
        long size = bytes.length;
        long first;
        long last;
        if (m.group(1).isEmpty()) {
          long suffix = Long.parseLong(m.group(2));
          first = Math.max(0, size - suffix);
          last = size - 1;
        } else {
          first = Long.parseLong(m.group(1));
          last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        }
        if (first >= size || first > last) {
          Reply page = nginxPage(416, "Requested Range Not Satisfiable");
          List<Reply.Header> h = new ArrayList<>(page.headers());
          h.add(new Reply.Header("Content-Range", "bytes */" + size));
          return page.withHeaders(h);
        }
        headers.add(new Reply.Header("Content-Range", "bytes " + first + "-" + last + "/" + size));
        return new Reply(
            206, headers, Arrays.copyOfRange(bytes, (int) first, (int) last + 1), false);
      }
      // a Range nginx cannot parse is ignored: the whole file
    }
    headers.add(new Reply.Header("Accept-Ranges", "bytes"));
    return new Reply(200, headers, bytes, false);
  }

  private static boolean notModifiedSince(Optional<String> header, Instant modified) {
    if (header.isEmpty()) {
      return false;
    }
    try {
      Instant since =
          ZonedDateTime.parse(header.get().trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
              .withZoneSameInstant(ZoneOffset.UTC)
              .toInstant();
      return modified.getEpochSecond() <= since.getEpochSecond();
    } catch (DateTimeParseException e) {
      return false; // both servers ignore a date they cannot read
    }
  }

  private static String type(String name, Map<String, String> types) {
    int dot = name.lastIndexOf('.');
    int slash = name.lastIndexOf('/');
    String ext = dot > slash ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    return types.getOrDefault(ext, "application/octet-stream");
  }

  private Reply redirect(Request request, String to, boolean python) {
    String query = request.url() == null ? null : request.url().encodedQuery();
    if (python) {
      // a Location relative to the host, as http.server sends it
      List<Reply.Header> headers = new ArrayList<>(serverHeaders(style, now));
      headers.add(new Reply.Header("Location", to + (query == null ? "" : "?" + query)));
      headers.add(new Reply.Header(Reply.FRAMING, ""));
      return new Reply(301, headers, new byte[0], false);
    }
    Reply page = nginxPage(301, "Moved Permanently");
    List<Reply.Header> headers = new ArrayList<>(page.headers());
    headers.add(
        headers.size() - 1,
        new Reply.Header("Location", origin.scheme() + "://" + origin.hostPort() + to));
    return page.withHeaders(headers);
  }

  /**
   * The page {@code origin}'s server sends for an error status {@code code} it chose itself (a
   * fault's 500 or 503): http.server's {@code send_error(code)}, whose message is the status's
   * phrase, or nginx's page.
   */
  static Reply errorPage(Origin origin, ServerStyle style, Instant now, int code) {
    OriginFiles files = new OriginFiles(origin, style, now);
    if (style != ServerStyle.PYTHON_HTTP_SERVER) {
      return files.nginxPage(code, Wire.reason(code));
    }
    return files.pythonError(
        code, Wire.reason(code), PYTHON_EXPLAIN.getOrDefault(code, Wire.reason(code)));
  }

  /** Python's http.HTTPStatus descriptions, which http.server's error page explains a code by. */
  private static final Map<Integer, String> PYTHON_EXPLAIN =
      Map.of(
          400, "Bad request syntax or unsupported method",
          401, "No permission -- see authorization schemes",
          403, "Request forbidden -- authorization will not help",
          404, "Nothing matches the given URI",
          500, "Server got itself in trouble",
          501, "Server does not support this operation",
          502, "Invalid responses from another server/proxy",
          503, "The server cannot process the request due to a high load",
          504, "The gateway server did not receive a timely response");

  private Reply notFound(boolean python) {
    return python
        ? pythonError(404, "File not found", "Nothing matches the given URI")
        : nginxPage(404, "Not Found");
  }

  private Reply pythonError(int code, String message, String explain) {
    String body =
        "<!DOCTYPE HTML>\n"
            + "<html lang=\"en\">\n"
            + "    <head>\n"
            + "        <meta charset=\"utf-8\">\n"
            + "        <title>Error response</title>\n"
            + "    </head>\n"
            + "    <body>\n"
            + "        <h1>Error response</h1>\n"
            + "        <p>Error code: "
            + code
            + "</p>\n"
            + "        <p>Message: "
            + escape(message)
            + ".</p>\n"
            + "        <p>Error code explanation: "
            + code
            + " - "
            + explain
            + ".</p>\n"
            + "    </body>\n"
            + "</html>\n";
    List<Reply.Header> headers = new ArrayList<>(serverHeaders(style, now));
    headers.add(new Reply.Header("Connection", "close"));
    headers.add(new Reply.Header("Content-Type", "text/html;charset=utf-8"));
    headers.add(new Reply.Header(Reply.FRAMING, ""));
    return new Reply(code, headers, body.getBytes(StandardCharsets.UTF_8), false);
  }

  private Reply nginxPage(int code, String reason) {
    String title = code + " " + reason;
    String body =
        "<html>\r\n<head><title>"
            + title
            + "</title></head>\r\n<body>\r\n<center><h1>"
            + title
            + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    List<Reply.Header> headers = new ArrayList<>(serverHeaders(style, now));
    headers.add(new Reply.Header("Content-Type", "text/html"));
    headers.add(new Reply.Header(Reply.FRAMING, ""));
    headers.add(new Reply.Header("Connection", ""));
    return new Reply(code, headers, body.getBytes(StandardCharsets.UTF_8), false);
  }

  private Reply listing(String path, String folder) {
    String title = "Directory listing for " + escape(path);
    StringBuilder body =
        new StringBuilder("<!DOCTYPE HTML>\n<html lang=\"en\">\n<head>\n")
            .append("<meta charset=\"utf-8\">\n<title>")
            .append(title)
            .append("</title>\n</head>\n<body>\n<h1>")
            .append(title)
            .append("</h1>\n<hr>\n<ul>\n");
    for (String name : origin.list(folder)) {
      String href =
          okhttp3.HttpUrl.parse("http://x/")
                  .newBuilder()
                  .addPathSegment(name.endsWith("/") ? name.substring(0, name.length() - 1) : name)
                  .build()
                  .encodedPath()
                  .substring(1)
              + (name.endsWith("/") ? "/" : "");
      body.append("<li><a href=\"")
          .append(href)
          .append("\">")
          .append(escape(name))
          .append("</a></li>\n");
    }
    body.append("</ul>\n<hr>\n</body>\n</html>\n");
    List<Reply.Header> headers = new ArrayList<>(serverHeaders(style, now));
    headers.add(new Reply.Header("Content-type", "text/html; charset=utf-8"));
    headers.add(new Reply.Header(Reply.FRAMING, ""));
    return new Reply(200, headers, body.toString().getBytes(StandardCharsets.UTF_8), false);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#x27;");
  }
}
