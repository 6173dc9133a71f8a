package dev.otasim.gate;

import dev.otasim.github.RepoName;
import dev.otasim.stubs.Firmware;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the gate checks: a repository, the candidate and the release the boards run now, and where
 * the board's files and the app live in the repository's tree.
 *
 * @param repoDir the checkout of the repository, with its tags
 * @param candidate the release to gate: a tag, any commit, or {@link GitRepository#WORKTREE}
 * @param candidateTag the tag the candidate is published under, or {@code null}: the candidate
 *     itself if it is a release tag, else the previous tag with its last number raised by one
 * @param previous the release the boards run now, or {@code null} for the highest tag below the
 *     candidate
 * @param board the folder flashed onto the board: a path in the previous release's tree ({@code .}
 *     for its top-level files), or a folder on the host
 * @param appDir the app's folder, the same in the repository and on the board's flash
 * @param versionFile the file on the flash naming the installed release
 * @param repo the {@code owner/name} the board's updater follows
 * @param firmware the MicroPython firmware on the board
 * @param shardIndex which shard of the sweep points to run, from 1
 * @param shardCount how many shards the points are split into
 * @param threads sweep points run in parallel
 * @param lint whether to lint the candidate's app
 * @param ignoreInApp files of the app folder the updater writes itself (not part of a release)
 */
public record GateSpec(
    Path repoDir,
    String candidate,
    String candidateTag,
    String previous,
    String board,
    String appDir,
    String versionFile,
    RepoName repo,
    Firmware firmware,
    int shardIndex,
    int shardCount,
    int threads,
    boolean lint,
    List<String> ignoreInApp) {
  public GateSpec {
    Objects.requireNonNull(repoDir, "repoDir");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(board, "board");
    Objects.requireNonNull(appDir, "appDir");
    Objects.requireNonNull(versionFile, "versionFile");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(firmware, "firmware");
    ignoreInApp = List.copyOf(ignoreInApp);
    if (shardCount < 1 || shardIndex < 1 || shardIndex > shardCount) {
      throw new IllegalArgumentException(
          "--shard "
              + shardIndex
              + "/"
              + shardCount
              + " is not i/n with 1 <= i <= n, such as 1/2 and 2/2 for two CI jobs");
    }
  }
}
