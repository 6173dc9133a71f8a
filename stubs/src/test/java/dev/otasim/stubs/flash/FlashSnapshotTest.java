package dev.otasim.stubs.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A flash saved between boots comes back exactly as a power-on would find it. */
class FlashSnapshotTest {
  @Test
  void aRestoredFatFlashReusesTheSameFreedSlot() {
    // given: a FAT directory with a freed slot in the middle
    Device saved = Device.fat();
    for (String name : List.of("zeta", "Alpha", "mid", "beta")) {
      saved.touch("/" + name);
    }
    saved.flash.remove("/mid");
    Flash.Snapshot snapshot = saved.flash.snapshot();

    // when: restored into another flash, which then creates a file
    Device restored = Device.fat();
    restored.write("/junk", "gone after the restore");
    restored.flash.restore(snapshot);
    restored.touch("/new");

    // then: the new entry takes the freed slot, as on the flash that was saved
    assertThat(restored.flash.list("/").stream().map(Flash.Entry::name))
        .containsExactly("zeta", "Alpha", "new", "beta");
  }

  @Test
  void openFilesAndTheirPendingDataAreNotPartOfIt() {
    // given
    Device d = Device.littleFs();
    d.write("/a.txt", "committed");
    int open = d.flash.open("/a.txt", "w");
    d.flash.write(open, Device.bytes("pending"));
    Flash.Snapshot snapshot = d.flash.snapshot();
    d.flash.close(open);

    // when
    d.flash.restore(snapshot);

    // then
    assertThat(d.read("/a.txt")).isEqualTo("committed");
    assertThat(d.flash.isOpen(open)).isFalse();
  }

  @Test
  void aSnapshotRestoresAnyNumberOfTimesAndLaterChangesDoNotReachIt() {
    Device d = Device.littleFs();
    d.write("/v", "1");
    Flash.Snapshot snapshot = d.flash.snapshot();

    d.write("/v", "2");
    d.flash.restore(snapshot);
    d.write("/v", "3");
    d.flash.restore(snapshot);

    assertThat(d.read("/v")).isEqualTo("1");
  }

  @Test
  void aSnapshotOfAnotherKindOrSizeIsRefused() {
    Flash.Snapshot fat = Device.fat().flash.snapshot();

    assertThatThrownBy(() -> Device.littleFs().flash.restore(fat))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a snapshot of a 64-block FAT flash cannot be restored into a 64-block LITTLEFS"
                + " flash");
  }
}
