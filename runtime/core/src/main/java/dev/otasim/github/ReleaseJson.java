package dev.otasim.github;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The release object of GitHub's REST API, with every field GitHub sends and in its order, so that
 * a device parsing it spends the memory it would on the real thing (2-4 KB each).
 */
final class ReleaseJson {
  private ReleaseJson() {}

  static String one(Repository repository, Release release, Clock clock) {
    JsonWriter json = new JsonWriter();
    write(json, repository, release, clock);
    return json.toString();
  }

  static String list(Repository repository, List<Release> releases, Clock clock) {
    JsonWriter json = new JsonWriter().beginArray();
    releases.forEach(r -> write(json, repository, r, clock));
    return json.endArray().toString();
  }

  static void write(JsonWriter json, Repository repository, Release release, Clock clock) {
    String api = "https://api.github.com/repos/" + repository.fullName();
    String web = "https://github.com/" + repository.fullName();
    String self = api + "/releases/" + release.id();
    json.beginObject()
        .field("url", self)
        .field("assets_url", self + "/assets")
        .field(
            "upload_url",
            "https://uploads.github.com/repos/"
                + repository.fullName()
                + "/releases/"
                + release.id()
                + "/assets{?name,label}")
        .field("html_url", web + "/releases/tag/" + release.tag())
        .field("id", release.id())
        .name("author");
    user(json, repository.owner());
    json.field("node_id", nodeId("07:Release" + release.id()))
        .field("tag_name", release.tag())
        .field("target_commitish", repository.defaultBranchName())
        .field("name", release.tag())
        .field("draft", release.draft())
        .field("prerelease", release.prerelease())
        .field("created_at", timestamp(repository.createdAt(release, clock)))
        .field(
            "published_at",
            release.draft() ? null : timestamp(repository.publishedAt(release, clock)))
        .name("assets")
        .beginArray();
    for (Asset asset : repository.assets(release.tag())) {
      asset(json, repository, release, asset, clock);
    }
    json.endArray()
        .field("tarball_url", api + "/tarball/" + release.tag())
        .field("zipball_url", api + "/zipball/" + release.tag())
        .field("body", notes(repository, release))
        .endObject();
  }

  /** The JSON of one asset, as {@code releases/assets/ID} answers it. */
  static String asset(Repository repository, Release release, Asset asset, Clock clock) {
    JsonWriter json = new JsonWriter();
    asset(json, repository, release, asset, clock);
    return json.toString();
  }

  /** The assets of a release, as {@code releases/ID/assets} lists them. */
  static String assets(Repository repository, Release release, Clock clock) {
    JsonWriter json = new JsonWriter().beginArray();
    repository.assets(release.tag()).forEach(a -> asset(json, repository, release, a, clock));
    return json.endArray().toString();
  }

  /**
   * An asset object with GitHub's fields in its order; uploaded a minute apart after the release
   * was published, never downloaded.
   */
  private static void asset(
      JsonWriter json, Repository repository, Release release, Asset asset, Clock clock) {
    String uploaded =
        timestamp(
            repository
                .publishedAt(release, clock)
                .plus(java.time.Duration.ofMinutes(1L + asset.index())));
    json.beginObject()
        .field(
            "url",
            "https://api.github.com/repos/"
                + repository.fullName()
                + "/releases/assets/"
                + asset.id())
        .field("id", asset.id())
        .field("node_id", nodeId("012:ReleaseAsset" + asset.id()))
        .field("name", asset.name())
        .field("label", "")
        .name("uploader");
    user(json, repository.owner());
    json.field("content_type", asset.contentType())
        .field("state", "uploaded")
        .field("size", asset.bytes().length)
        .field("digest", "sha256:" + GitHash.sha256(asset.bytes()))
        .field("download_count", 0)
        .field("created_at", uploaded)
        .field("updated_at", uploaded)
        .field(
            "browser_download_url",
            "https://github.com/"
                + repository.fullName()
                + "/releases/download/"
                + release.tag()
                + "/"
                + asset.name())
        .endObject();
  }

  /** A user object as GitHub embeds it in a release's {@code author}. */
  static void user(JsonWriter json, String login) {
    long id = GitHash.number("user " + login, 1_000_000L, 150_000_000L);
    String api = "https://api.github.com/users/" + login;
    json.beginObject()
        .field("login", login)
        .field("id", id)
        .field("node_id", nodeId("04:User" + id))
        .field("avatar_url", "https://avatars.githubusercontent.com/u/" + id + "?v=4")
        .field("gravatar_id", "")
        .field("url", api)
        .field("html_url", "https://github.com/" + login)
        .field("followers_url", api + "/followers")
        .field("following_url", api + "/following{/other_user}")
        .field("gists_url", api + "/gists{/gist_id}")
        .field("starred_url", api + "/starred{/owner}{/repo}")
        .field("subscriptions_url", api + "/subscriptions")
        .field("organizations_url", api + "/orgs")
        .field("repos_url", api + "/repos")
        .field("events_url", api + "/events{/privacy}")
        .field("received_events_url", api + "/received_events")
        .field("type", "User")
        .field("user_view_type", "public")
        .field("site_admin", false)
        .endObject();
  }

  /**
   * Release notes in the shape GitHub generates them, one line per changed file, with CRLF line
   * ends as the web form stores them.
   */
  private static String notes(Repository repository, Release release) {
    String web = "https://github.com/" + repository.fullName();
    Optional<Release> previous = repository.previous(release);
    Snapshot before = previous.map(Release::files).orElseGet(() -> new Snapshot(Map.of()));
    List<String> lines = new ArrayList<>();
    lines.add("## What's Changed");
    int pull = release.index() * 3 + 1;
    for (String path : release.files().paths()) {
      Optional<byte[]> old = before.file(path);
      byte[] now = release.files().file(path).orElseThrow();
      if (old.isEmpty() || !Arrays.equals(old.get(), now)) {
        lines.add(
            "* "
                + (old.isEmpty() ? "Add " : "Update ")
                + path
                + " by @"
                + repository.owner()
                + " in "
                + web
                + "/pull/"
                + pull++);
      }
    }
    for (String path : before.paths()) {
      if (release.files().file(path).isEmpty()) {
        lines.add(
            "* Remove " + path + " by @" + repository.owner() + " in " + web + "/pull/" + pull++);
      }
    }
    if (previous.isEmpty()) {
      lines.add("");
      lines.add("## New Contributors");
      lines.add(
          "* @" + repository.owner() + " made their first contribution in " + web + "/pull/1");
    }
    lines.add("");
    lines.add(
        "**Full Changelog**: "
            + previous
                .map(p -> web + "/compare/" + p.tag() + "..." + release.tag())
                .orElse(web + "/commits/" + release.tag()));
    return String.join("\r\n", lines);
  }

  static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** GitHub's legacy global node ids: base64 of "type-number:TypeName + database id". */
  private static String nodeId(String key) {
    return Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.US_ASCII));
  }
}
