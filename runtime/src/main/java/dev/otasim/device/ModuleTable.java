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
   * the shim resources concatenated into its source, and whether it is registered as extensible
   * ({@code MP_REGISTER_EXTENSIBLE_MODULE}: a file on the import path may shadow it).
   */
  private record Builtin(String name, String api, List<String> shims, boolean extensible) {
    static Builtin of(String name, String api) {
      return new Builtin(name, api, List.of(name), false);
    }

    static Builtin extensible(String name, String api) {
      return new Builtin(name, api, List.of(name), true);
    }
  }

  /**
   * How {@code import} finds one builtin (py/builtinimport.c, py/objmodule.c; spec §20.1).
   *
   * @param name the module's {@code __name__}
   * @param early names that reach it before the file system is searched
   * @param late names that reach it only when {@code sys.path} has nothing of that name
   */
  record Import(String name, List<String> early, List<String> late) {}

  /**
   * Builtin C modules every supported firmware has (spec §14), extensible ones as v1.27 registers
   * them ({@code MP_REGISTER_EXTENSIBLE_MODULE} in extmod/ and ports/esp32).
   */
  private static final List<Builtin> COMMON =
      List.of(
          Builtin.extensible("os", "os"),
          Builtin.extensible("machine", "machine"),
          Builtin.of("network", "wlan"),
          Builtin.extensible("socket", "socket"),
          Builtin.extensible("time", "machine"),
          Builtin.of("gc", "machine"),
          Builtin.extensible("json", null),
          Builtin.extensible("errno", null),
          Builtin.of("sys", null),
          Builtin.extensible("binascii", null),
          Builtin.extensible("hashlib", null),
          Builtin.of("micropython", null),
          Builtin.extensible("struct", null),
          Builtin.extensible("collections", null),
          Builtin.extensible("io", null),
          Builtin.extensible("random", null),
          Builtin.extensible("re", null),
          Builtin.extensible("select", null),
          Builtin.of("esp", "ota"),
          Builtin.of("esp32", "ota"),
          Builtin.of("math", null),
          Builtin.of("cmath", null),
          Builtin.extensible("heapq", null),
          Builtin.extensible("array", null),
          Builtin.extensible("platform", null));

  /**
   * Module tables by firmware family (spec §20). From v1.23 TLS is the C module {@code tls} and
   * {@code ssl} a frozen Python module over it, so {@code import ussl} fails; v1.21–v1.22 have an
   * extensible C module {@code ssl} that also answers to {@code ussl}; up to v1.20 the C modules
   * are registered under their {@code u}-names ({@code uos.__name__ == 'uos'}) and the plain names
   * are weak links, tried after the file system ({@code MICROPY_MODULE_WEAK_LINKS}).
   */
  enum Profile {
    V1_20(
        COMMON,
        List.of(new Builtin("ssl", null, List.of("tls", "ssl"), true)),
        List.of("requests", "urequests", "ntptime")),
    V1_22(
        COMMON,
        List.of(new Builtin("ssl", null, List.of("tls", "ssl"), true)),
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

    /**
     * How each builtin is imported. From v1.21: a non-extensible builtin before the file system
     * ({@code usys} too), an extensible one after it, and its {@code u}-name before it. Up to
     * v1.20: the C modules with {@code u}-names (every later-extensible one, and {@code sys}) by
     * that name before the file system, by the plain name (a weak link) after it.
     */
    Import importOf(Builtin b) {
      if (this == V1_20 && b.name().equals("sys")) {
        // registered as usys, but its globals name it sys (v1.20 py/modsys.c)
        return new Import("sys", List.of("usys"), List.of("sys"));
      }
      if (this == V1_20 && b.extensible()) {
        return new Import("u" + b.name(), List.of("u" + b.name()), List.of(b.name()));
      }
      if (b.extensible()) {
        return new Import(b.name(), List.of("u" + b.name()), List.of(b.name()));
      }
      if (b.name().equals("sys")) {
        return new Import("sys", List.of("sys", "usys"), List.of());
      }
      return new Import(b.name(), List.of(b.name()), List.of());
    }

    /** The import table of this firmware: one row per builtin. */
    List<Import> imports() {
      return builtins.stream().map(this::importOf).toList();
    }

    /** The frozen pure-Python modules, found at {@code .frozen} on {@code sys.path}. */
    List<String> frozen() {
      return frozen;
    }
  }

  private ModuleTable() {}

  /**
   * The firmware's import table as text, for {@code otasim lint}: {@code name=module@when} entries
   * joined by commas, {@code when} one of {@code early} (before the file system), {@code late}
   * (only when the file system has none) and {@code frozen}. The import hook uses the same rows.
   */
  static String describe(String firmware) {
    Profile profile = Profile.of(firmware);
    List<String> out = new ArrayList<>();
    for (Import i : profile.imports()) {
      i.early().forEach(n -> out.add(n + "=" + i.name() + "@early"));
      i.late().forEach(n -> out.add(n + "=" + i.name() + "@late"));
    }
    profile.frozen().forEach(n -> out.add(n + "=" + n + "@frozen"));
    return String.join(",", out);
  }

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
    install(host, apis, firmware, CodeCache.SHARED.view());
  }

  /** Registers the modules; the boot's code comes from {@code code} (see {@link CodeCache}). */
  static void install(Value host, Apis apis, String firmware, CodeCache.View code) {
    host.getContext().eval(PythonEngine.dialect());
    host.invokeMember("install_dialect", code);
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
      Import how = profile.importOf(b);
      host.invokeMember(
          "register_builtin",
          how.name(),
          (Object) how.early().toArray(new String[0]),
          api,
          source.toString(),
          "<otasim:" + how.name() + ">",
          (Object) how.late().toArray(new String[0]));
    }
    for (String name : profile.frozen) {
      String source = PythonEngine.resource("dev/otasim/stubs/frozen/" + name + ".py");
      host.invokeMember("register_frozen", name, source, name + ".py");
    }
    host.invokeMember("set_loader", apis.os());
    host.invokeMember("finish_setup");
  }
}
