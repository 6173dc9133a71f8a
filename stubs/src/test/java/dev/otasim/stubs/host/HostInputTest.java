package dev.otasim.stubs.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otasim.stubs.flash.Flash;
import dev.otasim.stubs.host.HostInput.InputRefused;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fence around everything otasim reads from the host: a board folder planted with links to host
 * files, devices and pipes is refused by name before a byte of them is read.
 */
@Timeout(60)
class HostInputTest {
  @TempDir Path host;

  private Path board() throws IOException {
    Path board = Files.createDirectories(host.resolve("board"));
    Files.writeString(board.resolve("main.py"), "print('hi')\n");
    return board;
  }

  private static Flash flash() {
    return Flash.littleFs(512, () -> 0);
  }

  @Nested
  class Links {
    @Test
    void aLinkToEtcPasswdIsRefusedByName() throws IOException {
      Path board = board();
      Files.createSymbolicLink(board.resolve("secrets.txt"), Path.of("/etc/passwd"));

      assertThatThrownBy(() -> flash().load(board))
          .isInstanceOf(InputRefused.class)
          .hasMessage(
              "board folder "
                  + board
                  + ": secrets.txt is a symbolic link (to /etc/passwd); otasim reads only regular"
                  + " files and folders from the host, replace it with the file itself");
    }

    @Test
    void aLinkToTheJvmsEnvironmentIsRefused() throws IOException {
      Path board = board();
      Files.createDirectories(board.resolve("lib"));
      Files.createSymbolicLink(board.resolve("lib/env"), Path.of("/proc/self/environ"));

      assertThatThrownBy(() -> flash().load(board))
          .hasMessageContaining(": lib/env is a symbolic link (to /proc/self/environ);");
    }

    @Test
    void aLinkToDevZeroIsRefusedBeforeAnyRead() throws IOException {
      Path board = board();
      Files.createSymbolicLink(board.resolve("zero"), Path.of("/dev/zero"));

      assertThatThrownBy(() -> flash().load(board))
          .hasMessageContaining(": zero is a symbolic link (to /dev/zero);");
    }

    @Test
    void aLinkedFolderIsRefusedAndNotWalked() throws IOException {
      Path board = board();
      Files.createSymbolicLink(board.resolve("etc"), Path.of("/etc"));

      assertThatThrownBy(() -> flash().load(board))
          .hasMessageContaining(": etc is a symbolic link (to /etc);");
    }

    @Test
    void aLinkThatStaysInsideTheFolderIsRefusedToo() throws IOException {
      // documented choice: its target could change between the check and the read
      Path board = board();
      Files.createSymbolicLink(board.resolve("boot.py"), Path.of("main.py"));

      assertThatThrownBy(() -> flash().load(board))
          .hasMessageContaining(": boot.py is a symbolic link (to main.py);");
    }

    @Test
    void nothingIsLoadedWhenTheFolderIsRefused() throws IOException {
      Path board = board();
      Files.createSymbolicLink(board.resolve("x"), Path.of("/etc/hostname"));
      Flash flash = flash();

      assertThatThrownBy(() -> flash.load(board)).isInstanceOf(InputRefused.class);
      assertThat(flash.tree()).isEmpty();
    }
  }

  @Nested
  class SpecialFiles {
    @Test
    void aNamedPipeIsRefusedInsteadOfBlockingTheRead() throws Exception {
      Path board = board();
      Path fifo = board.resolve("pipe");
      Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
      assertThat(p.waitFor()).isZero();

      assertThatThrownBy(() -> flash().load(board))
          .hasMessage(
              "board folder "
                  + board
                  + ": pipe is a named pipe; otasim reads only regular files and folders from the"
                  + " host, replace it with the file itself");
    }

    @Test
    void aReleaseFolderWithAPipeAmongItsFoldersIsRefused() throws Exception {
      Path releases = Files.createDirectories(host.resolve("releases/v1.0.0"));
      Process p = new ProcessBuilder("mkfifo", host.resolve("releases/v2").toString()).start();
      assertThat(p.waitFor()).isZero();

      assertThatThrownBy(() -> HostInput.of("--releases", releases.getParent()).folders())
          .hasMessageContaining(": v2 is a named pipe;");
    }
  }

  @Nested
  class Limits {
    @Test
    void aBoardFolderLargerThanTheFlashIsRefused() throws IOException {
      Path board = board();
      Files.write(board.resolve("big.bin"), new byte[70_000]);
      Flash small = Flash.littleFs(16, () -> 0);

      assertThatThrownBy(() -> small.load(board))
          .hasMessage(
              "board folder "
                  + board
                  + ": big.bin is larger than the limit of 65536 bytes; otasim stops reading"
                  + " there");
    }

    @Test
    void theLimitIsForTheWholeInputNotOnlyEachFile() throws IOException {
      Path board = board();
      Files.write(board.resolve("a.bin"), new byte[600]);
      Files.write(board.resolve("b.bin"), new byte[600]);

      assertThatThrownBy(() -> HostInput.of("--board", board, 1000, 1000).entries())
          .hasMessage(
              "--board "
                  + board
                  + ": b.bin goes past the input's limit of 1000 bytes;"
                  + " otasim stops reading there");
    }

    @Test
    void aPathThatLeavesTheRootIsRefused() throws IOException {
      Path board = board();

      assertThatThrownBy(() -> HostInput.of("--board", board).file("../../etc/passwd"))
          .hasMessage("--board " + board + ": ../../etc/passwd is not a path inside it");
    }

    @Test
    void aFileThroughALinkedFolderIsRefused() throws IOException {
      Path board = board();
      Files.createSymbolicLink(board.resolve("main"), Path.of("/etc"));

      assertThatThrownBy(() -> HostInput.of("--board", board).file("main/passwd"))
          .hasMessageContaining(": main is a symbolic link (to /etc);");
    }

    @Test
    void regularFilesAndFoldersLoadAsBefore() throws IOException {
      Path board = board();
      Files.createDirectories(board.resolve("lib/empty"));
      Flash flash = flash();

      flash.load(board);

      assertThat(flash.tree()).isEqualTo("/lib/\n/lib/empty/\n/main.py  12 B\n");
    }
  }
}
