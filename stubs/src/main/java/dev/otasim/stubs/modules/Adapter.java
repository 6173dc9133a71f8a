package dev.otasim.stubs.modules;

import dev.otasim.stubs.machine.Board;
import dev.otasim.stubs.modules.deflate.DeflateModule;
import dev.otasim.stubs.modules.esp32.Esp32Module;
import dev.otasim.stubs.modules.machine.MachineModule;
import dev.otasim.stubs.modules.network.WlanModule;
import dev.otasim.stubs.modules.os.OsModule;
import dev.otasim.stubs.modules.socket.SocketModule;
import java.util.function.Function;

/**
 * The Java half of a board module: the per-boot object a shim receives as {@code _api}. Several
 * modules may share one ({@code time} and {@code gc} read the clock and heap through {@code
 * machine}'s).
 */
public enum Adapter {
  OS(OsModule::new),
  MACHINE(MachineModule::new),
  WLAN(WlanModule::new),
  SOCKET(SocketModule::new),
  ESP32(Esp32Module::new),
  DEFLATE(DeflateModule::new);

  private final Function<Board, Object> factory;

  Adapter(Function<Board, Object> factory) {
    this.factory = factory;
  }

  /** A fresh adapter for one boot of {@code board}. */
  public Object create(Board board) {
    return factory.apply(board);
  }
}
