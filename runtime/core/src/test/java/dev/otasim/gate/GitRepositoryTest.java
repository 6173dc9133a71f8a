package dev.otasim.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepositoryTest {
  @TempDir Path dir;

  @Test
  void sortsReleaseTagsAsVersionsAndLeavesOtherTagsOut() throws IOException {
    GitFixture f = GitFixture.create(dir);
    f.release("v1.9.0", "a = 1\n").release("v1.10.0", "a = 2\n").release("v1.10.0-rc1", "a = 3\n");
    f.git("tag", "nightly");

    assertThat(GitRepository.open(dir).releaseTags())
        .containsExactly("v1.9.0", "v1.10.0-rc1", "v1.10.0");
  }

  @Test
  void extractsTheTreeOfATagAndTheWorkTree() throws IOException {
    GitFixture f = GitFixture.create(dir);
    f.release("v1.0.0", "a = 1\n");
    f.write("main/new.py", "b = 2\n".getBytes());
    GitRepository git = GitRepository.open(dir);

    git.extract("v1.0.0", dir.resolve("out/tag"));
    git.extract(GitRepository.WORKTREE, dir.resolve("out/work"));

    assertThat(dir.resolve("out/tag/main/app.py")).hasContent("a = 1\n# release v1.0.0");
    assertThat(dir.resolve("out/tag/main/new.py")).doesNotExist();
    assertThat(dir.resolve("out/tag/board/ota_updater.py")).exists();
    assertThat(dir.resolve("out/work/main/new.py")).hasContent("b = 2");
  }

  @Test
  void aFolderOutsideGitIsAUsageErrorThatNamesTheFix() throws IOException {
    Path plain = Files.createDirectories(dir.resolve("plain"));

    assertThatThrownBy(() -> GitRepository.open(plain, "--repo-dir"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--repo-dir " + plain + " is not a git repository (")
        .hasMessageEndingWith(
            "); give a checkout, with its tags fetched (actions/checkout: fetch-depth: 0)");
  }

  @Test
  void namesTheNextVersionAfterATag() {
    assertThat(Versions.next("v1.1.0", GateWording.API)).isEqualTo("v1.1.1");
    assertThat(Versions.next("2.9", GateWording.API)).isEqualTo("2.10");
    assertThat(Versions.next("v2.0.0-rc1", GateWording.API)).isEqualTo("v2.0.1");
  }
}
