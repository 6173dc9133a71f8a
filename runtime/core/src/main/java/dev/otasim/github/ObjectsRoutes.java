package dev.otasim.github;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * release-assets.githubusercontent.com, the objects host that serves release assets' bytes behind
 * the 302s of {@code github.com/O/R/releases/download/TAG/NAME} and of the API's {@code
 * releases/assets/ID} with {@code Accept: application/octet-stream} (spec/github-api.md, "Release
 * assets").
 *
 * <p>GitHub moved asset downloads from objects.githubusercontent.com to this host in 2025; the URL
 * keeps the shape of its signed blob URLs (a storage path by repository id and blob UUID, a
 * signature and a content disposition in the query), which a device must hold in memory and send
 * back whole. The blob store is Azure's: {@code Range} gets 206, an unknown blob 404 in XML.
 */
final class ObjectsRoutes {
  static final String HOST = "release-assets.githubusercontent.com";

  /** The host GitHub used for the same downloads before 2025, still resolved. */
  static final String OLD_HOST = "objects.githubusercontent.com";

  static final String PREFIX = "/github-production-release-asset/";
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  private final FakeGitHub github;

  ObjectsRoutes(FakeGitHub github) {
    this.github = github;
  }

  /** The signed URL of {@code asset}'s bytes, valid five minutes from now, as GitHub signs it. */
  static String location(Repository repository, Asset asset, Instant now) {
    String disposition = "attachment; filename=" + asset.name();
    String expires = ReleaseJson.timestamp(now.plus(Duration.ofMinutes(5)));
    // a base64 HMAC-SHA256 in the real URL; here a digest of what it signs
    String signature =
        Base64.getEncoder()
            .encodeToString(
                HexFormat.of()
                    .parseHex(
                        GitHash.sha256(
                            (repository.fullName() + " " + asset.id() + " " + expires)
                                .getBytes(StandardCharsets.UTF_8))));
    return "https://"
        + HOST
        + PREFIX
        + repository.id()
        + "/"
        + asset.blobKey(repository)
        + "?sp=r&sv=2018-11-09&sr=b&spr=https&se="
        + encode(expires)
        + "&rscd="
        + encode(disposition)
        + "&rsct=application%2Foctet-stream&sig="
        + encode(signature)
        + "&response-content-disposition="
        + encode(disposition).replace("+", "%20")
        + "&response-content-type=application%2Foctet-stream";
  }

  Reply route(Request request) {
    Optional<Located> found = find(request.url() == null ? "" : request.url().encodedPath());
    if (found.isEmpty()) {
      return blobNotFound().markUnexpected();
    }
    Asset asset = found.get().asset();
    byte[] bytes = asset.bytes();
    Instant uploaded = github.clock().instant().minus(Duration.ofDays(1));
    List<Reply.Header> headers = new ArrayList<>();
    headers.add(new Reply.Header("Content-Type", "application/octet-stream"));
    headers.add(new Reply.Header("Last-Modified", FakeGitHub.httpDate(uploaded)));
    headers.add(
        new Reply.Header(
            "ETag",
            "\"0x8DD" + GitHash.of("etag " + asset.id()).substring(0, 12).toUpperCase() + "\""));
    headers.add(new Reply.Header("Server", "Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0"));
    headers.add(new Reply.Header("x-ms-version", "2018-11-09"));
    headers.add(new Reply.Header("x-ms-blob-type", "BlockBlob"));
    headers.add(new Reply.Header("Content-Disposition", "attachment; filename=" + asset.name()));
    headers.add(new Reply.Header("x-ms-server-encrypted", "true"));
    headers.add(new Reply.Header("Accept-Ranges", "bytes"));
    headers.add(new Reply.Header("Date", FakeGitHub.httpDate(github.clock().instant())));
    Optional<String> range = request.header("Range");
    if (range.isPresent()) {
      Matcher m = RANGE.matcher(range.get().trim());
      if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
        long from;
        long to;
        if (m.group(1).isEmpty()) { // the last N bytes
          from = Math.max(0, bytes.length - Long.parseLong(m.group(2)));
          to = bytes.length - 1L;
        } else {
          from = Long.parseLong(m.group(1));
          to = m.group(2).isEmpty() ? bytes.length - 1L : Long.parseLong(m.group(2));
          to = Math.min(to, bytes.length - 1L);
        }
        if (from >= bytes.length || from > to) {
          headers.add(new Reply.Header("Content-Range", "bytes */" + bytes.length));
          return new Reply(416, headers, new byte[0], false);
        }
        headers.add(
            new Reply.Header("Content-Range", "bytes " + from + "-" + to + "/" + bytes.length));
        return new Reply(206, headers, Arrays.copyOfRange(bytes, (int) from, (int) to + 1), false);
      }
    }
    return new Reply(200, headers, bytes, false);
  }

  /** An asset and its repository. */
  private record Located(Repository repository, Asset asset) {}

  private Optional<Located> find(String path) {
    if (!path.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = path.substring(PREFIX.length()).split("/");
    if (parts.length != 2) {
      return Optional.empty();
    }
    for (Repository repository : github.repositories()) {
      if (Long.toString(repository.id()).equals(parts[0])) {
        for (Release release : repository.newestFirst(true)) {
          for (Asset asset : repository.assets(release.tag())) {
            if (asset.blobKey(repository).equals(parts[1])) {
              return Optional.of(new Located(repository, asset));
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Azure's answer for a blob it does not have. */
  static Reply blobNotFound() {
    String xml =
        "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>BlobNotFound</Code>"
            + "<Message>The specified blob does not exist.</Message></Error>";
    return new Reply(
        404,
        List.of(
            new Reply.Header("Content-Type", "application/xml"),
            new Reply.Header("Server", "Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0")),
        xml.getBytes(StandardCharsets.UTF_8),
        false);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** What the objects host answers for a repository, for near-miss reports. */
  static List<String> routes(Repository repository) {
    return List.of("GET " + HOST + PREFIX + repository.id() + "/{asset blob}");
  }
}
