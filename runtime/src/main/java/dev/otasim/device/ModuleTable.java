package dev.otasim.device;

import dev.otasim.stubs.flash.OsModule;
import dev.otasim.stubs.machine.Board;
import dev.otasim.stubs.machine.MachineModule;
import dev.otasim.stubs.net.SocketModule;
import dev.otasim.stubs.net.WlanModule;
import java.util.List;
import org.graalvm.polyglot.Value;

/**
 * The modules a boot's device code can import, by MicroPython name: Java-backed builtins with their
 * Python shims, and frozen pure-Python modules (spec §14). Anything else is an ImportError unless a
 * {@code .py} file on the flash provides it.
 */
final class ModuleTable {
  private record Builtin(String name, String api, String... aliases) {}

  /** Builtin C modules; {@code api} names the per-boot Java object the shim gets. */
  private static final List<Builtin> BUILTINS =
      List.of(
          new Builtin("os", "os", "uos"),
          new Builtin("machine", "machine"),
          new Builtin("network", "wlan"),
          new Builtin("socket", "socket", "usocket"),
          new Builtin("tls", null),
          new Builtin("time", "machine", "utime"),
          new Builtin("gc", "machine"),
          new Builtin("json", null, "ujson"),
          new Builtin("errno", null, "uerrno"),
          new Builtin("sys", null, "usys"),
          new Builtin("binascii", null, "ubinascii"),
          new Builtin("hashlib", null, "uhashlib"),
          new Builtin("micropython", null),
          new Builtin("struct", null, "ustruct"),
          new Builtin("collections", null, "ucollections"),
          new Builtin("io", null, "uio"),
          new Builtin("random", null, "urandom"),
          new Builtin("re", null, "ure"));

  /** Frozen Python modules of the ESP32 image (ports/esp32/boards/manifest.py). */
  private static final List<String> FROZEN = List.of("requests", "urequests", "ssl");

  private ModuleTable() {}

  /** The per-boot Java objects behind the shims. */
  record Apis(OsModule os, MachineModule machine, WlanModule wlan, SocketModule socket) {
    static Apis of(Board board, SocketModule socket) {
      return new Apis(new OsModule(board), new MachineModule(board), new WlanModule(board), socket);
    }

    Object get(String name) {
      return switch (name) {
        case "os" -> os;
        case "machine" -> machine;
        case "wlan" -> wlan;
        case "socket" -> socket;
        default -> null;
      };
    }
  }

  /** Registers every module with the bootstrap of a fresh context. */
  static void install(Value host, Apis apis, String firmware) {
    host.invokeMember("set_firmware", firmware);
    for (Builtin b : BUILTINS) {
      String source = PythonEngine.resource("dev/otasim/stubs/py/" + b.name() + ".py");
      Object api = b.api() == null ? null : apis.get(b.api());
      host.invokeMember(
          "register_builtin",
          b.name(),
          (Object) b.aliases(),
          api,
          source,
          "<otasim:" + b.name() + ">");
    }
    for (String name : FROZEN) {
      String source = PythonEngine.resource("dev/otasim/stubs/frozen/" + name + ".py");
      host.invokeMember("register_frozen", name, source, name + ".py");
    }
    host.invokeMember("set_loader", apis.os());
    host.invokeMember("finish_setup");
  }
}
