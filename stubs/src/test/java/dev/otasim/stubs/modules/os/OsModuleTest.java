package dev.otasim.stubs.modules.os;

import static dev.otasim.stubs.flash.Device.assertRaises;
import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.stubs.flash.Device;
import dev.otasim.stubs.flash.Flash;
import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.machine.Board;
import dev.otasim.stubs.machine.VirtualClock;
import dev.otasim.stubs.net.Network;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code os} over the flash: path resolution and journaling (spec §2.2). */
class OsModuleTest {

  static OsModule os(Flash flash) {
    return new OsModule(new Board(flash, new VirtualClock(), new Network(), new byte[6], 100_000));
  }

  @Nested
  class Resolve {
    final Device device = Device.littleFs();
    final OsModule os = os(device.flash);

    @Test
    void dotsAndEmptyComponentsAndTrailingSlashesNormalise() {
      assertThat(os.resolve("a/./b//c/")).isEqualTo("/a/b/c");
      assertThat(os.resolve("a/../b")).isEqualTo("/b");
      assertThat(os.resolve("..")).isEqualTo("/");
      assertThat(os.resolve("/")).isEqualTo("/");
      assertThat(os.resolve("")).isEqualTo("/");
    }

    @Test
    void aNulEndsThePathAsTheBoardsCStringDoes() {
      assertThat(os.resolve("/main.py\0/../../etc/passwd")).isEqualTo("/main.py");
    }

    @Test
    void aNameLongerThanLittleFsNameMaxCannotBeCreated() {
      String longName = "/" + "n".repeat(256);

      assertRaises("OSError: 36", () -> os.open(longName, "w"));
      assertRaises("OSError: 36", () -> os.mkdir(longName));
      os.close(os.open("/" + "n".repeat(255), "w"));
      assertThat(device.flash.exists("/" + "n".repeat(255))).isTrue();
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectory() {
      os.mkdir("d");
      os.chdir("d");

      // "chdir d; getcwd -> (None, '/flash/d', ['x'], None, '/flash')"
      assertThat(os.resolve("x")).isEqualTo("/d/x");
      os.chdir("..");
      assertThat(os.getcwd()).isEqualTo("/");
    }

    @Test
    void chdirToAFileOrNowhereIsEnoent() {
      device.write("/a.txt", "hello");

      // "chdir file", "chdir missing" -> [Errno 2] ENOENT
      assertRaises("OSError: [Errno 2] ENOENT", () -> os.chdir("a.txt"));
      assertRaises("OSError: [Errno 2] ENOENT", () -> os.chdir("missing"));
    }
  }

  @Nested
  class Mkdir {
    @Test
    void trailingSlashIsAcceptedOnLittleFs() {
      Device device = Device.littleFs();

      // lfs2 "mkdir trailing slash -> None"
      os(device.flash).mkdir("e/");

      assertThat(device.flash.stat("/e").directory()).isTrue();
    }

    @Test
    void trailingSlashIsEnoentOnFat() {
      Device device = Device.fat();

      // fat "mkdir trailing slash -> OSError (2,) | str: [Errno 2] ENOENT"
      assertRaises("OSError: [Errno 2] ENOENT", () -> os(device.flash).mkdir("e/"));
      assertThat(device.flash.exists("/e")).isFalse();
    }
  }

  @Nested
  class Journal {
    @Test
    void rmdirUsesTheKindsRulesAndRecordsTheFailure() {
      // given
      Device device = Device.fat();
      Board board =
          new Board(device.flash, new VirtualClock(), new Network(), new byte[6], 100_000);
      OsModule os = new OsModule(board);
      device.touch("/rf");

      // when
      assertRaises("OSError: 20", () -> os.rmdir("rf"));

      // then
      assertThat(board.journal().events())
          .containsExactly(new Event.Failed(new Event.Rmdir("rf"), "OSError: 20"));
    }

    @Test
    void ilistdirFlattensNameTypeAndSize() {
      Device device = Device.littleFs();
      device.write("/a.txt", "hello");
      device.flash.mkdir("/d");

      // "ilistdir -> [('a.txt', 32768, 0, 5), ('d', 16384, 0, 0)]"
      assertThat(os(device.flash).ilistdir("/"))
          .containsExactly("a.txt", 0x8000, 5L, "d", 0x4000, 0L);
    }
  }
}
