package dev.otasim.stubs.flash;

import static dev.otasim.stubs.flash.Device.assertRaises;
import static dev.otasim.stubs.flash.Device.bytes;
import static dev.otasim.stubs.flash.Device.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The LittleFS v2 flash against spec §2.2–§4 and the unix-port runs in probes/vfs_probe.out (the
 * {@code =========== lfs2} section; each test names the line it pins) and order_probe.out.
 */
class LittleFsTest {
  final Device device = Device.littleFs();
  final Flash flash = device.flash;

  @Nested
  class Listing {
    @Test
    void listsNamesSortedBytewiseWithSizes() {
      // given
      device.write("/a.txt", "hello");
      flash.mkdir("/d");
      device.touch("/d/x");

      // when
      List<Flash.Entry> entries = flash.list("/");

      // then: "ilistdir -> [('a.txt', 32768, 0, 5), ('d', 16384, 0, 0)]"
      assertThat(entries)
          .containsExactly(new Flash.Entry("a.txt", false, 5), new Flash.Entry("d", true, 0));
    }

    @Test
    void sortsBytewiseSoCapitalsComeFirstAndFreedNamesLeaveNoTrace() {
      // given: order_probe creates zeta Alpha mid beta B2, removes mid, creates new
      for (String name : List.of("zeta", "Alpha", "mid", "beta", "B2")) {
        device.touch("/" + name);
      }
      flash.remove("/mid");
      device.touch("/new");

      // when
      List<String> names = flash.list("/").stream().map(Flash.Entry::name).toList();

      // then: "lfs2 ['Alpha', 'B2', 'beta', 'new', 'zeta']"
      assertThat(names).containsExactly("Alpha", "B2", "beta", "new", "zeta");
    }

    @Test
    void namesAreCaseSensitive() {
      device.touch("/zeta");

      // "lfs2 case-sensitive: open ZETA -> [Errno 2] ENOENT"
      assertRaises("OSError: [Errno 2] ENOENT", () -> flash.open("/ZETA", "r"));
    }

    @Test
    void missingDirectoryIsEnoent() {
      // "listdir missing -> OSError (2,) | str: [Errno 2] ENOENT"
      assertRaises("OSError: [Errno 2] ENOENT", () -> flash.list("/nope"));
    }

    @Test
    void fileIsEnotdirPrintedBare() {
      device.write("/a.txt", "hello");

      // "listdir on file -> OSError (20,) | str: 20"
      assertRaises("OSError: 20", () -> flash.list("/a.txt"));
    }
  }

  @Nested
  class Stat {
    @Test
    void fileHasSizeAndTheMtimeReadAtOpen() {
      // given: the RTC at open, later at close
      device.clock.set(1000);
      int h = flash.open("/a.txt", "w");
      flash.write(h, bytes("hello"));
      device.clock.set(1005);
      flash.close(h);

      // then: "stat file -> (32768, 0, 0, 0, 0, 0, 5, t, t, t)"; MicroPython reads the RTC into
      // the mtime attribute at open (vfs_lfsx.c file_open)
      assertThat(flash.stat("/a.txt")).isEqualTo(new Flash.Stat(false, 5, 1000));
    }

    @Test
    void directoryHasSizeAndTimesZero() {
      // given
      device.clock.set(777);
      flash.mkdir("/d");

      // then: spec §2.2 "LFS directories: size 0 and times 0". The probe printed size 21993
      // ("stat dir -> (16384, 0, 0, 0, 0, 0, 21993, 0, 0, 0)"): littlefs never sets info.size for
      // a directory, so that number is stack garbage of the unix port; ilistdir reports 0.
      assertThat(flash.stat("/d")).isEqualTo(new Flash.Stat(true, 0, 0));
      assertThat(flash.stat("/")).isEqualTo(new Flash.Stat(true, 0, 0));
    }

    @Test
    void newFileNotYetClosedHasNoMtime() {
      // given: the create is committed at open, the mtime attribute only at the first commit
      flash.open("/new", "w");

      // then: spec §2.2 "0 if the file has no mtime attribute"
      assertThat(flash.stat("/new")).isEqualTo(new Flash.Stat(false, 0, 0));
    }

    @Test
    void closingAWriteHandleWithoutWritingStillStampsTheMtime() {
      // given
      device.clock.set(10);
      device.write("/cfg", "v1");
      device.clock.set(20);

      // when: a writable handle is dirty from open because of its mtime attribute
      flash.close(flash.open("/cfg", "a"));

      // then
      assertThat(flash.stat("/cfg")).isEqualTo(new Flash.Stat(false, 2, 20));
    }

    @Test
    void readingDoesNotStampTheMtime() {
      device.clock.set(10);
      device.write("/cfg", "v1");
      device.clock.set(20);

      device.read("/cfg");

      assertThat(flash.stat("/cfg").mtime()).isEqualTo(10);
    }

    @Test
    void missingIsEnoent() {
      assertRaises("OSError: [Errno 2] ENOENT", () -> flash.stat("/missing"));
    }
  }

  @Nested
  class Mkdir {
    @Test
    void existingDirectoryOrFileIsEexist() {
      flash.mkdir("/d");
      device.write("/a.txt", "hello");

      // "mkdir existing -> ... [Errno 17] EEXIST", "mkdir existing file -> ... [Errno 17] EEXIST"
      assertRaises("OSError: [Errno 17] EEXIST", () -> flash.mkdir("/d"));
      assertRaises("OSError: [Errno 17] EEXIST", () -> flash.mkdir("/a.txt"));
      assertRaises("OSError: [Errno 17] EEXIST", () -> flash.mkdir("/"));
    }

    @Test
    void missingParentIsEnoent() {
      // "mkdir missing parent -> OSError (2,) | str: [Errno 2] ENOENT"
      assertRaises("OSError: [Errno 2] ENOENT", () -> flash.mkdir("/p/q"));
    }

    @Test
    void nameLongerThan255BytesIsOsError36() {
      assertRaises("OSError: 36", () -> flash.mkdir("/" + "n".repeat(256)));
      flash.mkdir("/" + "n".repeat(255));
    }
  }

  @Nested
  class RemoveAndRmdir {
    @Test
    void nonEmptyDirectoryIsOsError39ForBoth() {
      flash.mkdir("/d");
      device.touch("/d/x");

      // "rmdir non-empty -> OSError (39,) | str: 39", "remove non-empty dir -> ... 39"
      assertRaises("OSError: 39", () -> flash.rmdir("/d"));
      assertRaises("OSError: 39", () -> flash.remove("/d"));
    }

    @Test
    void rmdirRemovesAFile() {
      device.touch("/rf");

      flash.rmdir("/rf");

      // "rmdir file -> (None, None)", "rf exists after rmdir(file)? -> False"
      assertThat(flash.exists("/rf")).isFalse();
    }

    @Test
    void removeRemovesAnEmptyDirectory() {
      flash.mkdir("/ed");

      flash.remove("/ed");

      // "remove empty dir -> (None, None)", "ed exists after remove(dir)? -> False"
      assertThat(flash.exists("/ed")).isFalse();
    }

    @Test
    void missingIsEnoent() {
      // "remove missing", "rmdir missing" -> [Errno 2] ENOENT
      assertRaises("OSError: [Errno 2] ENOENT", () -> flash.remove("/missing"));
      assertRaises("OSError: [Errno 2] ENOENT", () -> flash.rmdir("/missing"));
    }

    @Test
    void anOpenFileCanBeRemovedAndItsHandleWritesIntoNothing() {
      // given
      int h = flash.open("/fl", "w");

      // when
      flash.remove("/fl");
      flash.write(h, bytes("late"));
      flash.close(h);

      // then: "remove open file -> (None, False)"; littlefs detaches the handle from the entry
      assertThat(flash.exists("/fl")).isFalse();
    }
  }

  @Nested
  class Rename {
    @Test
    void replacesAnExistingFile() {
      device.write("/r1", "one");
      device.write("/r2", "two");

      flash.rename("/r1", "/r2");

      // "rename file->existing file -> None", "r2 content -> 'one'", "r1 exists? -> False"
      assertThat(device.read("/r2")).isEqualTo("one");
      assertThat(flash.exists("/r1")).isFalse();
    }

    @Test
    void fileOntoADirectoryIsEisdir() {
      device.write("/r2", "two");
      flash.mkdir("/d");
      device.touch("/d/x");
      flash.mkdir("/emptyd");

      // "rename file->existing dir(non-empty)" and "...empty dir" -> [Errno 21] EISDIR
      assertRaises("OSError: [Errno 21] EISDIR", () -> flash.rename("/r2", "/d"));
      assertRaises("OSError: [Errno 21] EISDIR", () -> flash.rename("/r2", "/emptyd"));
    }

    @Test
    void directoryOntoAFileIsOsError20() {
      flash.mkdir("/emptyd");
      device.write("/r2", "two");

      // "rename dir->existing file -> OSError (20,) | str: 20"
      assertRaises("OSError: 20", () -> flash.rename("/emptyd", "/r2"));
    }

    @Test
    void directoryOntoANonEmptyDirectoryIsOsError39() {
      flash.mkdir("/d");
      device.touch("/d/x");
      flash.mkdir("/d2");

      // "rename dir->non-empty dir -> OSError (39,) | str: 39"
      assertRaises("OSError: 39", () -> flash.rename("/d2", "/d"));
    }

    @Test
    void directoryReplacesAnEmptyDirectory() {
      flash.mkdir("/d2");
      device.touch("/d2/inside");
      flash.mkdir("/emptyd");

      flash.rename("/d2", "/emptyd");

      // "rename dir->empty dir -> None"
      assertThat(flash.tree()).isEqualTo("/emptyd/\n/emptyd/inside  0 B\n");
    }

    @Test
    void missingSourceOrTargetParentIsEnoent() {
      device.touch("/r2");

      // "rename missing src", "rename into missing dir" -> [Errno 2] ENOENT
      assertRaises("OSError: [Errno 2] ENOENT", () -> flash.rename("/nosrc", "/zz"));
      assertRaises("OSError: [Errno 2] ENOENT", () -> flash.rename("/r2", "/nodir/zz"));
    }

    @Test
    void toItselfIsANoOp() {
      device.write("/r2", "two");

      flash.rename("/r2", "/r2");

      // "rename to self -> None"
      assertThat(device.read("/r2")).isEqualTo("two");
    }

    @Test
    void targetNameLongerThan255BytesIsOsError36() {
      device.touch("/a");

      assertRaises("OSError: 36", () -> flash.rename("/a", "/" + "n".repeat(300)));
    }
  }

  @Nested
  class Open {
    @Test
    void missingFileIsEnoent() {
      // "open missing r", "open missing rb" -> [Errno 2] ENOENT
      assertRaises("OSError: [Errno 2] ENOENT", () -> flash.open("/missing", "r"));
      assertRaises("OSError: [Errno 2] ENOENT", () -> flash.open("/missing", "rb"));
    }

    @Test
    void directoryIsEisdirForAnyMode() {
      flash.mkdir("/d");

      // "open dir", "open dir w" -> [Errno 21] EISDIR
      assertRaises("OSError: [Errno 21] EISDIR", () -> flash.open("/d", "r"));
      assertRaises("OSError: [Errno 21] EISDIR", () -> flash.open("/d", "w"));
      assertRaises("OSError: [Errno 21] EISDIR", () -> flash.open("/", "a"));
    }

    @Test
    void missingParentIsEnoent() {
      // "open in missing dir w -> OSError (2,) | str: [Errno 2] ENOENT"
      assertRaises("OSError: [Errno 2] ENOENT", () -> flash.open("/nodir/f", "w"));
    }

    @Test
    void exclusiveOnAnExistingFileIsEexist() {
      device.write("/a.txt", "hello");

      // "open x existing -> OSError (17,) | str: [Errno 17] EEXIST"
      assertRaises("OSError: [Errno 17] EEXIST", () -> flash.open("/a.txt", "x"));
    }

    @Test
    void exclusiveCreatesAMissingFile() {
      int h = flash.open("/new", "x");
      flash.write(h, bytes("n"));
      flash.close(h);

      assertThat(device.read("/new")).isEqualTo("n");
    }

    @Test
    void twoKindLettersOrPlusFirstIsValueErrorWithoutMessage() {
      device.write("/a.txt", "hello");

      // "open mode rw", "open mode wr", "open mode +w" -> ValueError () | str:
      assertRaises("ValueError", () -> flash.open("/a.txt", "rw"));
      assertRaises("ValueError", () -> flash.open("/a.txt", "wr"));
      assertRaises("ValueError", () -> flash.open("/a.txt", "+w"));
    }

    @Test
    void unknownLettersAndEmptyModeRead() {
      device.write("/a.txt", "hello");

      // "open mode q (unknown) -> 'hello'", "open mode \"\" -> 'hello'"
      assertThat(text(flash.read(flash.open("/a.txt", "q"), -1))).isEqualTo("hello");
      assertThat(text(flash.read(flash.open("/a.txt", ""), -1))).isEqualTo("hello");
    }

    @Test
    void readPlusReadsTheContent() {
      device.write("/a.txt", "hello");

      // "open mode r+ -> 'hello'"
      assertThat(text(flash.read(flash.open("/a.txt", "r+"), -1))).isEqualTo("hello");
    }

    @Test
    void writePlusReadsBackWhatItWrote() {
      // given
      int h = flash.open("/wp", "w+");

      // when
      int written = flash.write(h, bytes("xyz"));
      long at = flash.seek(h, 0, 0);
      String back = text(flash.read(h, -1));

      // then: "open mode w+ read back -> (3, 0, 'xyz')"
      assertThat(List.of(written, at, back)).containsExactly(3, 0L, "xyz");
    }

    @Test
    void nameLongerThan255BytesIsOsError36() {
      // "long name 300 -> OSError (36,) | str: 36"
      assertRaises("OSError: 36", () -> flash.open("/" + "n".repeat(300), "w"));
    }

    @Test
    void aLongNameThatIsNotCreatedIsJustMissing() {
      assertRaises("OSError: [Errno 2] ENOENT", () -> flash.open("/" + "n".repeat(300), "r"));
    }
  }

  @Nested
  class FileObjects {
    @Test
    void readingAWriteOnlyHandleGivesNothing() {
      // "read from w-only file -> ''"
      assertThat(flash.read(flash.open("/ww", "w"), -1)).isEmpty();
    }

    @Test
    void writingAReadOnlyHandleReturnsTheCountAndChangesNothing() {
      // given
      device.write("/a.txt", "hello");
      int h = flash.open("/a.txt", "r");

      // when
      int n = flash.write(h, bytes("x"));
      flash.close(h);

      // then: "write to r-only file -> 1"
      assertThat(n).isEqualTo(1);
      assertThat(device.read("/a.txt")).isEqualTo("hello");
    }

    @Test
    void closedHandleRaisesValueErrorWithoutMessage() {
      // given
      device.write("/a.txt", "hello");
      int h = flash.open("/a.txt", "r");
      flash.close(h);

      // then: "read closed", "write closed", "seek closed" -> ValueError () | str:
      assertRaises("ValueError", () -> flash.read(h, -1));
      assertRaises("ValueError", () -> flash.write(h, bytes("x")));
      assertRaises("ValueError", () -> flash.seek(h, 0, 0));
      assertRaises("ValueError", () -> flash.flush(h));
      assertRaises("ValueError", () -> flash.tell(h));
    }

    @Test
    void closingTwiceIsFine() {
      int h = flash.open("/f", "w");
      flash.close(h);

      // "close closed -> None"
      flash.close(h);
      assertThat(flash.isOpen(h)).isFalse();
    }

    @Test
    void seekPastTheEndThenWriteFillsTheGapWithZeros() {
      // given
      int h = flash.open("/sk", "wb");

      // when
      long at = flash.seek(h, 10, 0);
      flash.write(h, bytes("Z"));
      flash.close(h);

      // then: "seek beyond end then write -> (10, 1, None, b'\x00...\x00Z')"
      assertThat(at).isEqualTo(10);
      assertThat(flash.content("/sk")).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'Z');
    }

    @Test
    void negativeAbsoluteSeekIsEinval() {
      device.write("/a.txt", "hello");

      // "seek negative -> OSError (22,) | str: [Errno 22] EINVAL"
      assertRaises(
          "OSError: [Errno 22] EINVAL", () -> flash.seek(flash.open("/a.txt", "r"), -100, 0));
    }

    @Test
    void seekFromTheEndAndTellAfterRead() {
      device.write("/a.txt", "hello");
      int a = flash.open("/a.txt", "rb");
      int b = flash.open("/a.txt", "rb");

      // "seek whence 2 -> (3, b'lo')"
      assertThat(flash.seek(a, -2, 2)).isEqualTo(3);
      assertThat(text(flash.read(a, -1))).isEqualTo("lo");
      // "tell after read -> (b'he', 2)"
      assertThat(text(flash.read(b, 2))).isEqualTo("he");
      assertThat(flash.tell(b)).isEqualTo(2);
    }

    @Test
    void appendWritesAtTheEndWhereverThePositionIs() {
      device.write("/log", "ab");
      int h = flash.open("/log", "a+");

      flash.seek(h, 0, 0);
      flash.write(h, bytes("c"));
      flash.close(h);

      assertThat(device.read("/log")).isEqualTo("abc");
    }

    @Test
    void readLineStopsAfterTheNewline() {
      device.write("/lines", "one\ntwo");
      int h = flash.open("/lines", "r");

      assertThat(text(flash.readLine(h, -1))).isEqualTo("one\n");
      assertThat(text(flash.readLine(h, -1))).isEqualTo("two");
      assertThat(text(flash.readLine(h, -1))).isEmpty();
    }

    @Test
    void unclosedContentIsNotVisible() {
      // given
      int h = flash.open("/uc", "w");
      flash.write(h, bytes("data"));

      // then: "unclosed file content visible? -> (4, 0, '')"
      assertThat(device.size("/uc")).isZero();
      assertThat(device.read("/uc")).isEmpty();
    }
  }

  @Nested
  class PowerLoss {
    // spec §4 table, LittleFS column; probes/vfs_probe.out "power-loss lfs2"
    final String old = "OLD".repeat(10);

    @Test
    void wReopenPartiallyWrittenKeepsTheOldContent() {
      device.write("/cfg", old);
      flash.write(flash.open("/cfg", "w"), bytes("NEW".repeat(2000)));

      flash.dropOpenFiles();

      // "during w before flush -> cfg len 30 head OLDOLD tail OLDOLD"
      assertThat(device.read("/cfg")).isEqualTo(old);
    }

    @Test
    void afterFlushTheNewContentUpToTheFlush() {
      device.write("/cfg", old);
      int h = flash.open("/cfg", "w");
      flash.write(h, bytes("NEW".repeat(2000)));
      flash.flush(h);
      flash.write(h, bytes("MORE"));

      flash.dropOpenFiles();

      // "after flush -> cfg len 6000", "after flush+more write -> cfg len 6000"
      assertThat(device.read("/cfg")).isEqualTo("NEW".repeat(2000));
    }

    @Test
    void afterCloseTheCompleteNewContent() {
      device.write("/cfg", old);
      int h = flash.open("/cfg", "w");
      flash.write(h, bytes("NEW".repeat(2000)));
      flash.flush(h);
      flash.write(h, bytes("MORE"));
      flash.close(h);

      flash.dropOpenFiles();

      // "after close -> cfg len 6004 head NEWNEW tail EWMORE"
      assertThat(device.size("/cfg")).isEqualTo(6004);
    }

    @Test
    void aNewFileNotClosedExistsEmpty() {
      flash.write(flash.open("/newfile", "w"), bytes("data".repeat(100)));

      flash.dropOpenFiles();

      // "new file unclosed -> ... | newfile size 0"
      assertThat(flash.stat("/newfile")).isEqualTo(new Flash.Stat(false, 0, 0));
    }

    @Test
    void anAppendNotClosedIsLost() {
      device.write("/cfg", old);
      flash.write(flash.open("/cfg", "a"), bytes("APPEND"));

      flash.dropOpenFiles();

      // "append unclosed -> cfg len 6004 ..." (the previous content)
      assertThat(device.read("/cfg")).isEqualTo(old);
    }

    @Test
    void aSoftResetClosesOpenFilesWhichCommitsThem() {
      device.write("/cfg", old);
      flash.write(flash.open("/cfg", "a"), bytes("APPEND"));

      flash.closeOpenFiles();

      assertThat(device.read("/cfg")).isEqualTo(old + "APPEND");
    }
  }
}
