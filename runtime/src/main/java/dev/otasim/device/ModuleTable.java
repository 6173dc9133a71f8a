package dev.otasim.device;

import dev.otasim.stubs.machine.Board;
import dev.otasim.stubs.modules.esp32.Esp32Module;
import dev.otasim.stubs.modules.machine.MachineModule;
import dev.otasim.stubs.modules.network.WlanModule;
import dev.otasim.stubs.modules.os.OsModule;
import dev.otasim.stubs.modules.socket.SocketModule;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Value;

/**
 * The modules a boot's device code can import, by MicroPython name: Java-backed builtins with their
 * Python shims, and frozen pure-Python modules (spec §14). Anything else is an ImportError unless a
 * {@code .py} file on the flash provides it.
 */
final class ModuleTable {
  /**
   * A builtin C module: its MicroPython name, the per-boot Java object its shim gets ({@code api}),
   * and the shim resources concatenated into its source.
   */
  private record Builtin(String name, String api, List<String> shims, List<String> aliases) {
    static Builtin of(String name, String api, String... aliases) {
      return new Builtin(name, api, List.of(name), List.of(aliases));
    }

    /** The same module registered under its {@code u}-name, the plain name an alias (≤ v1.20). */
    Builtin uPrimary() {
      if (aliases.isEmpty() || !aliases.get(0).equals("u" + name)) {
        return this;
      }
      List<String> rest = new ArrayList<>(aliases.subList(1, aliases.size()));
      rest.add(0, name);
      return new Builtin(aliases.get(0), api, shims, rest);
    }
  }

  /** Builtin C modules every supported firmware has (spec §14). */
  private static final List<Builtin> COMMON =
      List.of(
          Builtin.of("os", "os", "uos"),
          Builtin.of("machine", "machine"),
          Builtin.of("network", "wlan"),
          Builtin.of("socket", "socket", "usocket"),
          Builtin.of("time", "machine", "utime"),
          Builtin.of("gc", "machine"),
          Builtin.of("json", null, "ujson"),
          Builtin.of("errno", null, "uerrno"),
          Builtin.of("sys", null, "usys"),
          Builtin.of("binascii", null, "ubinascii"),
          Builtin.of("hashlib", null, "uhashlib"),
          Builtin.of("micropython", null),
          Builtin.of("struct", null, "ustruct"),
          Builtin.of("collections", null, "ucollections"),
          Builtin.of("io", null, "uio"),
          Builtin.of("random", null, "urandom"),
          Builtin.of("re", null, "ure"),
          Builtin.of("select", null, "uselect"),
          Builtin.of("esp", "ota"),
          Builtin.of("esp32", "ota"),
          Builtin.of("math", null),
          Builtin.of("cmath", null),
          Builtin.of("heapq", null),
          Builtin.of("array", null),
          Builtin.of("platform", null));

  /**
   * Module tables by firmware family (spec §20). From v1.23 TLS is the C module {@code tls} and
   * {@code ssl} a frozen Python module over it, so {@code import ussl} fails; v1.21–v1.22 have a C
   * module {@code ssl} that also answers to {@code ussl}; up to v1.20 the C modules are registered
   * under their {@code u}-names ({@code uos.__name__ == 'uos'}) and the plain names are aliases.
   */
  enum Profile {
    V1_20(
        COMMON.stream().map(Builtin::uPrimary).toList(),
        List.of(new Builtin("ussl", null, List.of("tls", "ssl"), List.of("ssl"))),
        List.of("requests", "urequests", "ntptime")),
    V1_22(
        COMMON,
        List.of(new Builtin("ssl", null, List.of("tls", "ssl"), List.of("ussl"))),
        List.of("requests", "urequests", "ntptime")),
    V1_23(
        COMMON,
        List.of(Builtin.of("tls", null)),
        List.of("requests", "urequests", "ssl", "ntptime"));

    private final List<Builtin> builtins;
    private final List<String> frozen;

    Profile(List<Builtin> common, List<Builtin> tls, List<String> frozen) {
      List<Builtin> all = new ArrayList<>(common);
      all.addAll(tls);
      this.builtins = List.copyOf(all);
      this.frozen = frozen;
    }

    /** The family of a firmware version such as {@code 1.22.0}. */
    static Profile of(String firmware) {
      String[] v = firmware.split("\\.");
      int major = Integer.parseInt(v[0]);
      int minor = v.length > 1 ? Integer.parseInt(v[1]) : 0;
      if (major > 1 || minor >= 23) {
        return V1_23;
      }
      return minor >= 21 ? V1_22 : V1_20;
    }
  }

  private ModuleTable() {}

  /** The per-boot Java objects behind the shims. */
  record Apis(
      OsModule os, MachineModule machine, WlanModule wlan, SocketModule socket, Esp32Module ota) {
    static Apis of(Board board, SocketModule socket) {
      return new Apis(
          new OsModule(board),
          new MachineModule(board),
          new WlanModule(board),
          socket,
          new Esp32Module(board));
    }

    Object get(String name) {
      return switch (name) {
        case "os" -> os;
        case "machine" -> machine;
        case "wlan" -> wlan;
        case "socket" -> socket;
        case "ota" -> ota;
        default -> null;
      };
    }
  }

  /** Registers every module of the firmware's profile with the bootstrap of a fresh context. */
  static void install(Value host, Apis apis, String firmware) {
    host.getContext().eval(PythonEngine.dialect());
    host.invokeMember("install_dialect", CodeCache.SHARED);
    host.invokeMember("set_firmware", firmware);
    Profile profile = Profile.of(firmware);
    for (Builtin b : profile.builtins) {
      StringBuilder source = new StringBuilder();
      for (String shim : b.shims()) {
        source
            .append(PythonEngine.resource("dev/otasim/stubs/modules/" + shim + "/" + shim + ".py"))
            .append('\n');
      }
      Object api = b.api() == null ? null : apis.get(b.api());
      host.invokeMember(
          "register_builtin",
          b.name(),
          (Object) b.aliases().toArray(new String[0]),
          api,
          source.toString(),
          "<otasim:" + b.name() + ">");
    }
    for (String name : profile.frozen) {
      String source = PythonEngine.resource("dev/otasim/stubs/frozen/" + name + ".py");
      host.invokeMember("register_frozen", name, source, name + ".py");
    }
    host.invokeMember("set_loader", apis.os());
    host.invokeMember("finish_setup");
  }
}
