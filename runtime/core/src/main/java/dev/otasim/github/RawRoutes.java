package dev.otasim.github;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * raw.githubusercontent.com: a file's bytes at a ref, {@code /{owner}/{repo}/{ref}/{path}}. Not
 * rate limited; served by a CDN, so its headers are Fastly's, not the API's.
 */
final class RawRoutes {
  static final String NOT_FOUND = "404: Not Found";

  private final FakeGitHub github;

  RawRoutes(FakeGitHub github) {
    this.github = github;
  }

  Reply route(Request request, String requestId) {
    return finish(file(request), requestId);
  }

  private Reply file(Request request) {
    List<String> path = request.segments();
    if (path.size() < 4) {
      return Reply.text(404, NOT_FOUND).markUnexpected();
    }
    Optional<Repository> found = github.find(path.get(0), path.get(1));
    if (found.isEmpty()) {
      return Reply.text(404, NOT_FOUND).markUnexpected();
    }
    Repository repository = found.get();
    if (repository.token().isPresent() && !repository.token().equals(request.token())) {
      return Reply.text(404, NOT_FOUND); // private, and this client may not know it exists
    }
    // A ref may contain slashes (refs/tags/v1, feature/x): try each split, shortest ref first.
    boolean refFound = false;
    for (int end = 3; end < path.size(); end++) {
      Optional<Ref> ref = repository.resolve(String.join("/", path.subList(2, end)));
      if (ref.isPresent()) {
        refFound = true;
        Optional<byte[]> bytes =
            ref.get().files().file(String.join("/", path.subList(end, path.size())));
        if (bytes.isPresent()) {
          return new Reply(
              200,
              List.of(new Reply.Header("Content-Type", contentType(bytes.get()))),
              bytes.get(),
              false);
        }
      }
    }
    Reply notFound = Reply.text(404, NOT_FOUND);
    return refFound ? notFound : notFound.markUnexpected();
  }

  /** raw.githubusercontent.com serves text as text/plain and anything else as octet-stream. */
  private static String contentType(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      return "application/octet-stream";
    }
    for (byte b : bytes) {
      if (b == 0) {
        return "application/octet-stream";
      }
    }
    return Reply.TEXT;
  }

  private Reply finish(Reply reply, String requestId) {
    Instant now = github.clock().instant();
    List<Reply.Header> h = new ArrayList<>();
    h.add(new Reply.Header(Reply.FRAMING, ""));
    if (reply.status() == 200) {
      h.add(new Reply.Header("Cache-Control", "max-age=300"));
    }
    h.add(
        new Reply.Header(
            "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox"));
    reply.header("Content-Type").ifPresent(v -> h.add(new Reply.Header("Content-Type", v)));
    if (reply.status() == 200) {
      h.add(new Reply.Header("ETag", "\"" + GitHash.sha256(reply.body()) + "\""));
    }
    h.add(new Reply.Header("Strict-Transport-Security", "max-age=31536000"));
    h.add(new Reply.Header("X-Content-Type-Options", "nosniff"));
    h.add(new Reply.Header("X-Frame-Options", "deny"));
    h.add(new Reply.Header("X-XSS-Protection", "1; mode=block"));
    h.add(new Reply.Header("X-GitHub-Request-Id", requestId));
    h.add(new Reply.Header("Accept-Ranges", "bytes"));
    h.add(new Reply.Header("Date", FakeGitHub.httpDate(now)));
    h.add(new Reply.Header("Via", "1.1 varnish"));
    h.add(new Reply.Header("X-Served-By", "cache-fra-etou8220000-FRA"));
    h.add(new Reply.Header("X-Cache", "MISS"));
    h.add(new Reply.Header("X-Cache-Hits", "0"));
    h.add(new Reply.Header("X-Timer", "S" + now.getEpochSecond() + ".000000,VS0,VE1"));
    h.add(new Reply.Header("Vary", "Authorization,Accept-Encoding,Origin"));
    h.add(new Reply.Header("Access-Control-Allow-Origin", "*"));
    h.add(new Reply.Header("Cross-Origin-Resource-Policy", "cross-origin"));
    h.add(new Reply.Header("X-Fastly-Request-Id", GitHash.of(requestId)));
    h.add(new Reply.Header("Expires", FakeGitHub.httpDate(now.plus(Duration.ofMinutes(5)))));
    h.add(new Reply.Header("Source-Age", "0"));
    return reply.withHeaders(h);
  }
}
