package dev.otasim.scenario;

import dev.otasim.github.FakeGitHub;
import dev.otasim.github.ReleaseTag;
import dev.otasim.github.RepoName;
import dev.otasim.github.Repository;
import dev.otasim.report.JsonReader;
import dev.otasim.stubs.host.HostInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several repositories described by one folder ({@code otasim run --github DIR}): each {@code
 * DIR/OWNER/NAME/} holds
 *
 * <pre>
 * releases/TAG/...      the repository's tree at each release (the highest semantic version is latest)
 * branches/BRANCH/...   optional: the tree of each branch
 * assets/TAG/FILE       optional: release TAG's assets, downloaded by their file names
 * repo.json             optional: {"default_branch": "master", "private": true,
 *                                  "annotated_tags": true}
 * </pre>
 *
 * A private repository needs the run's token. Everything is read through otasim's fence for host
 * folders (no links followed, sizes bounded).
 */
public final class GitHubFolder {
  private static final Set<String> KNOWN = Set.of("releases", "branches", "assets", "repo.json");

  /**
   * One repository of the folder.
   *
   * @param name {@code owner/name} as the folders spell it
   * @param tags the release folders, oldest to newest
   * @param branches each branch's folder by name
   * @param defaultBranch from repo.json, or {@code null}
   * @param isPrivate from repo.json
   * @param assets each release's asset files by tag, in name order
   * @param annotatedTags from repo.json: every release tag is an annotated tag
   */
  public record Repo(
      String name,
      List<Path> tags,
      Map<String, Path> branches,
      String defaultBranch,
      boolean isPrivate,
      Map<String, List<Path>> assets,
      boolean annotatedTags) {}

  private GitHubFolder() {}

  /**
   * Reads and checks the folder.
   *
   * @throws IllegalArgumentException naming what is wrong and how to lay it out instead
   */
  public static List<Repo> read(Path dir) {
    String what = "--github " + dir;
    if (!java.nio.file.Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          what
              + " is not a folder; give a folder holding OWNER/NAME/releases/TAG/ for each"
              + " repository");
    }
    List<Repo> repos = new ArrayList<>();
    for (Path owner : HostInput.of("--github", dir).folders()) {
      List<Path> names = HostInput.of("--github", owner).folders();
      if (names.isEmpty()) {
        throw new IllegalArgumentException(
            what
                + ": "
                + owner
                + " holds no repository folder; lay out "
                + owner.resolve("NAME/releases/TAG")
                + "/");
      }
      for (Path repo : names) {
        repos.add(repo(owner.getFileName() + "/" + repo.getFileName(), repo));
      }
    }
    if (repos.isEmpty()) {
      throw new IllegalArgumentException(
          what
              + " holds no repository; lay out "
              + dir.resolve("OWNER/NAME/releases/TAG")
              + "/ for each");
    }
    return repos;
  }

  private static Repo repo(String name, Path dir) {
    try {
      RepoName.parse(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--github: " + dir + ": " + e.getMessage());
    }
    HostInput input = HostInput.of("--github", dir);
    List<String> unknown = new ArrayList<>();
    for (HostInput.Entry e : input.entries()) {
      String top = e.path().split("/", 2)[0];
      if (!KNOWN.contains(top) && !unknown.contains(top)) {
        unknown.add(top);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "--github: "
              + dir
              + " holds "
              + String.join(", ", unknown)
              + ", which a repository folder does not have; it holds releases/TAG/,"
              + " branches/BRANCH/, assets/TAG/ and repo.json");
    }
    Path releases = dir.resolve("releases");
    List<Path> tags =
        java.nio.file.Files.isDirectory(releases)
            ? HostInput.of("--github", releases).folders().stream()
                .sorted(
                    Comparator.comparing((Path p) -> p.getFileName().toString(), ReleaseTag.ORDER))
                .toList()
            : List.of();
    Map<String, Path> branches = new LinkedHashMap<>();
    Path branchDir = dir.resolve("branches");
    if (java.nio.file.Files.isDirectory(branchDir)) {
      HostInput.of("--github", branchDir)
          .folders()
          .forEach(b -> branches.put(b.getFileName().toString(), b));
    }
    if (tags.isEmpty() && branches.isEmpty()) {
      throw new IllegalArgumentException(
          "--github: "
              + dir
              + " has neither releases nor branches; add "
              + releases.resolve("TAG")
              + "/ or "
              + branchDir.resolve("BRANCH")
              + "/");
    }
    Map<String, List<Path>> assets = new LinkedHashMap<>();
    Path assetDir = dir.resolve("assets");
    if (java.nio.file.Files.isDirectory(assetDir)) {
      List<String> tagNames = tags.stream().map(t -> t.getFileName().toString()).toList();
      for (Path tag : HostInput.of("--github", assetDir).folders()) {
        String tagName = tag.getFileName().toString();
        if (!tagNames.contains(tagName)) {
          throw new IllegalArgumentException(
              "--github: "
                  + tag
                  + ": there is no release "
                  + tagName
                  + " to attach these assets to; name the folder after a tag under "
                  + releases
                  + "/");
        }
        List<Path> files = new ArrayList<>();
        for (HostInput.Entry e : HostInput.of("--github", tag).entries()) {
          if (e.path().contains("/") || e.isFolder()) {
            throw new IllegalArgumentException(
                "--github: "
                    + tag.resolve(e.path().split("/", 2)[0])
                    + " is a folder; an asset is a file directly in "
                    + tag
                    + "/");
          }
          files.add(tag.resolve(e.path()));
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        assets.put(tagName, files);
      }
    }
    byte[] json = input.file("repo.json");
    Map<String, Object> settings =
        json == null
            ? Map.of()
            : JsonReader.parseFlatObject(
                "--github: " + dir.resolve("repo.json") + ": not a JSON object of plain values",
                new String(json, StandardCharsets.UTF_8));
    for (String key : settings.keySet()) {
      if (!key.equals("default_branch")
          && !key.equals("private")
          && !key.equals("annotated_tags")) {
        throw new IllegalArgumentException(
            "--github: "
                + dir.resolve("repo.json")
                + ": unknown key \""
                + key
                + "\"; it may hold \"default_branch\" (a string), \"private\" and"
                + " \"annotated_tags\" (true or false)");
      }
    }
    Object defaultBranch = settings.get("default_branch");
    Object isPrivate = settings.getOrDefault("private", Boolean.FALSE);
    Object annotatedTags = settings.getOrDefault("annotated_tags", Boolean.FALSE);
    if ((defaultBranch != null && !(defaultBranch instanceof String))
        || !(isPrivate instanceof Boolean)
        || !(annotatedTags instanceof Boolean)) {
      throw new IllegalArgumentException(
          "--github: "
              + dir.resolve("repo.json")
              + ": \"default_branch\" must be a string, \"private\" and \"annotated_tags\""
              + " true or false");
    }
    return new Repo(
        name,
        tags,
        branches,
        (String) defaultBranch,
        (Boolean) isPrivate,
        assets,
        (Boolean) annotatedTags);
  }

  /**
   * Publishes the repositories on {@code github}; private ones take {@code token}.
   *
   * @throws IllegalArgumentException if a repository is private and there is no token
   */
  public static void publish(FakeGitHub github, List<Repo> repos, String token) {
    for (Repo r : repos) {
      Repository repo = github.repository(r.name());
      for (Path tag : r.tags()) {
        repo.release(tag.getFileName().toString(), tree -> addTree(tree, tag));
      }
      r.branches().forEach((name, dir) -> repo.branch(name, tree -> addTree(tree, dir)));
      r.assets()
          .forEach(
              (tag, files) ->
                  files.forEach(
                      f ->
                          repo.asset(
                              tag, f.getFileName().toString(), HostInput.readFile("--github", f))));
      if (r.annotatedTags()) {
        r.tags()
            .forEach(t -> repo.annotate(t.getFileName().toString(), t.getFileName().toString()));
      }
      if (r.defaultBranch() != null) {
        repo.defaultBranch(r.defaultBranch());
      }
      if (r.isPrivate()) {
        if (token == null) {
          throw new IllegalArgumentException(
              "--github: "
                  + r.name()
                  + " is private (repo.json), which needs --token: the fake GitHub hides a"
                  + " private repository from requests without it");
        }
        repo.makePrivate(token);
      }
    }
  }

  private static void addTree(dev.otasim.github.Tree tree, Path root) {
    HostInput.of("--github", root).files().forEach(tree::file);
  }
}
