package dev.otasim.stubs.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otasim.stubs.flash.Flash;
import dev.otasim.stubs.host.HostInput.InputRefused;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The fence holds while the folder changes under it: an entry checked as a folder and then swapped
 * for a link before it is opened is never followed, because every step opens relative to the folder
 * handle already open and refuses links there. The swap happens deterministically at the moment
 * between the check and the open, through {@link HostInput#beforeOpen}.
 */
@Isolated("sets HostInput's JVM-wide test hook")
class HostInputRaceTest {
  @TempDir Path host;

  @AfterEach
  void unhook() {
    HostInput.beforeOpen = rel -> {};
  }

  private Path secrets() throws IOException {
    Path outside = Files.createDirectories(host.resolve("outside"));
    Files.writeString(outside.resolve("app.py"), "SECRET of the host\n");
    return outside;
  }

  private void swapForLink(Path folder, Path target) {
    try {
      Files.move(folder, folder.resolveSibling(folder.getFileName() + ".old"));
      Files.createSymbolicLink(folder, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aFolderSwappedForALinkAfterItsCheckPutsNoHostFileOnTheFlash() throws IOException {
    Path outside = secrets();
    Path board = Files.createDirectories(host.resolve("board/lib"));
    Files.writeString(board.resolve("app.py"), "print('board')\n");
    HostInput.beforeOpen =
        rel -> {
          if (rel.equals("lib")) {
            swapForLink(board, outside);
          }
        };
    Flash flash = Flash.littleFs(512, () -> 0);

    assertThatThrownBy(() -> flash.load(board.getParent()))
        .isInstanceOf(InputRefused.class)
        .hasMessage(
            "board folder "
                + board.getParent()
                + ": lib is a symbolic link (to "
                + outside
                + "); otasim reads only regular files and folders from the host, replace it with"
                + " the file itself");
    assertThat(flash.tree()).doesNotContain("app.py");
  }

  @Test
  void aFolderOnTheWayToOneFileSwappedForALinkIsRefused() throws IOException {
    Path outside = secrets();
    Path lib = Files.createDirectories(host.resolve("board/lib"));
    Files.writeString(lib.resolve("app.py"), "print('board')\n");
    HostInput.beforeOpen =
        rel -> {
          if (rel.equals("lib")) {
            swapForLink(lib, outside);
          }
        };

    assertThatThrownBy(() -> HostInput.of("--board", lib.getParent()).file("lib/app.py"))
        .hasMessageContaining(": lib is a symbolic link (to " + outside + ");");
  }

  @Test
  void aReleaseFolderSwappedForALinkAfterTheListingIsRefused() throws IOException {
    Path outside = secrets();
    Path tag = Files.createDirectories(host.resolve("releases/v1.0.0"));
    Files.writeString(tag.resolve("app.py"), "print('v1')\n");
    HostInput releases = HostInput.of("--releases", tag.getParent());
    assertThat(releases.folders()).containsExactly(tag);

    swapForLink(tag, outside);

    assertThatThrownBy(() -> releases.folder("v1.0.0").files())
        .hasMessageContaining(": v1.0.0 is a symbolic link (to " + outside + ");");
  }
}
