package dev.otasim.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A repository on the fake GitHub: its releases in the order they were created, the branch the
 * newest release sits on, and whether it is private.
 *
 * <p>Each release carries the repository's files at its tag. The default branch's files are those
 * of the newest release that is not a draft (a draft has no tag yet, so nothing points at it).
 */
public final class Repository {
  private final String owner;
  private final String name;
  private final long id;
  private final List<Release> releases = new CopyOnWriteArrayList<>();
  private volatile String token;
  private volatile String defaultBranch = "main";
  private final Map<String, Branch> branches = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<Asset> assets = new CopyOnWriteArrayList<>();

  /** The annotated tags' messages by tag name; every other tag is lightweight. */
  private final Map<String, String> annotated = new java.util.concurrent.ConcurrentHashMap<>();

  /** How many pushes there have been, to date and order the branches' commits. */
  private int pushes;

  /**
   * A branch pushed with its own files: its head commit, the branch's previous head (null for the
   * first push) and the push's number in the repository.
   */
  private record Branch(Snapshot files, String commitSha, Branch previous, int push) {}

  /**
   * A commit of the model: a release's or a push's.
   *
   * @param parent the parent commit's SHA, or null for a root commit
   * @param message the commit message
   * @param date when it was authored and committed
   */
  record Commit(String sha, Snapshot files, String parent, String message, Instant date) {}

  Repository(String owner, String name) {
    this.owner = owner;
    this.name = name;
    this.id = idOf(fullName());
  }

  /**
   * The repository's numeric id, derived from its name as GitHub's names compare (ignoring case):
   * asset downloads carry it instead of the name, and a rule about a repository must know it.
   */
  static long idOf(String fullName) {
    return GitHash.number(
        "repository " + fullName.toLowerCase(java.util.Locale.ROOT), 100_000_000L, 900_000_000L);
  }

  /** Adds a published release tagged {@code tag} whose files {@code files} writes. */
  public Repository release(String tag, Consumer<Tree> files) {
    return add(tag, Release.Kind.PUBLISHED, files);
  }

  /** Adds a pre-release: listed and fetchable by tag, never returned as {@code latest}. */
  public Repository prerelease(String tag, Consumer<Tree> files) {
    return add(tag, Release.Kind.PRERELEASE, files);
  }

  /**
   * Adds a draft: invisible to clients without the repository's token, never {@code latest}, and
   * without a tag (so no raw or contents URL reaches its files).
   */
  public Repository draft(String tag, Consumer<Tree> files) {
    return add(tag, Release.Kind.DRAFT, files);
  }

  /**
   * Makes the repository private, readable only with {@code Authorization: token T} or {@code
   * Authorization: Bearer T}. Without it GitHub answers 404, hiding that the repository exists; a
   * token GitHub does not know is 401 {@code Bad credentials}.
   */
  public Repository makePrivate(String token) {
    this.token = Objects.requireNonNull(token, "token");
    return this;
  }

  /**
   * Pushes branch {@code name} with the files {@code files} writes (a later call moves its head).
   * Raw files, contents, trees and commits are served by the branch name as by a tag. Without a
   * pushed default branch, the default branch is at the newest release.
   */
  public synchronized Repository branch(String name, Consumer<Tree> files) {
    checkRefName(name, "branch", "main");
    Tree tree = new Tree();
    files.accept(tree);
    Snapshot snapshot = tree.snapshot();
    Branch previous = branches.get(name);
    // a later push is a child of the branch's head, as a fast-forward push makes it
    String commit =
        GitHash.of(
            "commit "
                + fullName()
                + " branch "
                + name
                + " "
                + snapshot.treeSha("")
                + (previous == null ? "" : " parent " + previous.commitSha()));
    branches.put(name, new Branch(snapshot, commit, previous, pushes++));
    return this;
  }

  /**
   * Attaches {@code bytes} to release {@code tag} as the asset {@code name}, with the content type
   * GitHub's upload form records for its extension ({@code .bin} is {@code
   * application/octet-stream}).
   *
   * @throws IllegalArgumentException if there is no such release, the name has a slash or the
   *     release already has an asset of that name
   */
  public Repository asset(String tag, String name, byte[] bytes) {
    return asset(tag, name, Asset.contentTypeOf(name), bytes);
  }

  /** Attaches an asset as {@link #asset(String, String, byte[])}, with its content type. */
  public synchronized Repository asset(String tag, String name, String contentType, byte[] bytes) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(bytes, "bytes");
    if (releases.stream().noneMatch(r -> r.tag().equals(tag))) {
      throw new IllegalArgumentException(
          "no release "
              + tag
              + " in "
              + fullName()
              + " to attach "
              + name
              + " to; add the release first");
    }
    if (name.isEmpty() || name.contains("/") || name.chars().anyMatch(c -> c < ' ')) {
      throw new IllegalArgumentException(
          "not a valid asset name: \""
              + name
              + "\"; name the file as it is downloaded, such as \"firmware.bin\" (no slash)");
    }
    if (assets(tag).stream().anyMatch(a -> a.name().equals(name))) {
      throw new IllegalArgumentException(
          "release " + tag + " of " + fullName() + " already has an asset " + name);
    }
    long assetId =
        GitHash.number("asset " + fullName() + " " + tag + " " + name, 200_000_000L, 200_000_000L);
    assets.add(new Asset(tag, name, contentType, bytes.clone(), assetId, assets(tag).size()));
    return this;
  }

  /**
   * Makes release {@code tag}'s tag an annotated tag with {@code message}: {@code git/ref/tags/T}
   * then points at a tag object ({@code git/tags/SHA}) that points at the commit. Tags are
   * lightweight unless annotated.
   *
   * @throws IllegalArgumentException if there is no such release
   */
  public Repository annotate(String tag, String message) {
    Objects.requireNonNull(message, "message");
    if (releases.stream().noneMatch(r -> r.tag().equals(tag))) {
      throw new IllegalArgumentException(
          "no release " + tag + " in " + fullName() + " to annotate; add the release first");
    }
    annotated.put(tag, message);
    return this;
  }

  /** Names the default branch ({@code main} unless set). */
  public Repository defaultBranch(String name) {
    checkRefName(name, "branch", "main");
    this.defaultBranch = name;
    return this;
  }

  /**
   * The files of a release's tree under {@code folder} (empty for the whole tree), by path relative
   * to that folder.
   *
   * @throws IllegalArgumentException if there is no release with that tag
   */
  public Map<String, byte[]> files(String tag, String folder) {
    Release release =
        releases.stream()
            .filter(r -> r.tag().equals(tag))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("no release " + tag + " in " + fullName()));
    String prefix = folder.isEmpty() ? "" : folder.replaceAll("/+$", "") + "/";
    Map<String, byte[]> out = new java.util.TreeMap<>();
    release
        .files()
        .all()
        .forEach(
            (path, bytes) -> {
              if (path.startsWith(prefix)) {
                out.put(path.substring(prefix.length()), bytes);
              }
            });
    return out;
  }

  /** "owner/name". */
  public String fullName() {
    return owner + "/" + name;
  }

  private synchronized Repository add(String tag, Release.Kind kind, Consumer<Tree> files) {
    checkRefName(tag, "tag", "v1.2.0");
    if (releases.stream().anyMatch(r -> r.tag().equals(tag))) {
      throw new IllegalArgumentException(
          "release " + tag + " already exists in " + fullName() + "; tags are unique");
    }
    Tree tree = new Tree();
    files.accept(tree);
    Snapshot snapshot = tree.snapshot();
    long releaseId =
        GitHash.number("release " + fullName() + " " + tag, 100_000_000L, 200_000_000L);
    String commit = GitHash.of("commit " + fullName() + " " + tag + " " + snapshot.treeSha(""));
    releases.add(new Release(tag, kind, snapshot, releases.size(), releaseId, commit));
    return this;
  }

  private static void checkRefName(String ref, String kind, String example) {
    Objects.requireNonNull(ref, kind);
    // git check-ref-format's rules, as far as a ref in a URL path cares
    if (ref.isEmpty()
        || ref.startsWith("/")
        || ref.endsWith("/")
        || ref.contains("..")
        || ref.chars().anyMatch(c -> c <= ' ' || c == 127 || "~^:?*[\\".indexOf(c) >= 0)) {
      throw new IllegalArgumentException(
          "not a valid "
              + kind
              + " name: \""
              + ref
              + "\"; use a git "
              + kind
              + " such as \""
              + example
              + "\" (no spaces, \"..\" or ~^:?*[\\, and no leading or trailing /)");
    }
  }

  String owner() {
    return owner;
  }

  String name() {
    return name;
  }

  long id() {
    return id;
  }

  Optional<String> token() {
    return Optional.ofNullable(token);
  }

  String defaultBranchName() {
    return defaultBranch;
  }

  /** Releases a client may see, newest first; drafts only when {@code withDrafts}. */
  List<Release> newestFirst(boolean withDrafts) {
    List<Release> out = new ArrayList<>();
    for (Release release : releases) {
      if (withDrafts || !release.draft()) {
        out.add(0, release);
      }
    }
    return out;
  }

  /** The newest release that is neither a draft nor a pre-release. */
  Optional<Release> latest() {
    return newestFirst(false).stream().filter(r -> !r.prerelease()).findFirst();
  }

  Optional<Release> byTag(String tag, boolean withDrafts) {
    return newestFirst(withDrafts).stream().filter(r -> r.tag().equals(tag)).findFirst();
  }

  /**
   * When {@code release} was created: one day apart, the newest one day before the clock, so that
   * created_at orders releases as GitHub does.
   */
  Instant createdAt(Release release, Clock clock) {
    return clock.instant().minus(Duration.ofDays(releases.size() - release.index()));
  }

  /** Publishing follows creation by a few minutes, as when a maintainer writes release notes. */
  Instant publishedAt(Release release, Clock clock) {
    return createdAt(release, clock).plus(Duration.ofMinutes(7));
  }

  /** The release before {@code release} that is not a draft, for release notes. */
  Optional<Release> previous(Release release) {
    return releases.subList(0, release.index()).stream()
        .filter(r -> !r.draft())
        .reduce((a, b) -> b);
  }

  /**
   * Resolves a ref the way GitHub does: {@code refs/tags/X}, {@code refs/heads/X}, a tag, the
   * default branch, or a full commit SHA of a tag or the branch head.
   */
  Optional<Ref> resolve(String ref) {
    if (ref.startsWith("refs/tags/")) {
      return tag(ref.substring("refs/tags/".length()));
    }
    if (ref.startsWith("refs/heads/")) {
      return branch(ref.substring("refs/heads/".length()));
    }
    Optional<Ref> tag = tag(ref);
    if (tag.isPresent()) {
      return tag;
    }
    Optional<Ref> branch = branch(ref);
    if (branch.isPresent()) {
      return branch;
    }
    Ref head = head();
    if (head.commitSha().equals(ref)) {
      return Optional.of(new Ref(Ref.Kind.COMMIT, ref, head.files(), ref));
    }
    for (Branch b : branches.values()) {
      for (Branch push = b; push != null; push = push.previous()) {
        if (push.commitSha().equals(ref)) {
          return Optional.of(new Ref(Ref.Kind.COMMIT, ref, push.files(), ref));
        }
      }
    }
    return newestFirst(false).stream()
        .filter(r -> r.commitSha().equals(ref))
        .findFirst()
        .map(r -> new Ref(Ref.Kind.COMMIT, ref, r.files(), ref));
  }

  private Optional<Ref> tag(String tag) {
    return byTag(tag, false).map(r -> new Ref(Ref.Kind.TAG, tag, r.files(), r.commitSha()));
  }

  private Optional<Ref> branch(String branch) {
    Branch pushed = branches.get(branch);
    if (pushed != null) {
      return Optional.of(new Ref(Ref.Kind.BRANCH, branch, pushed.files(), pushed.commitSha()));
    }
    return branch.equals(defaultBranch) ? Optional.of(head()) : Optional.empty();
  }

  /**
   * The default branch: as pushed with {@link #branch}, else at the newest release that has a tag,
   * or empty before the first.
   */
  Ref head() {
    Branch pushed = branches.get(defaultBranch);
    if (pushed != null) {
      return new Ref(Ref.Kind.BRANCH, defaultBranch, pushed.files(), pushed.commitSha());
    }
    return newestFirst(false).stream()
        .findFirst()
        .map(r -> new Ref(Ref.Kind.BRANCH, defaultBranch, r.files(), r.commitSha()))
        .orElseGet(
            () ->
                new Ref(
                    Ref.Kind.BRANCH,
                    defaultBranch,
                    new Snapshot(Map.of()),
                    GitHash.of("commit " + fullName() + " empty")));
  }

  /** The assets of release {@code tag}, in the order they were attached. */
  List<Asset> assets(String tag) {
    return assets.stream().filter(a -> a.tag().equals(tag)).toList();
  }

  /** The asset whose id is {@code id}, of any release. */
  Optional<Asset> assetById(long id) {
    return assets.stream().filter(a -> a.id() == id).findFirst();
  }

  /** The annotated tag's message, or empty for a lightweight tag. */
  Optional<String> tagMessage(String tag) {
    return Optional.ofNullable(annotated.get(tag));
  }

  /** The SHA-1 of release {@code tag}'s tag object (meaningful for an annotated tag). */
  String tagObjectSha(Release release) {
    return GitHash.of(
        "tag "
            + fullName()
            + " "
            + release.tag()
            + " "
            + release.commitSha()
            + " "
            + annotated.getOrDefault(release.tag(), ""));
  }

  /** The annotated tag whose tag object is {@code sha}. */
  Optional<Release> annotatedTag(String sha) {
    return newestFirst(false).stream()
        .filter(r -> annotated.containsKey(r.tag()) && tagObjectSha(r).equals(sha))
        .findFirst();
  }

  /** The releases that have a tag (every one but drafts), newest first. */
  List<Release> tagged() {
    return newestFirst(false);
  }

  /** The branches: the default branch and every pushed one, by name. */
  List<Ref> branchRefs() {
    java.util.TreeSet<String> names = new java.util.TreeSet<>(branches.keySet());
    names.add(defaultBranch);
    List<Ref> out = new ArrayList<>();
    names.forEach(n -> branch(n).ifPresent(out::add));
    return out;
  }

  /** The commit named by the full SHA {@code sha}: a release's or a push's. */
  Optional<Commit> commit(String sha, Clock clock) {
    for (Release r : releases) {
      if (r.commitSha().equals(sha)) {
        return Optional.of(commitOf(r, clock));
      }
    }
    for (Branch b : branches.values()) {
      for (Branch push = b; push != null; push = push.previous()) {
        if (push.commitSha().equals(sha)) {
          return Optional.of(commitOf(b, push, clock));
        }
      }
    }
    Ref head = head();
    if (head.commitSha().equals(sha)) {
      // the empty repository's root commit
      return Optional.of(new Commit(sha, head.files(), null, "Initial commit", clock.instant()));
    }
    return Optional.empty();
  }

  /** The commits reachable from {@code sha} by their parents, {@code sha} first. */
  List<Commit> history(String sha, Clock clock) {
    List<Commit> out = new ArrayList<>();
    Optional<Commit> at = commit(sha, clock);
    while (at.isPresent()) {
      out.add(at.get());
      at = at.get().parent() == null ? Optional.empty() : commit(at.get().parent(), clock);
    }
    return out;
  }

  private Commit commitOf(Release release, Clock clock) {
    String parent = previous(release).map(Release::commitSha).orElse(null);
    return new Commit(
        release.commitSha(), release.files(), parent, release.tag(), createdAt(release, clock));
  }

  private Commit commitOf(Branch branch, Branch push, Clock clock) {
    String name =
        branches.entrySet().stream()
            .filter(e -> e.getValue() == branch)
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse(defaultBranch);
    return new Commit(
        push.commitSha(),
        push.files(),
        push.previous() == null ? null : push.previous().commitSha(),
        "Push to " + name,
        clock.instant().minus(Duration.ofMinutes(pushes - push.push())));
  }

  /** A tree by its git name: the snapshot holding it and its directory there ("" the root). */
  record TreeAt(Snapshot files, String directory) {}

  /** The tree whose git tree SHA-1 is {@code sha}, at any release or push. */
  Optional<TreeAt> tree(String sha) {
    for (Snapshot files : snapshots()) {
      Optional<String> directory = files.directoryOf(sha);
      if (directory.isPresent()) {
        return Optional.of(new TreeAt(files, directory.get()));
      }
    }
    return Optional.empty();
  }

  /** Every release's and every push's files. */
  private List<Snapshot> snapshots() {
    List<Snapshot> snapshots = new ArrayList<>();
    releases.forEach(r -> snapshots.add(r.files()));
    for (Branch b : branches.values()) {
      for (Branch push = b; push != null; push = push.previous()) {
        snapshots.add(push.files());
      }
    }
    return snapshots;
  }

  /** The bytes of the file whose git blob SHA-1 is {@code sha}, at any release or branch. */
  Optional<byte[]> blob(String sha) {
    for (Snapshot files : snapshots()) {
      for (String path : files.paths()) {
        Optional<Snapshot.Entry> entry = files.entry(path);
        if (entry.isPresent() && !entry.get().directory() && entry.get().sha().equals(sha)) {
          return files.file(path);
        }
      }
    }
    return Optional.empty();
  }

  /** The requests this repository answers, for failure messages about requests it does not. */
  List<String> routes() {
    String api = "GET api.github.com/repos/" + fullName();
    List<String> refs = new ArrayList<>();
    newestFirst(false).forEach(r -> refs.add(r.tag()));
    refs.add(defaultBranch);
    branches.keySet().stream().sorted().filter(b -> !b.equals(defaultBranch)).forEach(refs::add);
    String anyRef = refs.stream().collect(Collectors.joining("|", "{", "}"));
    List<String> out = new ArrayList<>();
    out.add(api + "/releases/latest");
    out.add(api + "/releases");
    newestFirst(false).forEach(r -> out.add(api + "/releases/tags/" + r.tag()));
    out.add(api + "/releases/{id}");
    out.add(api + "/releases/{id}/assets");
    out.add(api + "/releases/assets/{id}");
    out.add(api + "/contents/{path}?ref=" + anyRef);
    out.add(api + "/git/trees/" + anyRef);
    out.add(api + "/git/ref/{heads|tags}/" + anyRef);
    out.add(api + "/git/refs/{heads|tags}");
    out.add(api + "/git/matching-refs/{heads|tags}");
    out.add(api + "/git/commits/{sha}");
    out.add(api + "/git/blobs/{sha}");
    out.add(api + "/git/tags/{sha}");
    out.add(api + "/commits");
    out.add(api + "/commits/" + anyRef);
    out.add(api + "/branches");
    out.add(api + "/branches/{branch}");
    out.add(api + "/tags");
    out.add(api + "/tarball/" + anyRef);
    out.add(api + "/zipball/" + anyRef);
    out.addAll(CodeloadRoutes.routes(this, anyRef));
    out.addAll(GitHubComRoutes.routes(this, anyRef));
    out.addAll(ObjectsRoutes.routes(this));
    out.add("GET raw.githubusercontent.com/" + fullName() + "/" + anyRef + "/{path}");
    return out;
  }
}
