package dev.otasim.github;

import java.util.List;
import java.util.Optional;

/**
 * github.com's redirects that updaters follow (spec/github-api.md, "Endpoints"): {@code
 * /{o}/{r}/releases/latest} to the latest release's tag page, {@code /{o}/{r}/raw/{ref}/{path}} to
 * raw.githubusercontent.com, {@code /{o}/{r}/archive/refs/{tags|heads}/{name}.zip|.tar.gz} to
 * codeload, {@code /{o}/{r}/releases/download/{tag}/{asset}} to the objects host and {@code
 * /{o}/{r}/releases/latest/download/{asset}} to the former. The pages themselves (HTML) are not
 * simulated: a request for one is unexpected.
 */
final class GitHubComRoutes {
  private final FakeGitHub github;

  GitHubComRoutes(FakeGitHub github) {
    this.github = github;
  }

  Reply route(Request request) {
    List<String> path = request.segments();
    if (path.size() < 3) {
      return notFound().markUnexpected();
    }
    Optional<Repository> found = github.find(path.get(0), path.get(1));
    if (found.isEmpty()) {
      return notFound().markUnexpected();
    }
    Repository repository = found.get();
    if (repository.token().isPresent() && !repository.token().equals(request.token())) {
      return notFound(); // private: hidden from this client
    }
    String site = "https://github.com/" + repository.fullName();
    List<String> rest = path.subList(2, path.size());
    if (rest.size() == 2 && rest.get(0).equals("releases") && rest.get(1).equals("latest")) {
      return redirect(
          repository
              .latest()
              .map(r -> site + "/releases/tag/" + r.tag())
              .orElse(site + "/releases"));
    }
    if (rest.size() == 4
        && rest.get(0).equals("releases")
        && rest.get(1).equals("latest")
        && rest.get(2).equals("download")) {
      // the latest release's asset by name: first to its tag's download URL
      return repository
          .latest()
          .map(r -> redirect(site + "/releases/download/" + r.tag() + "/" + rest.get(3)))
          .orElseGet(GitHubComRoutes::notFound);
    }
    if (rest.size() >= 4 && rest.get(0).equals("releases") && rest.get(1).equals("download")) {
      String tag = String.join("/", rest.subList(2, rest.size() - 1));
      String name = rest.get(rest.size() - 1);
      Optional<Release> release = repository.byTag(tag, false);
      if (release.isEmpty()) {
        return notFound().markUnexpected();
      }
      return repository.assets(tag).stream()
          .filter(a -> a.name().equals(name))
          .findFirst()
          .map(a -> redirect(ObjectsRoutes.location(repository, a, github.clock().instant())))
          .orElseGet(GitHubComRoutes::notFound); // asking for an asset by name is fair
    }
    if (rest.size() >= 3 && rest.get(0).equals("raw")) {
      String refAndPath = String.join("/", rest.subList(1, rest.size()));
      return redirect(
          "https://raw.githubusercontent.com/" + repository.fullName() + "/" + refAndPath);
    }
    if (rest.size() >= 4
        && rest.get(0).equals("archive")
        && rest.get(1).equals("refs")
        && (rest.get(2).equals("tags") || rest.get(2).equals("heads"))) {
      String last = String.join("/", rest.subList(3, rest.size()));
      String kind = last.endsWith(".zip") ? "zip" : last.endsWith(".tar.gz") ? "tar.gz" : null;
      if (kind != null) {
        String name = last.substring(0, last.length() - kind.length() - 1);
        String qualified = "refs/" + rest.get(2) + "/" + name;
        if (repository.resolve(qualified).isPresent()) {
          return redirect(
              "https://codeload.github.com/"
                  + repository.fullName()
                  + "/"
                  + kind
                  + "/"
                  + qualified);
        }
        return notFound();
      }
    }
    return notFound().markUnexpected();
  }

  private static Reply notFound() {
    return new Reply(
        404,
        List.of(new Reply.Header("Content-Type", "text/html; charset=utf-8")),
        "Not Found".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        false);
  }

  private static Reply redirect(String location) {
    return new Reply(
        302,
        List.of(
            new Reply.Header("Content-Type", "text/html; charset=utf-8"),
            new Reply.Header("Location", location)),
        new byte[0],
        false);
  }

  /** What github.com answers for a repository, for near-miss reports. */
  static List<String> routes(Repository repository, String anyRef) {
    String site = "GET github.com/" + repository.fullName();
    return List.of(
        site + "/releases/latest",
        site + "/releases/latest/download/{asset}",
        site + "/releases/download/{tag}/{asset}",
        site + "/raw/" + anyRef + "/{path}",
        site + "/archive/refs/{tags|heads}/{name}.{zip|tar.gz}");
  }
}
