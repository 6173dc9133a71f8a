package dev.otasim.stubs.modules.esp32;

import dev.otasim.stubs.MicroPythonApi;
import dev.otasim.stubs.MicroPythonError;
import dev.otasim.stubs.MicroPythonModule;
import dev.otasim.stubs.machine.Board;
import dev.otasim.stubs.ota.Ota;
import java.nio.charset.StandardCharsets;

/**
 * The Java half of {@code esp32.Partition} and {@code esp} (ports/esp32/esp32_partition.c,
 * modesp.c; spec §13): partitions by label, block reads and writes, {@code set_boot} and rollback.
 * Bytes cross as latin-1 strings.
 */
@MicroPythonModule(name = "esp32")
public final class Esp32Module {
  private final Ota ota;

  public Esp32Module(Board board) {
    this.ota = board.ota();
  }

  /** Labels of the partitions of {@code type} ({@code subtype} 0xff = any, label null = any). */
  @MicroPythonApi
  public String[] find(int type, int subtype, String label) {
    return ota.table().stream()
        .filter(p -> p.type() == type)
        .filter(p -> subtype == 0xff || p.subtype() == subtype)
        .filter(p -> label == null || p.label().equals(label))
        .map(Ota.Partition::label)
        .toArray(String[]::new);
  }

  /** The label of an APP then DATA partition called {@code label}, or ENOENT. */
  @MicroPythonApi
  public String lookup(String label) {
    return ota.partition(label).label();
  }

  @MicroPythonApi
  public int[] info(String label) {
    Ota.Partition p = ota.partition(label);
    return new int[] {p.type(), p.subtype(), p.address(), p.size()};
  }

  @MicroPythonApi
  public String running() {
    return ota.running();
  }

  @MicroPythonApi
  public String boot() {
    return ota.boot();
  }

  @MicroPythonApi
  public String next_update() {
    return ota.nextUpdate();
  }

  @MicroPythonApi
  public String read(String label, long offset, int length) {
    return new String(ota.read(label, offset, length), StandardCharsets.ISO_8859_1);
  }

  @MicroPythonApi
  public void write(String label, long offset, String data) {
    ota.write(label, offset, data.getBytes(StandardCharsets.ISO_8859_1));
  }

  @MicroPythonApi
  public void erase(String label, long offset, long length) {
    ota.erase(label, offset, length);
  }

  @MicroPythonApi
  public void set_boot(String label) {
    ota.setBoot(label);
  }

  @MicroPythonApi
  public void mark_app_valid_cancel_rollback() {
    ota.markValid();
  }

  /** {@code esp.flash_user_start()}: where the file system partition begins. */
  @MicroPythonApi
  public int flash_user_start() {
    try {
      return ota.partition("vfs").address();
    } catch (MicroPythonError e) {
      return 0x200000;
    }
  }
}
