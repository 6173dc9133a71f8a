package dev.otasim.gate;

import dev.otasim.github.ReleaseTag;
import dev.otasim.stubs.host.HostInput;
import dev.otasim.sweep.OtaInvariants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The gate's layout step: picks the previous release and the candidate's tag, extracts both trees
 * from git, and builds the board the boards in the field have (the previous release installed).
 *
 * <pre>
 * repository at the previous tag        flash of the simulated board
 *   board/main.py                  -->    /main.py
 *   board/ota_updater.py           -->    /ota_updater.py
 *   main/app.py                    -->    /main/app.py
 *                                         /main/.version  = the previous tag (unless committed)
 * </pre>
 *
 * @param previous the release the boards run now
 * @param candidateTag the version the candidate is published as
 * @param releases one folder per published tag, each that tag's tree
 * @param previousTree the previous release's tree
 * @param candidateTree the candidate's tree
 * @param app the app's folder, without slashes
 * @param board the folder flashed onto the board
 * @param invariants what every settled board must hold
 */
record GateLayout(
    String previous,
    String candidateTag,
    Path releases,
    Path previousTree,
    Path candidateTree,
    String app,
    Path board,
    OtaInvariants invariants) {

  /**
   * Lays out a gate run under {@code work}.
   *
   * @throws IllegalArgumentException when the repository does not fit the layout, naming the fix
   */
  static GateLayout lay(GateSpec spec, GateWording say, Path work, Consumer<String> progress)
      throws IOException {
    GitRepository git = GitRepository.open(spec.repoDir(), say.repoDir());
    List<String> tags = git.releaseTags();
    String candidate = spec.candidate();
    boolean isTag = !GitRepository.WORKTREE.equals(candidate) && git.hasTag(candidate);
    if (!GitRepository.WORKTREE.equals(candidate) && !git.hasCommit(candidate)) {
      throw new IllegalArgumentException(
          say.candidate()
              + " "
              + candidate
              + " is not a tag or commit of "
              + git.dir()
              + "; give a release tag, a commit, or WORKTREE for the files as they are (fetch"
              + " tags in CI: actions/checkout with fetch-depth: 0)");
    }
    String previous = spec.previous();
    String candidateTag = spec.candidateTag();
    if (candidateTag == null && isTag) {
      if (!ReleaseTag.isVersion(candidate)) {
        throw new IllegalArgumentException(
            say.candidate()
                + " "
                + candidate
                + " is not a version tag (such as v1.2.0); the updater compares versions, so"
                + " pass "
                + say.candidateTag()
                + " with the version to publish it as");
      }
      candidateTag = candidate;
    }
    if (previous == null) {
      previous = highestBelow(tags, candidate, candidateTag, git, say);
    } else if (!git.hasTag(previous)) {
      throw new IllegalArgumentException(
          say.previous()
              + " "
              + previous
              + " is not a tag of "
              + git.dir()
              + " (tags: "
              + tags
              + ")");
    }
    if (candidateTag == null) {
      candidateTag = Versions.next(previous, say);
    }
    if (ReleaseTag.PRECEDENCE.compare(candidateTag, previous) <= 0) {
      throw new IllegalArgumentException(
          "the candidate "
              + candidateTag
              + " is not newer than "
              + say.previous()
              + " "
              + previous
              + "; the updater would not install it");
    }

    progress.accept("reading " + previous + " and " + candidate + " from " + git.dir());
    Path releases = work.resolve("releases");
    Path previousTree = releases.resolve(previous);
    Path candidateTree = releases.resolve(candidateTag);
    git.extract(previous, previousTree);
    git.extract(candidate, candidateTree);
    String app = spec.appDir().replaceAll("^/+|/+$", "");
    requireApp(previousTree, previous, app, say);
    requireApp(candidateTree, candidateTag, app, say);
    Path board = layBoard(spec, say, previousTree, previous, app, work.resolve("board"));
    OtaInvariants invariants =
        OtaInvariants.builder()
            .setAppDir("/" + app)
            .setVersionFile("/" + spec.versionFile().replaceFirst("^/+", ""))
            .setOldVersion(previous)
            .setNewVersion(candidateTag)
            .release(previous, files(previousTree.resolve(app)))
            .release(candidateTag, files(candidateTree.resolve(app)))
            .ignoreInApp(spec.ignoreInApp().toArray(String[]::new))
            .build();
    return new GateLayout(
        previous, candidateTag, releases, previousTree, candidateTree, app, board, invariants);
  }

  private static String highestBelow(
      List<String> tags, String candidate, String bound, GitRepository git, GateWording say) {
    List<String> below =
        tags.stream()
            .filter(t -> bound == null || ReleaseTag.PRECEDENCE.compare(t, bound) < 0)
            .filter(t -> !t.equals(candidate))
            .toList();
    if (below.isEmpty()) {
      throw new IllegalArgumentException(
          "no release tag below "
              + (bound == null ? candidate : bound)
              + " in "
              + git.dir()
              + " (tags: "
              + (tags.isEmpty() ? "none" : String.join(" ", tags))
              + "); tag the release the boards run now, or pass "
              + say.previous()
              + " TAG");
    }
    return below.get(below.size() - 1);
  }

  private static void requireApp(Path tree, String tag, String app, GateWording say) {
    if (!Files.isDirectory(tree.resolve(app))) {
      throw new IllegalArgumentException(
          "the tree of "
              + tag
              + " has no "
              + app
              + "/ folder; the gate publishes the app the updater installs from there. Pass "
              + say.appDir()
              + " with the folder that holds your app");
    }
  }

  private static Path layBoard(
      GateSpec spec, GateWording say, Path previousTree, String previous, String app, Path board)
      throws IOException {
    Path host = Path.of(spec.board());
    Path from;
    if (host.isAbsolute()) {
      from = host;
    } else if (spec.board().equals(".")) {
      from = previousTree;
    } else {
      from = previousTree.resolve(spec.board()).normalize();
    }
    if (!Files.isDirectory(from)) {
      throw new IllegalArgumentException(
          "the tree of "
              + previous
              + " has no "
              + spec.board()
              + "/ folder; the gate flashes it onto the board (main.py and your updater, as the"
              + " boards in the field have them). Commit it there, or pass "
              + say.board()
              + " with the folder that holds them ("
              + say.board()
              + " . for the repository's top-level files)");
    }
    Files.createDirectories(board);
    for (HostInput.Entry e : HostInput.of("--board", from).entries()) {
      // --board . takes only the repository's top-level files
      if (from.equals(previousTree) && e.path().contains("/")) {
        continue;
      }
      Path target = board.resolve(e.path());
      if (e.isFolder()) {
        if (!from.equals(previousTree)) {
          Files.createDirectories(target);
        }
      } else {
        Files.write(target, e.bytes());
      }
    }
    if (!Files.isRegularFile(board.resolve("main.py"))) {
      throw new IllegalArgumentException(
          (from.equals(previousTree) ? "the top level" : spec.board() + "/")
              + " of "
              + previous
              + " has no main.py, so the board would never start your updater; put main.py and"
              + " your updater there, or pass "
              + say.board()
              + " with the folder that holds them");
    }
    // the previous release installed: its app, and the version file naming it
    copyTree(previousTree.resolve(app), board.resolve(app));
    Path version = board.resolve(spec.versionFile().replaceFirst("^/+", ""));
    if (!Files.exists(version)) {
      Files.createDirectories(version.getParent());
      Files.writeString(version, previous);
    }
    return board;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (HostInput.Entry e : HostInput.of("the release tree", from).entries()) {
      Path target = to.resolve(e.path());
      if (e.isFolder()) {
        Files.createDirectories(target);
      } else {
        Files.write(target, e.bytes());
      }
    }
  }

  private static Map<String, byte[]> files(Path root) {
    return new TreeMap<>(HostInput.of("the release tree", root).files());
  }
}
