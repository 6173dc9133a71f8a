package dev.otasim.stubs.modules;

import static dev.otasim.stubs.modules.BoardModule.Kind.BUILTIN;
import static dev.otasim.stubs.modules.BoardModule.Kind.FROZEN;

import dev.otasim.stubs.Firmware;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every module the simulated ESP32_GENERIC image provides, in registration order (spec §14, §20):
 * the one table the import hook, the firmware profiles and lint read. Anything else is an {@code
 * ImportError} unless a {@code .py} file on the flash provides it.
 */
public final class BoardModules {
  private BoardModules() {}

  /** Built-in C modules first, then the frozen Python modules. */
  public static final List<BoardModule> ALL =
      List.of(
          builtin("os", true, Adapter.OS),
          builtin("machine", true, Adapter.MACHINE),
          builtin("network", false, Adapter.WLAN),
          builtin("socket", true, Adapter.SOCKET),
          builtin("time", true, Adapter.MACHINE),
          builtin("gc", false, Adapter.MACHINE),
          builtin("json", true, null),
          builtin("errno", true, null),
          builtin("sys", true, null),
          builtin("binascii", true, null),
          builtin("hashlib", true, null),
          builtin("micropython", false, null),
          builtin("struct", true, null),
          builtin("collections", true, null),
          builtin("io", true, null),
          builtin("random", true, null),
          builtin("re", true, null),
          builtin("select", true, null),
          builtin("esp", false, Adapter.ESP32),
          builtin("esp32", false, Adapter.ESP32),
          builtin("math", false, null),
          builtin("cmath", false, null),
          builtin("heapq", true, null),
          builtin("array", true, null),
          builtin("platform", true, null),
          // TLS (spec §20): the C module ssl (ussl up to v1.20) is tls's context plus wrap_socket;
          // from v1.23 the C module is tls and ssl a frozen Python module over it.
          new BoardModule(
              "ssl", BUILTIN, true, null, Firmware.TLS_MODULE, null, List.of("tls", "ssl"), null),
          new BoardModule(
              "tls", BUILTIN, false, Firmware.TLS_MODULE, null, null, List.of("tls"), null),
          // the vfs module (extmod/modvfs.c) exists from v1.23; os keeps mount/umount as aliases
          new BoardModule(
              "vfs", BUILTIN, false, new Firmware(1, 23, 0), null, null, List.of("vfs"), null),
          // Decompression (spec §14, §20): uzlib, a u-named C module up to v1.20 (zlib its weak
          // link), became the non-extensible deflate in v1.21; both decode through one adapter.
          new BoardModule(
              "zlib",
              BUILTIN,
              true,
              null,
              Firmware.PLAIN_NAMES,
              Adapter.DEFLATE,
              List.of("inflate", "zlib"),
              null),
          new BoardModule(
              "deflate",
              BUILTIN,
              false,
              Firmware.PLAIN_NAMES,
              null,
              Adapter.DEFLATE,
              List.of("inflate", "deflate"),
              null),
          frozen("requests", null, null),
          frozen("urequests", null, "requests"),
          frozen("ssl", Firmware.TLS_MODULE, null),
          frozen("ntptime", null, null));

  private static BoardModule builtin(String name, boolean uName, Adapter adapter) {
    return new BoardModule(name, BUILTIN, uName, null, null, adapter, List.of(name), null);
  }

  private static BoardModule frozen(String name, Firmware since, String forwardsTo) {
    return new BoardModule(name, FROZEN, false, since, null, null, List.of(), forwardsTo);
  }

  /** The modules a board running {@code firmware} has, in registration order. */
  public static List<BoardModule> on(Firmware firmware) {
    return ALL.stream().filter(m -> m.existsOn(firmware)).toList();
  }

  /**
   * Every other name that reaches the same module on some release, mapped to the module's name:
   * {@code uos → os}, {@code ussl → ssl}, and the frozen forwarder {@code urequests → requests}.
   */
  public static Map<String, String> aliases() {
    Map<String, String> aliases = new LinkedHashMap<>();
    for (BoardModule m : ALL) {
      if (m.uName()) {
        aliases.put("u" + m.name(), m.name());
      }
      if (m.forwardsTo() != null) {
        aliases.put(m.name(), m.forwardsTo());
      }
    }
    return aliases;
  }

  /** Every name {@code import} finds without a file on a board running {@code firmware}. */
  public static List<String> importable(Firmware firmware) {
    return on(firmware).stream()
        .flatMap(
            m ->
                java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(m.registeredName(firmware)),
                    m.aliases(firmware).stream()))
        .distinct()
        .toList();
  }
}
