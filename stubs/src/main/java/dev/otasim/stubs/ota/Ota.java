package dev.otasim.stubs.ota;

import dev.otasim.stubs.MicroPythonError;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The board's partition table, app slots and {@code otadata}: what {@code esp32.Partition} reads
 * and writes, and what the bootloader decides at each hard reset (spec §13 "esp32", §15). It
 * outlives boots; soft resets do not run the bootloader.
 */
public final class Ota {
  /** Partition tables of the two ESP32_GENERIC images. */
  public enum Image {
    /** partitions-4MiBplus.csv: one {@code factory} app, no OTA slots, 2 MiB file system. */
    GENERIC,
    /** partitions-4MiB-ota.csv: {@code ota_0}/{@code ota_1} of 1536 KiB, 960 KiB file system. */
    OTA
  }

  /** One row of the partition table. */
  public record Partition(String label, int type, int subtype, int address, int size) {}

  /** The rollback state of the running app (esp_ota_img_states_t). */
  public enum State {
    VALID,
    PENDING_VERIFY
  }

  static final int SECTOR = 4096;
  private static final int ESP_ERR_INVALID_SIZE = 0x104;
  private static final int ESP_ERR_NOT_FOUND = 0x105;
  private static final int ESP_ERR_OTA_VALIDATE_FAILED = 0x1503;
  private static final int ESP_IMAGE_MAGIC = 0xE9;

  private final List<Partition> table;
  private final Map<String, byte[]> contents = new HashMap<>();
  private String running;
  private String boot;
  private String previous;
  private State state = State.VALID;

  public Ota(Image image) {
    if (image == Image.OTA) {
      table =
          List.of(
              new Partition("nvs", 1, 2, 0x9000, 0x4000),
              new Partition("otadata", 1, 0, 0xd000, 0x2000),
              new Partition("phy_init", 1, 1, 0xf000, 0x1000),
              new Partition("ota_0", 0, 0x10, 0x10000, 0x180000),
              new Partition("ota_1", 0, 0x11, 0x190000, 0x180000),
              new Partition("vfs", 1, 0x81, 0x310000, 0xF0000));
      running = "ota_0";
    } else {
      table =
          List.of(
              new Partition("nvs", 1, 2, 0x9000, 0x6000),
              new Partition("phy_init", 1, 1, 0xf000, 0x1000),
              new Partition("factory", 0, 0, 0x10000, 0x1F0000),
              new Partition("vfs", 1, 0x81, 0x200000, 0x200000));
      running = "factory";
    }
    boot = running;
    previous = running;
  }

  private Ota(Ota from) {
    synchronized (from) {
      table = from.table;
      from.contents.forEach((label, bytes) -> contents.put(label, bytes.clone()));
      running = from.running;
      boot = from.boot;
      previous = from.previous;
      state = from.state;
    }
  }

  /** A deep copy: partition contents, otadata and rollback state. */
  public Ota copy() {
    return new Ota(this);
  }

  public synchronized List<Partition> table() {
    return table;
  }

  public synchronized Partition partition(String label) {
    for (Partition p : table) {
      if (p.label().equals(label)) {
        return p;
      }
    }
    throw MicroPythonError.os(2);
  }

  /** The app slot running now. */
  public synchronized String running() {
    return running;
  }

  /** The app slot the bootloader will start at the next hard reset. */
  public synchronized String boot() {
    return boot;
  }

  public synchronized State state() {
    return state;
  }

  /** The next OTA slot after the running one, or ENOENT on an image without OTA slots. */
  public synchronized String nextUpdate() {
    if (partitionOrNull("ota_0") == null) {
      throw MicroPythonError.os(2);
    }
    return running.equals("ota_0") ? "ota_1" : "ota_0";
  }

  /**
   * The bootloader at a hard reset: boots {@code otadata}'s choice, or rolls an unconfirmed app
   * back.
   */
  public synchronized void hardReset() {
    if (state == State.PENDING_VERIFY) {
      // the new app reset without mark_app_valid_cancel_rollback(): revert (spec §13)
      boot = previous;
      running = previous;
      state = State.VALID;
      return;
    }
    if (!boot.equals(running)) {
      previous = running;
      running = boot;
      state = State.PENDING_VERIFY;
    }
  }

  public synchronized byte[] read(String label, long offset, int length) {
    byte[] data = content(label);
    if (offset < 0 || offset + length > data.length) {
      throw espError(ESP_ERR_INVALID_SIZE, "ESP_ERR_INVALID_SIZE");
    }
    return Arrays.copyOfRange(data, (int) offset, (int) offset + length);
  }

  /** Writes; flash can only clear bits, so writing over unerased bytes ANDs them. */
  public synchronized void write(String label, long offset, byte[] bytes) {
    byte[] data = content(label);
    if (offset < 0 || offset + bytes.length > data.length) {
      throw espError(ESP_ERR_INVALID_SIZE, "ESP_ERR_INVALID_SIZE");
    }
    for (int i = 0; i < bytes.length; i++) {
      data[(int) offset + i] &= bytes[i];
    }
  }

  /** Erases whole sectors to 0xFF; the range must be sector-aligned (esp_partition_erase_range). */
  public synchronized void erase(String label, long offset, long length) {
    byte[] data = content(label);
    if (offset % SECTOR != 0
        || length % SECTOR != 0
        || offset < 0
        || offset + length > data.length) {
      throw espError(ESP_ERR_INVALID_SIZE, "ESP_ERR_INVALID_SIZE");
    }
    Arrays.fill(data, (int) offset, (int) (offset + length), (byte) 0xFF);
  }

  /** Chooses the app for the next hard reset after checking its image header. */
  public synchronized void setBoot(String label) {
    Partition p = partition(label);
    if (p.type() != 0) {
      throw espError(0x102, "ESP_ERR_INVALID_ARG");
    }
    if (!label.equals(running) && (content(label)[0] & 0xFF) != ESP_IMAGE_MAGIC) {
      throw espError(ESP_ERR_OTA_VALIDATE_FAILED, "ESP_ERR_OTA_VALIDATE_FAILED");
    }
    boot = label;
  }

  /** Confirms the running app; raises ESP_ERR_NOT_FOUND where rollback does not apply. */
  public synchronized void markValid() {
    if (partitionOrNull("otadata") == null) {
      throw espError(ESP_ERR_NOT_FOUND, "ESP_ERR_NOT_FOUND");
    }
    state = State.VALID;
    previous = running;
  }

  /** A copy of an app slot's bytes, for assertions. */
  public synchronized byte[] contentOf(String label) {
    return content(label).clone();
  }

  private Partition partitionOrNull(String label) {
    for (Partition p : table) {
      if (p.label().equals(label)) {
        return p;
      }
    }
    return null;
  }

  private byte[] content(String label) {
    return contents.computeIfAbsent(
        label,
        l -> {
          byte[] b = new byte[partition(l).size()];
          Arrays.fill(b, (byte) 0xFF);
          if (l.equals(running)) {
            b[0] = (byte) ESP_IMAGE_MAGIC;
          }
          return b;
        });
  }

  private static MicroPythonError espError(int code, String name) {
    return MicroPythonError.os(-code, name);
  }
}
