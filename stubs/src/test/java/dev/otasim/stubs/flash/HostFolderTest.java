package dev.otasim.stubs.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a host folder onto the flash and saving the flash back (the CLI's --board/--save). */
class HostFolderTest {
  @TempDir Path host;

  @Test
  void loadThenSaveRoundTripsFilesAndEmptyDirectories() throws IOException {
    // given
    Path board = Files.createDirectories(host.resolve("board"));
    Files.writeString(board.resolve("boot.py"), "# boot\n");
    Files.createDirectories(board.resolve("lib/ota"));
    Files.write(board.resolve("lib/ota/blob.bin"), new byte[] {0, (byte) 0xff, 10});
    Files.createDirectories(board.resolve("empty"));
    Flash flash = Device.littleFs().flash;

    // when
    flash.load(board);
    flash.save(host.resolve("saved"));

    // then
    assertThat(flash.tree())
        .isEqualTo("/boot.py  7 B\n/empty/\n/lib/\n/lib/ota/\n/lib/ota/blob.bin  3 B\n");
    Path saved = host.resolve("saved");
    assertThat(Files.readString(saved.resolve("boot.py"))).isEqualTo("# boot\n");
    assertThat(Files.readAllBytes(saved.resolve("lib/ota/blob.bin"))).containsExactly(0, 0xff, 10);
    assertThat(saved.resolve("empty")).isEmptyDirectory();
  }

  @Test
  void saveWritesOnlyCommittedContent() throws IOException {
    // given
    Flash flash = Device.littleFs().flash;
    flash.put("/cfg", "v1");
    int h = flash.open("/cfg", "w");
    flash.write(h, "v2".getBytes(StandardCharsets.UTF_8));

    // when
    flash.save(host);

    // then
    assertThat(Files.readString(host.resolve("cfg"))).isEqualTo("v1");
  }

  @Test
  void copyKeepsTimesAndKindButNotOpenFiles() {
    // given
    Device device = Device.fat();
    device.clock.set(500);
    device.write("/a", "x");
    int h = device.flash.open("/a", "a");

    // when
    Flash copy = device.flash.copy();

    // then
    assertThat(copy.kind()).isEqualTo(FileSystemKind.FAT);
    assertThat(copy.stat("/a")).isEqualTo(new Flash.Stat(false, 1, 500));
    assertThat(copy.isOpen(h)).isFalse();
  }

  @Test
  void loadingSomethingThatIsNotAFolderSaysSo() {
    Path missing = host.resolve("nope");

    assertThatThrownBy(() -> Device.littleFs().flash.load(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a folder: " + missing);
  }
}
