package dev.otasim.github;

import java.util.Locale;

/**
 * A file attached to a release (spec/github-api.md, "Release assets"): listed in the release's
 * {@code assets[]}, downloaded through github.com's 302 to the objects host.
 *
 * @param index the order of upload within the release, from 0
 */
record Asset(String tag, String name, String contentType, byte[] bytes, long id, int index) {
  /**
   * The type GitHub's upload form records for a file of this name (the browser's guess from the
   * extension); anything unknown is {@code application/octet-stream}.
   */
  static String contentTypeOf(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".tar.gz") || n.endsWith(".tgz") || n.endsWith(".gz")) {
      return "application/gzip";
    }
    if (n.endsWith(".zip")) {
      return "application/zip";
    }
    if (n.endsWith(".json")) {
      return "application/json";
    }
    if (n.endsWith(".py")) {
      return "text/x-python";
    }
    if (n.endsWith(".txt")) {
      return "text/plain";
    }
    return "application/octet-stream";
  }

  /** The key of the asset's blob on the objects host, a UUID as GitHub's storage names them. */
  String blobKey(Repository repository) {
    String hex = GitHash.of("asset blob " + repository.fullName() + " " + id);
    return hex.substring(0, 8)
        + "-"
        + hex.substring(8, 12)
        + "-"
        + hex.substring(12, 16)
        + "-"
        + hex.substring(16, 20)
        + "-"
        + hex.substring(20, 32);
  }
}
