package dev.otasim.stubs.flash;

import static dev.otasim.stubs.flash.Device.assertRaises;
import static dev.otasim.stubs.flash.Device.bytes;
import static dev.otasim.stubs.flash.Device.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The FAT option against spec §2.2–§4's FAT columns and the {@code =========== fat} and {@code
 * power-loss fat} sections of probes/vfs_probe.out.
 */
class FatTest {
  final Device device = Device.fat();
  final Flash flash = device.flash;

  @Nested
  class Directories {
    @Test
    void listsInSlotOrderReusingFreedSlotsAndIgnoresCase() {
      for (String name : List.of("zeta", "Alpha", "mid", "beta", "B2")) {
        device.touch("/" + name);
      }
      flash.remove("/mid");
      device.touch("/new");

      // "fat ['zeta', 'Alpha', 'new', 'beta', 'B2']", "fat case-insensitive open OK"
      assertThat(flash.list("/").stream().map(Flash.Entry::name))
          .containsExactly("zeta", "Alpha", "new", "beta", "B2");
      flash.close(flash.open("/ZETA", "r"));
    }

    @Test
    void listdirOnAFileIsEnoent() {
      device.write("/a.txt", "hello");

      // "listdir on file -> OSError (2,) | str: [Errno 2] ENOENT"
      assertRaises("OSError: [Errno 2] ENOENT", () -> flash.list("/a.txt"));
    }

    @Test
    void rmdirOfANonEmptyDirectoryIsEacces() {
      flash.mkdir("/d");
      device.touch("/d/x");

      // "rmdir non-empty -> OSError (13,) | str: [Errno 13] EACCES"
      assertRaises("OSError: [Errno 13] EACCES", () -> flash.rmdir("/d"));
    }

    @Test
    void removeOfAnyDirectoryIsEisdir() {
      flash.mkdir("/d");
      device.touch("/d/x");
      flash.mkdir("/ed");

      // "remove non-empty dir", "remove empty dir" -> [Errno 21] EISDIR; "ed exists ... True"
      assertRaises("OSError: [Errno 21] EISDIR", () -> flash.remove("/d"));
      assertRaises("OSError: [Errno 21] EISDIR", () -> flash.remove("/ed"));
      assertThat(flash.exists("/ed")).isTrue();
    }

    @Test
    void rmdirOfAFileIsOsError20() {
      device.touch("/rf");

      // "rmdir file -> OSError (20,) | str: 20", "rf exists after rmdir(file)? -> True"
      assertRaises("OSError: 20", () -> flash.rmdir("/rf"));
      assertThat(flash.exists("/rf")).isTrue();
    }

    @Test
    void rmdirRemovesAnEmptyDirectory() {
      flash.mkdir("/ed");

      flash.rmdir("/ed");

      assertThat(flash.exists("/ed")).isFalse();
    }

    @Test
    void directoryReplacesAnExistingFile() {
      flash.mkdir("/emptyd");
      device.write("/r2", "two");

      // "rename dir->existing file -> None"
      flash.rename("/emptyd", "/r2");

      assertThat(flash.stat("/r2").directory()).isTrue();
      assertThat(flash.exists("/emptyd")).isFalse();
    }

    @Test
    void directoryOntoANonEmptyDirectoryIsEisdir() {
      flash.mkdir("/d");
      device.touch("/d/x");
      flash.mkdir("/d2");

      // "rename dir->non-empty dir -> OSError (21,) | str: [Errno 21] EISDIR"
      assertRaises("OSError: [Errno 21] EISDIR", () -> flash.rename("/d2", "/d"));
    }

    @Test
    void nameLongerThan255CharactersIsEinval() {
      // "long name 300 -> OSError (22,) | str: [Errno 22] EINVAL"
      assertRaises("OSError: [Errno 22] EINVAL", () -> flash.open("/" + "n".repeat(300), "w"));
    }

    @Test
    void directoriesKeepTimesAtTwoSecondResolution() {
      device.clock.set(1001);
      flash.mkdir("/d");

      // "stat dir -> (16384, 0, 0, 0, 0, 0, 0, t, t, t)"; "stat /flash (mount point)" is
      // 2000-01-01, which is 0 on the ESP32's epoch
      assertThat(flash.stat("/d")).isEqualTo(new Flash.Stat(true, 0, 1000));
      assertThat(flash.stat("/")).isEqualTo(new Flash.Stat(true, 0, 0));
    }
  }

  @Nested
  class Files {
    @Test
    void modeLettersAreOredSoRwOpensAndTruncates() {
      device.write("/a.txt", "hello");

      // "open mode rw -> <io.TextIOWrapper ...>", then "open mode r+ -> ''": 'w' truncated
      flash.close(flash.open("/a.txt", "rw"));
      flash.close(flash.open("/a.txt", "+w"));
      assertThat(text(flash.read(flash.open("/a.txt", "r+"), -1))).isEmpty();
    }

    @Test
    void aModeWithoutAccessLettersCannotRead() {
      device.write("/a.txt", "hello");

      // "open mode q (unknown)", "open mode \"\"" -> OSError (13,) on .read()
      assertRaises("OSError: [Errno 13] EACCES", () -> flash.read(flash.open("/a.txt", "q"), -1));
      assertRaises("OSError: [Errno 13] EACCES", () -> flash.read(flash.open("/a.txt", ""), -1));
    }

    @Test
    void openingADirectoryIsEnoentToReadAndEaccesToWrite() {
      flash.mkdir("/d");

      // "open dir -> [Errno 2] ENOENT", "open dir w -> [Errno 13] EACCES"
      assertRaises("OSError: [Errno 2] ENOENT", () -> flash.open("/d", "r"));
      assertRaises("OSError: [Errno 13] EACCES", () -> flash.open("/d", "w"));
    }

    @Test
    void wrongDirectionIsEacces() {
      device.write("/a.txt", "hello");

      // "read from w-only file", "write to r-only file" -> [Errno 13] EACCES
      assertRaises("OSError: [Errno 13] EACCES", () -> flash.read(flash.open("/ww", "w"), -1));
      assertRaises(
          "OSError: [Errno 13] EACCES", () -> flash.write(flash.open("/a.txt", "r"), bytes("x")));
    }

    @Test
    void closedFileIsEinvalButSeekAnswers() {
      device.write("/a.txt", "hello");
      int h = flash.open("/a.txt", "r");
      flash.close(h);

      // "read closed", "write closed" -> [Errno 22] EINVAL; "seek closed -> 0"
      assertRaises("OSError: [Errno 22] EINVAL", () -> flash.read(h, -1));
      assertRaises("OSError: [Errno 22] EINVAL", () -> flash.write(h, bytes("x")));
      assertThat(flash.seek(h, 0, 0)).isZero();
      flash.close(h);
    }

    @Test
    void fileTimeIsTheSyncTime() {
      device.clock.set(100);
      int h = flash.open("/f", "w");
      flash.write(h, bytes("x"));
      device.clock.set(203);

      flash.close(h);

      assertThat(flash.stat("/f").mtime()).isEqualTo(202);
    }
  }

  @Nested
  class PowerLoss {
    final String old = "OLD".repeat(10);

    @Test
    void wReopenNotClosedLeavesTheFileEmpty() {
      device.write("/cfg", old);
      flash.write(flash.open("/cfg", "w"), bytes("NEW".repeat(2000)));

      flash.dropOpenFiles();

      // "during w before flush -> cfg len 0"
      assertThat(device.size("/cfg")).isZero();
    }

    @Test
    void afterFlushTheContentUpToTheFlush() {
      device.write("/cfg", old);
      int h = flash.open("/cfg", "w");
      flash.write(h, bytes("NEW".repeat(2000)));
      flash.flush(h);
      flash.write(h, bytes("MORE"));

      flash.dropOpenFiles();

      // "after flush -> cfg len 6000", "after flush+more write -> cfg len 6000"
      assertThat(device.size("/cfg")).isEqualTo(6000);
    }

    @Test
    void aNewFileNotClosedExistsEmptyAndAnAppendIsLost() {
      device.write("/cfg", old);
      flash.write(flash.open("/newfile", "w"), bytes("data".repeat(100)));
      flash.write(flash.open("/cfg", "a"), bytes("APPEND"));

      flash.dropOpenFiles();

      // "new file unclosed -> ... newfile size 0", "append unclosed -> ... previous content"
      assertThat(device.size("/newfile")).isZero();
      assertThat(device.read("/cfg")).isEqualTo(old);
    }
  }

  @Nested
  class Clusters {
    @Test
    void probeSetupTakesTwoClusters() {
      // given: 64 sectors = 1 reserved + 1 FAT + 4 root directory + 58 clusters
      long free = device.free();
      device.write("/a.txt", "hello");
      flash.mkdir("/d");
      device.touch("/d/x");

      // then: "statvfs -> (512, 512, 477, 475, 475, ...)": a.txt and d take a cluster each
      assertThat(flash.blocks()).containsExactly(58, free - 2);
    }

    @Test
    void probeGeometryGives477Clusters() {
      // the probe's FAT: 512 sectors of 512 bytes, "statvfs -> (512, 512, 477, ...)"
      assertThat(BlockBudget.fatClusters(512, 512)).isEqualTo(477);
    }

    @Test
    void aFullDiskKeepsWhatFitAndCommitsItAtClose() {
      // given
      int h = flash.open("/big", "wb");

      // when
      assertRaises("OSError: 28", () -> flash.write(h, new byte[100 * 4096]));
      flash.close(h);

      // then: "big size after ENOSPC -> 240640" (the partial file remains), "statvfs full" 0 free
      assertThat(device.size("/big")).isEqualTo(58 * 4096);
      assertThat(device.free()).isZero();
    }
  }
}
