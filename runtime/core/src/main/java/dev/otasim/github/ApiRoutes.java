package dev.otasim.github;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * api.github.com: the release, contents, trees and archive endpoints of spec/github-api.md, with
 * GitHub's authentication and rate-limit rules.
 */
final class ApiRoutes {
  static final String DOCS = "https://docs.github.com/rest";
  private static final String LATEST = DOCS + "/releases/releases#get-the-latest-release";
  private static final String LIST = DOCS + "/releases/releases#list-releases";
  private static final String BY_TAG = DOCS + "/releases/releases#get-a-release-by-tag-name";
  private static final String CONTENTS = DOCS + "/repos/contents#get-repository-content";
  private static final String TREES = DOCS + "/git/trees#get-a-tree";
  private static final String COMMIT = DOCS + "/commits/commits#get-a-commit";
  private static final String TARBALL = DOCS + "/repos/contents#download-a-repository-archive-tar";
  private static final String ZIPBALL = DOCS + "/repos/contents#download-a-repository-archive-zip";
  private static final String LIST_COMMITS = DOCS + "/commits/commits#list-commits";
  private static final String BRANCHES = DOCS + "/branches/branches#list-branches";
  private static final String BRANCH = DOCS + "/branches/branches#get-a-branch";
  private static final String TAGS = DOCS + "/repos/repos#list-repository-tags";
  private static final String ASSET = DOCS + "/releases/assets#get-a-release-asset";
  private static final String RELEASE = DOCS + "/releases/releases#get-a-release";

  /** Every client connects from the loopback address, so GitHub would see one address. */
  static final String CLIENT_ADDRESS = "127.0.0.1";

  private final FakeGitHub github;

  ApiRoutes(FakeGitHub github) {
    this.github = github;
  }

  Reply route(Request request, String requestId) {
    Optional<String> token = request.token();
    boolean authenticated = token.isPresent() && github.knowsToken(token.get());
    String client = authenticated ? "token " + token.get() : "address " + CLIENT_ADDRESS;
    RateLimit.State limit =
        github.rateLimit().take(client, authenticated, github.clock().instant());
    Reply reply;
    if (token.isPresent() && !authenticated) {
      reply = error(401, "Bad credentials", DOCS);
    } else if (limit.exceeded()) {
      reply = rateLimited();
    } else {
      reply = repository(request, token.orElse(null));
      String etag = etag(reply);
      if (reply.status() == 200 && matches(request.header("If-None-Match"), etag)) {
        // a conditional request answered 304 does not count against the rate limit
        limit = github.rateLimit().giveBack(client, authenticated, github.clock().instant());
        reply = new Reply(304, List.of(new Reply.Header("ETag", etag)), new byte[0], false);
      }
    }
    return finish(reply, limit, authenticated, requestId);
  }

  private Reply repository(Request request, String token) {
    List<String> path = request.segments();
    if (path.size() < 4 || !path.get(0).equals("repos")) {
      return notFound(DOCS).markUnexpected();
    }
    String endpoint = path.get(3);
    List<String> rest = path.subList(4, path.size());
    String docs =
        switch (endpoint) {
          case "releases" ->
              rest.isEmpty()
                  ? LIST
                  : rest.get(0).equals("tags")
                      ? BY_TAG
                      : rest.get(0).equals("assets")
                          ? ASSET
                          : rest.get(0).equals("latest") ? LATEST : RELEASE;
          case "contents" -> CONTENTS;
          case "git" -> TREES;
          case "commits" -> rest.isEmpty() ? LIST_COMMITS : COMMIT;
          case "branches" -> rest.isEmpty() ? BRANCHES : BRANCH;
          case "tags" -> TAGS;
          case "tarball" -> TARBALL;
          case "zipball" -> ZIPBALL;
          default -> DOCS;
        };
    Optional<Repository> found = github.find(path.get(1), path.get(2));
    if (found.isEmpty()) {
      return notFound(docs).markUnexpected();
    }
    Repository repository = found.get();
    boolean member = repository.token().map(t -> t.equals(token)).orElse(false);
    if (repository.token().isPresent() && !member) {
      return notFound(docs); // GitHub hides private repositories from outsiders
    }
    return switch (endpoint) {
      case "releases" -> releases(request, repository, rest, member);
      case "contents" -> contents(request, repository, String.join("/", rest));
      case "git" -> trees(request, repository, rest);
      case "commits" -> rest.isEmpty() ? commits(request, repository) : commit(repository, rest);
      case "branches" -> branches(request, repository, rest);
      case "tags" ->
          rest.isEmpty()
              ? page(
                  request,
                  repository,
                  "tags",
                  repository.tagged(),
                  (json, r) -> ListJson.tagEntry(json, repository, r))
              : notFound(DOCS).markUnexpected();
      case "tarball", "zipball" -> archive(repository, endpoint, String.join("/", rest), docs);
      default -> notFound(DOCS).markUnexpected();
    };
  }

  private Reply releases(
      Request request, Repository repository, List<String> rest, boolean member) {
    Clock clock = github.clock();
    if (rest.isEmpty()) {
      return page(
          request,
          repository,
          "releases",
          repository.newestFirst(member),
          (json, r) -> ReleaseJson.write(json, repository, r, clock));
    }
    if (rest.size() == 2 && rest.get(0).equals("assets")) {
      return asset(request, repository, rest.get(1), member);
    }
    if (!rest.get(0).equals("latest") && !rest.get(0).equals("tags")) {
      Optional<Release> byId =
          repository.newestFirst(member).stream()
              .filter(r -> Long.toString(r.id()).equals(rest.get(0)))
              .findFirst();
      if (byId.isPresent() && rest.size() == 1) {
        return Reply.json(200, ReleaseJson.one(repository, byId.get(), clock));
      }
      if (byId.isPresent() && rest.size() == 2 && rest.get(1).equals("assets")) {
        return Reply.json(200, ReleaseJson.assets(repository, byId.get(), clock));
      }
      return notFound(RELEASE).markUnexpected();
    }
    if (rest.size() == 1 && rest.get(0).equals("latest")) {
      return repository
          .latest()
          .map(r -> Reply.json(200, ReleaseJson.one(repository, r, clock)))
          .orElseGet(() -> notFound(LATEST)); // scripted: a repository with no release yet
    }
    if (rest.size() >= 2 && rest.get(0).equals("tags")) {
      String tag = String.join("/", rest.subList(1, rest.size()));
      return repository
          .byTag(tag, member)
          .map(r -> Reply.json(200, ReleaseJson.one(repository, r, clock)))
          .orElseGet(() -> notFound(BY_TAG).markUnexpected());
    }
    return notFound(DOCS).markUnexpected();
  }

  /**
   * {@code releases/assets/ID}: the asset's JSON, or with {@code Accept: application/octet-stream}
   * a 302 to its bytes on the objects host.
   */
  private Reply asset(Request request, Repository repository, String id, boolean member) {
    for (Release release : repository.newestFirst(member)) {
      for (Asset asset : repository.assets(release.tag())) {
        if (Long.toString(asset.id()).equals(id)) {
          boolean bytes =
              request
                  .header("Accept")
                  .map(a -> a.toLowerCase(Locale.ROOT).contains("application/octet-stream"))
                  .orElse(false);
          if (bytes) {
            return new Reply(
                    302,
                    List.of(new Reply.Header("Content-Type", "text/html;charset=utf-8")),
                    new byte[0],
                    false)
                .withHeader(
                    "Location",
                    ObjectsRoutes.location(repository, asset, github.clock().instant()));
          }
          return Reply.json(200, ReleaseJson.asset(repository, release, asset, github.clock()));
        }
      }
    }
    return notFound(ASSET).markUnexpected();
  }

  /** {@code commits?sha=&path=}: the history of a ref, newest first, filtered by path. */
  private Reply commits(Request request, Repository repository) {
    String from = request.query("sha").filter(v -> !v.isEmpty()).orElse(null);
    Optional<Ref> ref = repository.resolve(from == null ? repository.defaultBranchName() : from);
    if (ref.isEmpty()) {
      return notFound(LIST_COMMITS).markUnexpected();
    }
    Clock clock = github.clock();
    List<Repository.Commit> history = repository.history(ref.get().commitSha(), clock);
    Optional<String> path =
        request.query("path").map(p -> p.replaceAll("^/+|/+$", "")).filter(p -> !p.isEmpty());
    if (path.isPresent()) {
      List<Repository.Commit> touching = new ArrayList<>();
      for (Repository.Commit c : history) {
        Snapshot before =
            Optional.ofNullable(c.parent())
                .flatMap(p -> repository.commit(p, clock))
                .map(Repository.Commit::files)
                .orElseGet(() -> new Snapshot(Map.of()));
        if (touches(c.files(), before, path.get())) {
          touching.add(c);
        }
      }
      history = touching;
    }
    return page(
        request,
        repository,
        "commits",
        history,
        (json, c) -> ListJson.commit(json, repository, c, false, clock));
  }

  /** Whether {@code path} (a file, or every file under a folder) differs between two trees. */
  private static boolean touches(Snapshot now, Snapshot before, String path) {
    String under = path + "/";
    Set<String> paths = new TreeSet<>(now.paths());
    paths.addAll(before.paths());
    for (String p : paths) {
      if (p.equals(path) || p.startsWith(under)) {
        Optional<byte[]> a = now.file(p);
        Optional<byte[]> b = before.file(p);
        if (a.isPresent() != b.isPresent() || (a.isPresent() && !Arrays.equals(a.get(), b.get()))) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code branches} (paginated) and {@code branches/B}. */
  private Reply branches(Request request, Repository repository, List<String> rest) {
    if (rest.isEmpty()) {
      return page(
          request,
          repository,
          "branches",
          repository.branchRefs(),
          (json, b) -> ListJson.branchEntry(json, repository, b));
    }
    String name = String.join("/", rest);
    return repository.branchRefs().stream()
        .filter(b -> b.name().equals(name))
        .findFirst()
        .map(b -> Reply.json(200, ListJson.branch(repository, b, github.clock())))
        .orElseGet(() -> error(404, "Branch not found", BRANCH));
  }

  /**
   * One page of a list with GitHub's {@code Link} header: {@code per_page} (default 30, at most
   * 100) and {@code page} from the query, the links to {@code /repositories/ID/ENDPOINT} with the
   * client's other parameters in their order and {@code page} last.
   */
  private <T> Reply page(
      Request request,
      Repository repository,
      String endpoint,
      List<T> items,
      BiConsumer<JsonWriter, T> write) {
    int perPage = Math.max(1, Math.min(100, number(request.query("per_page"), 30)));
    int page = Math.max(1, number(request.query("page"), 1));
    int last = Math.max(1, (items.size() + perPage - 1) / perPage);
    int from = Math.min(items.size(), (page - 1) * perPage);
    int to = Math.min(items.size(), from + perPage);
    JsonWriter json = new JsonWriter().beginArray();
    items.subList(from, to).forEach(item -> write.accept(json, item));
    Reply reply = Reply.json(200, json.endArray().toString());
    if (last == 1) {
      return reply;
    }
    StringBuilder query = new StringBuilder();
    okhttp3.HttpUrl url = request.url();
    for (int i = 0; url != null && i < url.querySize(); i++) {
      if (!url.queryParameterName(i).equals("page")) {
        String value = url.queryParameterValue(i);
        query
            .append(url.queryParameterName(i))
            .append('=')
            .append(value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8))
            .append('&');
      }
    }
    String base =
        "https://api.github.com/repositories/"
            + repository.id()
            + "/"
            + endpoint
            + "?"
            + query
            + "page=";
    List<String> links = new ArrayList<>();
    if (page > 1) {
      links.add("<" + base + Math.min(page - 1, last) + ">; rel=\"prev\"");
    }
    if (page < last) {
      links.add("<" + base + (page + 1) + ">; rel=\"next\"");
      links.add("<" + base + last + ">; rel=\"last\"");
    }
    if (page > 1) {
      links.add("<" + base + 1 + ">; rel=\"first\"");
    }
    return reply.withHeader("Link", String.join(", ", links));
  }

  private Reply contents(Request request, Repository repository, String path) {
    String refName = request.query("ref").orElse(repository.defaultBranchName());
    Optional<Ref> ref = repository.resolve(refName);
    if (ref.isEmpty()) {
      return notFound(CONTENTS).markUnexpected();
    }
    Snapshot files = ref.get().files();
    if (files.isDirectory(path)) {
      return Reply.json(200, ContentJson.directory(repository, refName, files, path));
    }
    Optional<byte[]> bytes = files.file(path);
    if (bytes.isEmpty()) {
      return notFound(CONTENTS); // the ref exists; asking for an absent file is a fair question
    }
    Snapshot.Entry entry = files.entry(path).orElseThrow();
    return Reply.json(200, ContentJson.file(repository, refName, entry, bytes.get()));
  }

  private Reply trees(Request request, Repository repository, List<String> rest) {
    if (rest.isEmpty()) {
      return notFound(DOCS).markUnexpected();
    }
    if (rest.size() >= 3
        && (rest.get(0).equals("ref") || rest.get(0).equals("refs"))
        && (rest.get(1).equals("heads") || rest.get(1).equals("tags"))) {
      return GitJson.ref(repository, rest.get(1), String.join("/", rest.subList(2, rest.size())));
    }
    if (rest.get(0).equals("refs") && rest.size() <= 2) {
      // git/refs, git/refs/heads, git/refs/tags: every ref under the prefix
      return GitJson.refs(repository, String.join("/", rest) + "/");
    }
    if (rest.get(0).equals("matching-refs")) {
      return GitJson.refs(repository, "refs/" + String.join("/", rest.subList(1, rest.size())));
    }
    if (rest.size() == 2 && rest.get(0).equals("tags")) {
      return GitJson.tag(repository, rest.get(1), github.clock());
    }
    if (rest.size() == 2 && rest.get(0).equals("commits")) {
      return GitJson.commit(repository, rest.get(1), github.clock());
    }
    if (rest.size() == 2 && rest.get(0).equals("blobs")) {
      return GitJson.blob(repository, rest.get(1));
    }
    if (rest.size() < 2 || !rest.get(0).equals("trees")) {
      return notFound(DOCS).markUnexpected();
    }
    String name = String.join("/", rest.subList(1, rest.size()));
    // GitHub treats any value of "recursive" as true, even "0" or "false".
    boolean recursive = request.query("recursive").isPresent();
    Optional<Ref> ref = repository.resolve(name);
    if (ref.isPresent()) {
      return Reply.json(200, ContentJson.tree(repository, ref.get().files(), recursive));
    }
    // a tree's own SHA, as a commit's "tree" or a tree entry's "sha" names it
    return repository
        .tree(name)
        .map(
            t -> Reply.json(200, ContentJson.tree(repository, t.files(), t.directory(), recursive)))
        .orElseGet(() -> notFound(TREES).markUnexpected());
  }

  /** {@code /commits/{ref}}: the commit a branch, tag or SHA names, and its tree. */
  private Reply commit(Repository repository, List<String> rest) {
    if (rest.isEmpty()) {
      return notFound(DOCS).markUnexpected();
    }
    Optional<Ref> ref = repository.resolve(String.join("/", rest));
    if (ref.isEmpty()) {
      return Reply.json(
              422,
              new JsonWriter()
                  .beginObject()
                  .field("message", "No commit found for SHA: " + String.join("/", rest))
                  .field("documentation_url", COMMIT)
                  .field("status", "422")
                  .endObject()
                  .toString())
          .markUnexpected();
    }
    Clock clock = github.clock();
    JsonWriter json = new JsonWriter();
    ListJson.commit(
        json,
        repository,
        repository.commit(ref.get().commitSha(), clock).orElseThrow(),
        true,
        clock);
    return Reply.json(200, json.toString());
  }

  /** A redirect to codeload.github.com, which serves the archive itself. */
  private Reply archive(Repository repository, String endpoint, String refName, String docs) {
    Optional<Ref> ref =
        repository.resolve(refName.isEmpty() ? repository.defaultBranchName() : refName);
    if (ref.isEmpty()) {
      return notFound(docs).markUnexpected();
    }
    String kind = endpoint.equals("tarball") ? "legacy.tar.gz" : "legacy.zip";
    String location =
        "https://codeload.github.com/"
            + repository.fullName()
            + "/"
            + kind
            + "/"
            + ref.get().qualified();
    return new Reply(
            302,
            List.of(new Reply.Header("Content-Type", "text/html;charset=utf-8")),
            new byte[0],
            false)
        .withHeader("Location", location);
  }

  static Reply rateLimited() {
    String message =
        "API rate limit exceeded for "
            + CLIENT_ADDRESS
            + ". (But here's the good news: Authenticated requests get a higher rate limit."
            + " Check out the documentation for more details.)";
    return Reply.json(
        403,
        new JsonWriter()
            .beginObject()
            .field("message", message)
            .field(
                "documentation_url",
                "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting")
            .endObject()
            .toString());
  }

  static Reply notFound(String documentation) {
    return error(404, "Not Found", documentation);
  }

  static Reply error(int status, String message, String documentation) {
    return Reply.json(
        status,
        new JsonWriter()
            .beginObject()
            .field("message", message)
            .field("documentation_url", documentation)
            .field("status", Integer.toString(status))
            .endObject()
            .toString());
  }

  /** The weak ETag GitHub sends with a 200: the body's SHA-256. */
  private static String etag(Reply reply) {
    return "W/\"" + GitHash.sha256(reply.body()) + "\"";
  }

  /** Whether {@code If-None-Match} names {@code etag}, weakly compared (either may lack W/). */
  private static boolean matches(Optional<String> ifNoneMatch, String etag) {
    if (ifNoneMatch.isEmpty()) {
      return false;
    }
    String bare = etag.substring(2);
    for (String tag : ifNoneMatch.get().split(",")) {
      String t = tag.trim();
      if (t.equals("*") || t.equals(etag) || t.equals(bare)) {
        return true;
      }
    }
    return false;
  }

  /** Surrounds the route's headers with the ones every API response carries, in GitHub's order. */
  private Reply finish(
      Reply reply, RateLimit.State limit, boolean authenticated, String requestId) {
    List<Reply.Header> h = new ArrayList<>();
    h.add(new Reply.Header("Date", FakeGitHub.httpDate(github.clock().instant())));
    reply.header("Content-Type").ifPresent(v -> h.add(new Reply.Header("Content-Type", v)));
    if (reply.status() == 200) {
      h.add(
          new Reply.Header(
              "Cache-Control",
              (authenticated ? "private" : "public") + ", max-age=60, s-maxage=60"));
      h.add(new Reply.Header("Vary", "Accept, Accept-Encoding, Accept, X-Requested-With"));
      h.add(new Reply.Header("ETag", etag(reply)));
    } else if (reply.status() == 304) {
      h.add(
          new Reply.Header(
              "Cache-Control",
              (authenticated ? "private" : "public") + ", max-age=60, s-maxage=60"));
      h.add(new Reply.Header("Vary", "Accept, Accept-Encoding, Accept, X-Requested-With"));
      reply.header("ETag").ifPresent(v -> h.add(new Reply.Header("ETag", v)));
    }
    reply.header("Link").ifPresent(v -> h.add(new Reply.Header("Link", v)));
    reply.header("Location").ifPresent(v -> h.add(new Reply.Header("Location", v)));
    h.add(new Reply.Header("X-GitHub-Media-Type", "github.v3; format=json"));
    h.add(new Reply.Header("X-GitHub-Api-Version-Selected", "2022-11-28"));
    h.add(
        new Reply.Header(
            "Access-Control-Expose-Headers",
            "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit,"
                + " X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource,"
                + " X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval,"
                + " X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation,"
                + " Sunset"));
    h.add(new Reply.Header("Access-Control-Allow-Origin", "*"));
    h.add(
        new Reply.Header(
            "Strict-Transport-Security", "max-age=31536000; includeSubdomains; preload"));
    h.add(new Reply.Header("X-Frame-Options", "deny"));
    h.add(new Reply.Header("X-Content-Type-Options", "nosniff"));
    h.add(new Reply.Header("X-XSS-Protection", "0"));
    h.add(
        new Reply.Header(
            "Referrer-Policy", "origin-when-cross-origin, strict-origin-when-cross-origin"));
    h.add(new Reply.Header("Content-Security-Policy", "default-src 'none'"));
    h.add(new Reply.Header("Server", "github.com"));
    h.add(new Reply.Header("X-RateLimit-Limit", Integer.toString(limit.limit())));
    h.add(new Reply.Header("X-RateLimit-Remaining", Integer.toString(limit.remaining())));
    h.add(new Reply.Header("X-RateLimit-Reset", Long.toString(limit.reset())));
    h.add(new Reply.Header("X-RateLimit-Used", Integer.toString(limit.used())));
    h.add(new Reply.Header("X-RateLimit-Resource", "core"));
    h.add(new Reply.Header(Reply.FRAMING, ""));
    h.add(new Reply.Header("X-GitHub-Request-Id", requestId));
    return reply.withHeaders(h);
  }

  private static int number(Optional<String> text, int otherwise) {
    try {
      return text.map(Integer::parseInt).orElse(otherwise);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
