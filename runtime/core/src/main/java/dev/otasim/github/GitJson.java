package dev.otasim.github;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * The git database endpoints updaters use to follow a branch or resolve a tag themselves
 * (spec/github-api.md, "Git database"): {@code git/ref/{heads|tags}/X} (and the older {@code
 * git/refs/...}), {@code git/commits/SHA} and {@code git/blobs/SHA}.
 *
 * <p>Every release tag is lightweight (its ref points at a commit, as a tag made with a release
 * is), and a commit's parents are not modelled (an empty list).
 */
final class GitJson {
  private static final String DOCS = ApiRoutes.DOCS + "/git";
  private static final String REF_DOCS = DOCS + "/refs#get-a-reference";
  private static final String COMMIT_DOCS = DOCS + "/commits#get-a-commit-object";
  private static final String BLOB_DOCS = DOCS + "/blobs#get-a-blob";

  private GitJson() {}

  /** {@code git/ref/heads/B} or {@code git/ref/tags/T}; a missing ref is GitHub's 404. */
  static Reply ref(Repository repository, String kind, String name) {
    String qualified = "refs/" + kind + "/" + name;
    Optional<Ref> ref = repository.resolve(qualified);
    if (ref.isEmpty()) {
      return ApiRoutes.notFound(REF_DOCS); // asking whether a tag exists is a fair question
    }
    String api = api(repository);
    String sha = ref.get().commitSha();
    return Reply.json(
        200,
        new JsonWriter()
            .beginObject()
            .field("ref", qualified)
            .field("node_id", nodeId("03:Ref" + repository.id() + ":" + qualified))
            .field("url", api + "/git/" + qualified)
            .name("object")
            .beginObject()
            .field("sha", sha)
            .field("type", "commit")
            .field("url", api + "/git/commits/" + sha)
            .endObject()
            .endObject()
            .toString());
  }

  /** {@code git/commits/SHA}: the commit a release or branch is at, by its full SHA. */
  static Reply commit(Repository repository, String sha, Clock clock) {
    Optional<Ref> ref = repository.resolve(sha).filter(r -> r.commitSha().equals(sha));
    if (ref.isEmpty()) {
      return ApiRoutes.notFound(COMMIT_DOCS).markUnexpected();
    }
    String api = api(repository);
    String tree = ref.get().files().treeSha("");
    String date = ReleaseJson.timestamp(clock.instant());
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
    return Reply.json(
        200,
        json.name("tree")
            .beginObject()
            .field("sha", tree)
            .field("url", api + "/git/trees/" + tree)
            .endObject()
            .field("message", "commit " + sha.substring(0, 7))
            .name("parents")
            .beginArray()
            .endArray()
            .endObject()
            .toString());
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
