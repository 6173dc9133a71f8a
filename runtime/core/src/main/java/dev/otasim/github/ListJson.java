package dev.otasim.github;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST API's commit, branch and tag objects (spec/github-api.md, "Endpoints"): {@code
 * commits?sha=&path=}, {@code commits/REF}, {@code branches}, {@code branches/B} and {@code tags},
 * with GitHub's fields in its order.
 *
 * <p>Commits are unsigned ({@code verification.reason} "unsigned"), authored and committed by the
 * repository's owner.
 */
final class ListJson {
  private ListJson() {}

  /** A commit as {@code commits} lists it and {@code commits/REF} opens it. */
  static void commit(
      JsonWriter json,
      Repository repository,
      Repository.Commit commit,
      boolean withFiles,
      Clock clock) {
    String api = api(repository);
    String sha = commit.sha();
    String date = ReleaseJson.timestamp(commit.date());
    String tree = commit.files().treeSha("");
    json.beginObject()
        .field("sha", sha)
        .field("node_id", nodeId("C_" + repository.id() + ":" + sha))
        .name("commit")
        .beginObject();
    for (String who : new String[] {"author", "committer"}) {
      json.name(who)
          .beginObject()
          .field("name", repository.owner())
          .field("email", repository.owner() + "@users.noreply.github.com")
          .field("date", date)
          .endObject();
    }
    json.field("message", commit.message())
        .name("tree")
        .beginObject()
        .field("sha", tree)
        .field("url", api + "/git/trees/" + tree)
        .endObject()
        .field("url", api + "/git/commits/" + sha)
        .field("comment_count", 0)
        .name("verification")
        .beginObject()
        .field("verified", false)
        .field("reason", "unsigned")
        .field("signature", (String) null)
        .field("payload", (String) null)
        .field("verified_at", (String) null)
        .endObject()
        .endObject()
        .field("url", api + "/commits/" + sha)
        .field("html_url", web(repository) + "/commit/" + sha)
        .field("comments_url", api + "/commits/" + sha + "/comments")
        .name("author");
    ReleaseJson.user(json, repository.owner());
    json.name("committer");
    ReleaseJson.user(json, repository.owner());
    json.name("parents").beginArray();
    if (commit.parent() != null) {
      json.beginObject()
          .field("sha", commit.parent())
          .field("url", api + "/commits/" + commit.parent())
          .field("html_url", web(repository) + "/commit/" + commit.parent())
          .endObject();
    }
    json.endArray();
    if (withFiles) {
      Snapshot before =
          Optional.ofNullable(commit.parent())
              .flatMap(p -> repository.commit(p, clock))
              .map(Repository.Commit::files)
              .orElseGet(() -> new Snapshot(Map.of()));
      files(json, repository, commit, before);
    }
    json.endObject();
  }

  /** {@code stats} and {@code files[]}: what changed since the parent, path by path. */
  private static void files(
      JsonWriter json, Repository repository, Repository.Commit commit, Snapshot before) {
    List<String> paths = new ArrayList<>(commit.files().paths());
    before.paths().stream().filter(p -> !paths.contains(p)).forEach(paths::add);
    paths.sort(null);
    List<long[]> counts = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    long additions = 0;
    long deletions = 0;
    for (String path : paths) {
      Optional<byte[]> old = before.file(path);
      Optional<byte[]> now = commit.files().file(path);
      if (old.isPresent() && now.isPresent() && Arrays.equals(old.get(), now.get())) {
        continue;
      }
      long[] c = lineChanges(old.orElse(new byte[0]), now.orElse(new byte[0]));
      changed.add(path);
      counts.add(c);
      additions += c[0];
      deletions += c[1];
    }
    json.name("stats")
        .beginObject()
        .field("total", additions + deletions)
        .field("additions", additions)
        .field("deletions", deletions)
        .endObject()
        .name("files")
        .beginArray();
    String web = web(repository);
    String api = api(repository);
    for (int i = 0; i < changed.size(); i++) {
      String path = changed.get(i);
      Optional<byte[]> old = before.file(path);
      Optional<byte[]> now = commit.files().file(path);
      byte[] bytes = now.orElseGet(old::get);
      String at = now.isPresent() ? commit.sha() : commit.parent();
      json.beginObject()
          .field("sha", GitHash.blob(bytes))
          .field("filename", path)
          .field("status", old.isEmpty() ? "added" : now.isEmpty() ? "removed" : "modified")
          .field("additions", counts.get(i)[0])
          .field("deletions", counts.get(i)[1])
          .field("changes", counts.get(i)[0] + counts.get(i)[1])
          .field("blob_url", web + "/blob/" + at + "/" + path)
          .field("raw_url", web + "/raw/" + at + "/" + path)
          .field("contents_url", api + "/contents/" + path + "?ref=" + at)
          .endObject();
    }
    json.endArray();
  }

  /** Lines added and removed, counted as a multiset difference (no patch is sent). */
  private static long[] lineChanges(byte[] old, byte[] now) {
    Map<String, Integer> left = new HashMap<>();
    for (String line : lines(old)) {
      left.merge(line, 1, Integer::sum);
    }
    long added = 0;
    for (String line : lines(now)) {
      Integer n = left.get(line);
      if (n == null || n == 0) {
        added++;
      } else {
        left.put(line, n - 1);
      }
    }
    long removed = left.values().stream().mapToLong(Integer::longValue).sum();
    return new long[] {added, removed};
  }

  private static List<String> lines(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    List<String> parts = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    parts.remove(parts.size() - 1); // after the last line end, or an empty file's only part
    if (!text.isEmpty() && !text.endsWith("\n")) {
      parts.add(text.substring(text.lastIndexOf('\n') + 1));
    }
    return parts;
  }

  /** One entry of {@code branches}. */
  static void branchEntry(JsonWriter json, Repository repository, Ref branch) {
    json.beginObject()
        .field("name", branch.name())
        .name("commit")
        .beginObject()
        .field("sha", branch.commitSha())
        .field("url", api(repository) + "/commits/" + branch.commitSha())
        .endObject()
        .field("protected", false)
        .endObject();
  }

  /** {@code branches/B}: the branch with its head commit in full. */
  static String branch(Repository repository, Ref branch, Clock clock) {
    String api = api(repository);
    JsonWriter json = new JsonWriter().beginObject().field("name", branch.name()).name("commit");
    commit(
        json, repository, repository.commit(branch.commitSha(), clock).orElseThrow(), false, clock);
    return json.name("_links")
        .beginObject()
        .field("self", api + "/branches/" + branch.name())
        .field("html", web(repository) + "/tree/" + branch.name())
        .endObject()
        .field("protected", false)
        .name("protection")
        .beginObject()
        .field("enabled", false)
        .name("required_status_checks")
        .beginObject()
        .field("enforcement_level", "off")
        .name("contexts")
        .beginArray()
        .endArray()
        .name("checks")
        .beginArray()
        .endArray()
        .endObject()
        .endObject()
        .field("protection_url", api + "/branches/" + branch.name() + "/protection")
        .endObject()
        .toString();
  }

  /** One entry of {@code tags}: the tag's name, archives and (peeled) commit. */
  static void tagEntry(JsonWriter json, Repository repository, Release release) {
    String api = api(repository);
    json.beginObject()
        .field("name", release.tag())
        .field("zipball_url", api + "/zipball/refs/tags/" + release.tag())
        .field("tarball_url", api + "/tarball/refs/tags/" + release.tag())
        .name("commit")
        .beginObject()
        .field("sha", release.commitSha())
        .field("url", api + "/commits/" + release.commitSha())
        .endObject()
        .field("node_id", nodeId("055:Ref" + repository.id() + ":refs/tags/" + release.tag()))
        .endObject();
  }

  private static String api(Repository repository) {
    return "https://api.github.com/repos/" + repository.fullName();
  }

  private static String web(Repository repository) {
    return "https://github.com/" + repository.fullName();
  }

  private static String nodeId(String key) {
    return Base64.getEncoder()
        .encodeToString(key.getBytes(StandardCharsets.US_ASCII))
        .replace("=", "");
  }
}
