package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.Device;
import dev.otasim.stubs.ota.Ota;
import org.junit.jupiter.api.Test;

/** esp32.Partition on the OTA image: writing a slot, set_boot, the reset, and rollback. */
class OtaPartitionTest {
  private static final String UPDATE =
      """
      import esp32, machine
      from esp32 import Partition
      run = Partition(Partition.RUNNING).info()[4]
      print('running', run)
      if run == 'ota_0':
          nxt = Partition(Partition.RUNNING).get_next_update()
          img = b'\\xe9' + b'\\x00' * 5000
          img += b'\\xff' * (-len(img) % 4096)
          for i in range(len(img) // 4096):
              nxt.writeblocks(i, img[i * 4096:(i + 1) * 4096])
          buf = bytearray(4)
          nxt.readblocks(0, buf)
          print(buf, nxt.ioctl(4, 0), nxt.ioctl(5, 0))
          try:
              nxt.writeblocks(0, b'short')
          except OSError as e:
              print(e)
          nxt.set_boot()
          machine.reset()
      """;

  @Test
  void bootsTheNewSlotAfterSetBootAndRollsBackIfItIsNotConfirmed() {
    // given
    Device device = Device.create();
    device.board().useImage(Ota.Image.OTA);
    device.flash().put("/main.py", UPDATE);

    // when
    device.boot();
    device.boot();
    String second = device.boots().get(1).console();
    device.boot();

    // then
    assertThat(device.boots().get(0).console())
        .isEqualTo(
            """
            running ota_0
            bytearray(b'\\xe9\\x00\\x00\\x00') 384 4096
            (-260, 'ESP_ERR_INVALID_SIZE')
            """);
    assertThat(second).isEqualTo("running ota_1\n");
    assertThat(device.board().ota().running()).isEqualTo("ota_0");
  }

  @Test
  void keepsTheNewSlotOnceTheAppMarksItValid() {
    // given
    Device device = Device.create();
    device.board().useImage(Ota.Image.OTA);
    device.flash().put("/main.py", UPDATE);
    device.boot();
    device
        .flash()
        .put(
            "/main.py",
            "import esp32\n"
                + "esp32.Partition.mark_app_valid_cancel_rollback()\n"
                + "print(esp32.Partition(esp32.Partition.RUNNING).info()[4])\n");

    // when
    device.boot();
    device.boot();

    // then
    assertThat(device.boots().get(2).console()).isEqualTo("ota_1\n");
    assertThat(device.board().ota().state()).isEqualTo(Ota.State.VALID);
  }
}
