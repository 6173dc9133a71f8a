package dev.otasim.github;

import java.util.Base64;

/**
 * The JSON of GitHub's contents and git trees APIs: what a device walks to find the files of a
 * release.
 */
final class ContentJson {
  /** GitHub wraps a file's base64 {@code content} every 60 characters, ending with a newline. */
  private static final Base64.Encoder WRAPPED = Base64.getMimeEncoder(60, new byte[] {'\n'});

  private ContentJson() {}

  /** A directory listing: one entry per name, in git order, each without content. */
  static String directory(Repository repository, String ref, Snapshot files, String directory) {
    JsonWriter json = new JsonWriter().beginArray();
    for (Snapshot.Entry entry : files.children(directory)) {
      entry(json, repository, ref, entry, null);
    }
    return json.endArray().toString();
  }

  /** One file, its bytes in base64. */
  static String file(Repository repository, String ref, Snapshot.Entry entry, byte[] bytes) {
    JsonWriter json = new JsonWriter();
    entry(json, repository, ref, entry, bytes);
    return json.toString();
  }

  /** A git tree: the root's entries, or with {@code recursive} every entry below it. */
  static String tree(Repository repository, Snapshot files, boolean recursive) {
    return tree(repository, files, "", recursive);
  }

  /**
   * The git tree of {@code directory} ("" for the root): its entries, or with {@code recursive}
   * every entry below it, with paths relative to it as git lists them.
   */
  static String tree(Repository repository, Snapshot files, String directory, boolean recursive) {
    String api = "https://api.github.com/repos/" + repository.fullName();
    String sha = files.treeSha(directory);
    JsonWriter json =
        new JsonWriter()
            .beginObject()
            .field("sha", sha)
            .field("url", api + "/git/trees/" + sha)
            .name("tree")
            .beginArray();
    int strip = directory.isEmpty() ? 0 : directory.length() + 1;
    for (Snapshot.Entry entry : recursive ? files.walk(directory) : files.children(directory)) {
      json.beginObject()
          .field("path", entry.path().substring(strip))
          .field("mode", entry.directory() ? "040000" : "100644")
          .field("type", entry.directory() ? "tree" : "blob")
          .field("sha", entry.sha());
      if (!entry.directory()) {
        json.field("size", entry.size());
      }
      json.field("url", api + (entry.directory() ? "/git/trees/" : "/git/blobs/") + entry.sha())
          .endObject();
    }
    return json.endArray().field("truncated", false).endObject().toString();
  }

  private static void entry(
      JsonWriter json, Repository repository, String ref, Snapshot.Entry entry, byte[] content) {
    String api = "https://api.github.com/repos/" + repository.fullName();
    String self = api + "/contents/" + entry.path() + "?ref=" + ref;
    String html =
        "https://github.com/"
            + repository.fullName()
            + (entry.directory() ? "/tree/" : "/blob/")
            + ref
            + "/"
            + entry.path();
    String git = api + (entry.directory() ? "/git/trees/" : "/git/blobs/") + entry.sha();
    json.beginObject()
        .field("name", entry.name())
        .field("path", entry.path())
        .field("sha", entry.sha())
        .field("size", entry.size())
        .field("url", self)
        .field("html_url", html)
        .field("git_url", git)
        .field(
            "download_url",
            entry.directory()
                ? null
                : "https://raw.githubusercontent.com/"
                    + repository.fullName()
                    + "/"
                    + ref
                    + "/"
                    + entry.path())
        .field("type", entry.directory() ? "dir" : "file");
    if (content != null) {
      json.field("content", base64(content)).field("encoding", "base64");
    }
    json.name("_links")
        .beginObject()
        .field("self", self)
        .field("git", git)
        .field("html", html)
        .endObject()
        .endObject();
  }

  static String base64(byte[] bytes) {
    return bytes.length == 0 ? "" : WRAPPED.encodeToString(bytes) + "\n";
  }
}
