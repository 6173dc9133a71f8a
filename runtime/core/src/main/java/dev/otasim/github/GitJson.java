package dev.otasim.github;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The git database endpoints updaters use to follow a branch or resolve a tag themselves
 * (spec/github-api.md, "Git database"): {@code git/ref/{heads|tags}/X} (and the older {@code
 * git/refs/...}), {@code git/commits/SHA} and {@code git/blobs/SHA}.
 *
 * <p>A release tag is lightweight (its ref points at a commit, as a tag made with a release is)
 * unless {@linkplain Repository#annotate annotated}. Each release's commit has the previous
 * release's as its parent; each push of a branch has the branch's previous head.
 */
final class GitJson {
  private static final String DOCS = ApiRoutes.DOCS + "/git";
  private static final String REF_DOCS = DOCS + "/refs#get-a-reference";
  private static final String COMMIT_DOCS = DOCS + "/commits#get-a-commit-object";
  private static final String BLOB_DOCS = DOCS + "/blobs#get-a-blob";
  private static final String TAG_DOCS = DOCS + "/tags#get-a-tag";

  private GitJson() {}

  /**
   * {@code git/ref/heads/B} or {@code git/ref/tags/T}; a missing ref is GitHub's 404. An annotated
   * tag's ref points at its tag object ({@code type} "tag"), every other ref at a commit.
   */
  static Reply ref(Repository repository, String kind, String name) {
    String qualified = "refs/" + kind + "/" + name;
    Optional<Ref> ref = repository.resolve(qualified);
    if (ref.isEmpty()) {
      return ApiRoutes.notFound(REF_DOCS); // asking whether a tag exists is a fair question
    }
    JsonWriter json = new JsonWriter();
    write(json, repository, qualified, ref.get());
    return Reply.json(200, json.toString());
  }

  /**
   * {@code git/refs/...} and {@code git/matching-refs/...}: every ref whose name starts with {@code
   * prefix}, branches then tags, each by name; an empty array when none does.
   */
  static Reply refs(Repository repository, String prefix) {
    JsonWriter json = new JsonWriter().beginArray();
    for (Ref branch : repository.branchRefs()) {
      String qualified = "refs/heads/" + branch.name();
      if (qualified.startsWith(prefix)) {
        write(json, repository, qualified, branch);
      }
    }
    List<Release> tags = new ArrayList<>(repository.tagged());
    tags.sort(Comparator.comparing(Release::tag));
    for (Release release : tags) {
      String qualified = "refs/tags/" + release.tag();
      if (qualified.startsWith(prefix)) {
        write(json, repository, qualified, repository.resolve(qualified).orElseThrow());
      }
    }
    return Reply.json(200, json.endArray().toString());
  }

  private static void write(JsonWriter json, Repository repository, String qualified, Ref ref) {
    String api = api(repository);
    Optional<Release> annotated =
        ref.kind() == Ref.Kind.TAG && repository.tagMessage(ref.name()).isPresent()
            ? repository.byTag(ref.name(), false)
            : Optional.empty();
    String sha = annotated.map(repository::tagObjectSha).orElse(ref.commitSha());
    String type = annotated.isPresent() ? "tag" : "commit";
    json.beginObject()
        .field("ref", qualified)
        .field("node_id", nodeId("03:Ref" + repository.id() + ":" + qualified))
        .field("url", api + "/git/" + qualified)
        .name("object")
        .beginObject()
        .field("sha", sha)
        .field("type", type)
        .field("url", api + "/git/" + type + "s/" + sha)
        .endObject()
        .endObject();
  }

  /** {@code git/tags/SHA}: an annotated tag object, pointing at its release's commit. */
  static Reply tag(Repository repository, String sha, Clock clock) {
    Optional<Release> release = repository.annotatedTag(sha);
    if (release.isEmpty()) {
      return ApiRoutes.notFound(TAG_DOCS).markUnexpected();
    }
    String api = api(repository);
    String commit = release.get().commitSha();
    return Reply.json(
        200,
        new JsonWriter()
            .beginObject()
            .field("node_id", nodeId("03:Tag" + repository.id() + ":" + sha))
            .field("sha", sha)
            .field("url", api + "/git/tags/" + sha)
            .field(
                "html_url",
                "https://github.com/"
                    + repository.fullName()
                    + "/releases/tag/"
                    + release.get().tag())
            .field("tag", release.get().tag())
            .field("message", repository.tagMessage(release.get().tag()).orElseThrow())
            .name("tagger")
            .beginObject()
            .field("name", repository.owner())
            .field("email", repository.owner() + "@users.noreply.github.com")
            .field("date", ReleaseJson.timestamp(repository.createdAt(release.get(), clock)))
            .endObject()
            .name("object")
            .beginObject()
            .field("sha", commit)
            .field("type", "commit")
            .field("url", api + "/git/commits/" + commit)
            .endObject()
            .name("verification")
            .beginObject()
            .field("verified", false)
            .field("reason", "unsigned")
            .field("signature", (String) null)
            .field("payload", (String) null)
            .field("verified_at", (String) null)
            .endObject()
            .endObject()
            .toString());
  }

  /** {@code git/commits/SHA}: the commit a release or branch is at, by its full SHA. */
  static Reply commit(Repository repository, String sha, Clock clock) {
    Optional<Repository.Commit> commit = repository.commit(sha, clock);
    if (commit.isEmpty()) {
      return ApiRoutes.notFound(COMMIT_DOCS).markUnexpected();
    }
    String api = api(repository);
    String tree = commit.get().files().treeSha("");
    String date = ReleaseJson.timestamp(commit.get().date());
    JsonWriter json =
        new JsonWriter()
            .beginObject()
            .field("sha", sha)
            .field("node_id", nodeId("06:Commit" + repository.id() + ":" + sha))
            .field("url", api + "/git/commits/" + sha)
            .field("html_url", "https://github.com/" + repository.fullName() + "/commit/" + sha);
    for (String who : new String[] {"author", "committer"}) {
      json.name(who)
          .beginObject()
          .field("name", repository.owner())
          .field("email", repository.owner() + "@users.noreply.github.com")
          .field("date", date)
          .endObject();
    }
    json.name("tree")
        .beginObject()
        .field("sha", tree)
        .field("url", api + "/git/trees/" + tree)
        .endObject()
        .field("message", commit.get().message())
        .name("parents")
        .beginArray();
    if (commit.get().parent() != null) {
      String parent = commit.get().parent();
      json.beginObject()
          .field("sha", parent)
          .field("url", api + "/git/commits/" + parent)
          .field("html_url", "https://github.com/" + repository.fullName() + "/commit/" + parent)
          .endObject();
    }
    return Reply.json(200, json.endArray().endObject().toString());
  }

  /** {@code git/blobs/SHA}: a file's bytes in base64, wrapped every 60 characters. */
  static Reply blob(Repository repository, String sha) {
    Optional<byte[]> bytes = repository.blob(sha);
    if (bytes.isEmpty()) {
      return ApiRoutes.notFound(BLOB_DOCS).markUnexpected();
    }
    return Reply.json(
        200,
        new JsonWriter()
            .beginObject()
            .field("sha", sha)
            .field("node_id", nodeId("04:Blob" + repository.id() + ":" + sha))
            .field("size", bytes.get().length)
            .field("url", api(repository) + "/git/blobs/" + sha)
            .field("content", ContentJson.base64(bytes.get()))
            .field("encoding", "base64")
            .endObject()
            .toString());
  }

  private static String api(Repository repository) {
    return "https://api.github.com/repos/" + repository.fullName();
  }

  private static String nodeId(String key) {
    return Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.US_ASCII));
  }
}
