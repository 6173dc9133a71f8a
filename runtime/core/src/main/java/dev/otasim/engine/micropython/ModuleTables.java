package dev.otasim.engine.micropython;

import dev.otasim.stubs.Firmware;
import dev.otasim.stubs.modules.Adapter;
import dev.otasim.stubs.modules.BoardModule;
import dev.otasim.stubs.modules.BoardModules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ESP32 firmware's module table as the MicroPython engine installs it in front of the wasm
 * port's own modules (spec §14, §20), derived from {@link BoardModules}, the one table both engines
 * read: the same modules, {@code u} names and frozen modules per firmware. Board modules that only
 * touch the VM (json, struct, re, …) are the VM's own C modules, the real thing; the others are the
 * shims both engines share, over the same Java stubs; what the port has and the board does not is
 * an ImportError.
 */
final class ModuleTables {
  private ModuleTables() {}

  /** Stub handles: the per-boot Java objects behind the shims. */
  static final Map<String, Integer> APIS =
      Map.of("host", 0, "os", 1, "machine", 2, "wlan", 3, "socket", 4, "ota", 5, "deflate", 6);

  /** The handle of each adapter's stub on the bridge. */
  private static final Map<Adapter, String> HANDLES =
      Map.of(
          Adapter.OS, "os",
          Adapter.MACHINE, "machine",
          Adapter.WLAN, "wlan",
          Adapter.SOCKET, "socket",
          Adapter.ESP32, "ota",
          Adapter.DEFLATE, "deflate");

  /**
   * Board modules that touch only the VM: the VM's own C module serves them, not the shim ({@code
   * builtins} is no row of the board's table, and is the VM's own too).
   */
  private static final Set<String> VM_OWN =
      Set.of(
          "json",
          "errno",
          "binascii",
          "micropython",
          "struct",
          "collections",
          "io",
          "random",
          "re",
          "math",
          "cmath",
          "heapq",
          "array");

  /**
   * The wasm port's modules (help('modules') of the pyscript build), hidden unless the board has
   * them.
   */
  private static final List<String> PORT =
      List.of(
          "__main__",
          "_asyncio",
          "abc",
          "array",
          "asyncio",
          "base64",
          "binascii",
          "builtins",
          "cmath",
          "collections",
          "copy",
          "datetime",
          "deflate",
          "errno",
          "fnmatch",
          "framebuf",
          "functools",
          "gc",
          "gzip",
          "hashlib",
          "heapq",
          "hmac",
          "html",
          "inspect",
          "io",
          "itertools",
          "js",
          "jsffi",
          "json",
          "locale",
          "logging",
          "math",
          "micropython",
          "operator",
          "os",
          "pathlib",
          "platform",
          "random",
          "re",
          "select",
          "stat",
          "string",
          "struct",
          "sys",
          "tarfile",
          "time",
          "types",
          "uctypes",
          "unittest",
          "uu",
          "vfs",
          "zlib");

  /** The table for a firmware release, as the runtime reads it. */
  static String json(String firmware) {
    Firmware fw = Firmware.parse(firmware);
    Map<String, String> shims = new LinkedHashMap<>();
    Map<String, String> aliases = new LinkedHashMap<>();
    List<String> real = new ArrayList<>();
    List<String> frozen = new ArrayList<>();
    List<String> late = new ArrayList<>();
    for (BoardModule m : BoardModules.on(fw)) {
      if (m.kind() == BoardModule.Kind.FROZEN) {
        frozen.add(m.name());
        continue;
      }
      BoardModule.Import how = m.importOf(fw);
      if (VM_OWN.contains(m.name())) {
        real.add(how.name());
      } else {
        shims.put(how.name(), m.adapter() == null ? null : HANDLES.get(m.adapter()));
      }
      late.addAll(how.late());
      for (List<String> names : List.of(how.early(), how.late())) {
        names.stream().filter(n -> !n.equals(how.name())).forEach(n -> aliases.put(n, how.name()));
      }
    }
    real.add("builtins");
    StringBuilder s =
        new StringBuilder("{\"firmware\":\"").append(firmware).append("\",\"apis\":{");
    s.append(
        APIS.entrySet().stream()
            .map(e -> q(e.getKey()) + ":" + e.getValue())
            .collect(Collectors.joining(",")));
    s.append("},\"shims\":{");
    s.append(
        shims.entrySet().stream()
            .map(e -> q(e.getKey()) + ":" + (e.getValue() == null ? "null" : q(e.getValue())))
            .collect(Collectors.joining(",")));
    s.append("},\"aliases\":{");
    s.append(
        aliases.entrySet().stream()
            .map(e -> q(e.getKey()) + ":" + q(e.getValue()))
            .collect(Collectors.joining(",")));
    s.append("},\"real\":").append(list(real));
    s.append(",\"frozen\":").append(list(frozen));
    s.append(",\"late\":").append(list(late));
    s.append(",\"port\":").append(list(PORT)).append('}');
    return s.toString();
  }

  private static String list(List<String> names) {
    return names.stream().map(ModuleTables::q).collect(Collectors.joining(",", "[", "]"));
  }

  private static String q(String s) {
    return '"' + s + '"';
  }
}
