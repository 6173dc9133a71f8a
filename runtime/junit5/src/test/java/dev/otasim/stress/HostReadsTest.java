package dev.otasim.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otasim.device.DeviceConfig;
import dev.otasim.gate.GitFixture;
import dev.otasim.gate.GitRepository;
import dev.otasim.lint.LintOptions;
import dev.otasim.lint.Linter;
import dev.otasim.scenario.FolderScenario;
import dev.otasim.stubs.host.HostInput.InputRefused;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way otasim reads the host refuses what a hostile repository plants: links to host files,
 * devices and pipes in board and release folders, links committed to a repository the gate reads or
 * left in its work tree. The fence itself is {@code HostInputTest} (stubs).
 */
@Timeout(120)
class HostReadsTest {
  @TempDir Path dir;

  private FolderScenario.Spec spec(Path board, Path releases) {
    return new FolderScenario.Spec(
        board, releases, "owner/app", DeviceConfig.builder().build(), null, null, null, false);
  }

  private Path board() throws IOException {
    Path board = Files.createDirectories(dir.resolve("board"));
    Files.writeString(board.resolve("main.py"), "print('hi')\n");
    return board;
  }

  private Path releases() throws IOException {
    Path releases = Files.createDirectories(dir.resolve("releases/v1.0.0/main"));
    Files.writeString(releases.resolve("app.py"), "print('v1')\n");
    return dir.resolve("releases");
  }

  @Nested
  class FolderScenarios {
    @Test
    void aReleaseFileLinkedToEtcOsReleaseIsNeverServed() throws IOException {
      Path releases = releases();
      Files.createSymbolicLink(
          releases.resolve("v1.0.0/main/os-release"), Path.of("/etc/os-release"));

      assertThatThrownBy(() -> FolderScenario.create(spec(board(), releases)))
          .isInstanceOf(InputRefused.class)
          .hasMessage(
              "--releases "
                  + releases.resolve("v1.0.0")
                  + ": main/os-release is a symbolic link (to /etc/os-release); otasim reads only"
                  + " regular files and folders from the host, replace it with the file itself");
    }

    @Test
    void aTagFolderLinkedElsewhereIsRefused() throws IOException {
      Path releases = releases();
      Files.createSymbolicLink(releases.resolve("v2.0.0"), Path.of("/etc"));

      assertThatThrownBy(() -> FolderScenario.create(spec(board(), releases)))
          .hasMessageContaining(": v2.0.0 is a symbolic link (to /etc);");
    }

    @Test
    void aBoardFileLinkedToTheEnvironmentIsRefusedAsTheBoardsInput() throws IOException {
      Path board = board();
      Files.createSymbolicLink(board.resolve("env"), Path.of("/proc/self/environ"));

      assertThatThrownBy(() -> FolderScenario.create(spec(board, releases())))
          .hasMessage(
              "--board "
                  + board
                  + ": env is a symbolic link (to /proc/self/environ); otasim reads only regular"
                  + " files and folders from the host, replace it with the file itself");
    }

    @Test
    void theVersionFileIsReadThroughTheFenceToo() throws IOException {
      Path board = board();
      Files.createDirectories(board.resolve("main"));
      Files.createSymbolicLink(board.resolve("main/.version"), Path.of("/etc/hostname"));

      assertThatThrownBy(
              () -> FolderScenario.invariants(spec(board, releases()), "/main", "/main/.version"))
          .hasMessageContaining(": main/.version is a symbolic link (to /etc/hostname);");
    }
  }

  @Nested
  class Repositories {
    @Test
    void aLinkCommittedToATagIsRefusedNotArchivedAsAFile() throws IOException {
      GitFixture f = GitFixture.create(Files.createDirectories(dir.resolve("repo")));
      Files.createDirectories(f.dir().resolve("main"));
      Files.createSymbolicLink(f.dir().resolve("main/passwd"), Path.of("/etc/passwd"));
      f.release("v1.0.0", "a = 1\n");
      GitRepository git = GitRepository.open(f.dir());

      assertThatThrownBy(() -> git.extract("v1.0.0", dir.resolve("out")))
          .isInstanceOf(InputRefused.class)
          .hasMessage(
              "the tree of v1.0.0 in "
                  + git.dir()
                  + ": main/passwd is a symbolic link; otasim reads only regular files and folders"
                  + " from the host, commit the file itself");
    }

    @Test
    void aLinkInTheWorkTreeIsRefused() throws IOException {
      GitFixture f = GitFixture.create(Files.createDirectories(dir.resolve("repo")));
      f.release("v1.0.0", "a = 1\n");
      Files.createSymbolicLink(f.dir().resolve("main/environ"), Path.of("/proc/self/environ"));
      GitRepository git = GitRepository.open(f.dir());

      assertThatThrownBy(() -> git.extract(GitRepository.WORKTREE, dir.resolve("out")))
          .hasMessage(
              "the work tree of "
                  + git.dir()
                  + ": main/environ is a symbolic link (to /proc/self/environ); otasim reads only"
                  + " regular files and folders from the host, replace it with the file itself");
      assertThat(dir.resolve("out/main/environ")).doesNotExist();
    }

    @Test
    void aPipeInTheWorkTreeIsNeitherReadNorCopied() throws Exception {
      // git lists no pipes among untracked files, so the gate never opens it (and never hangs)
      GitFixture f = GitFixture.create(Files.createDirectories(dir.resolve("repo")));
      f.release("v1.0.0", "a = 1\n");
      Process p = new ProcessBuilder("mkfifo", f.dir().resolve("main/pipe").toString()).start();
      assertThat(p.waitFor()).isZero();
      GitRepository git = GitRepository.open(f.dir());

      git.extract(GitRepository.WORKTREE, dir.resolve("out"));

      assertThat(dir.resolve("out/main/app.py")).exists();
      assertThat(dir.resolve("out/main/pipe")).doesNotExist();
    }
  }

  @Nested
  class Lint {
    @Test
    void aLinkedPythonFileIsNotRead() throws IOException {
      Path code = Files.createDirectories(dir.resolve("code"));
      Files.writeString(code.resolve("ok.py"), "x = 1\n");
      Files.createSymbolicLink(code.resolve("secret.py"), Path.of("/etc/passwd"));

      assertThat(Linter.pythonFiles(code)).containsExactly(code.resolve("ok.py"));
    }

    @Test
    void aLinkNamedOnTheCommandLineIsRefused() throws IOException {
      Path link = Files.createSymbolicLink(dir.resolve("x.py"), Path.of("/etc/passwd"));

      assertThatThrownBy(() -> Linter.lint(java.util.List.of(link), LintOptions.defaults()))
          .hasMessageContaining(": x.py is a symbolic link (to /etc/passwd);");
    }
  }
}
