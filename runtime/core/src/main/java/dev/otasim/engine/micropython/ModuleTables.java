package dev.otasim.engine.micropython;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The ESP32 firmware's module table as the MicroPython engine installs it in front of the wasm
 * port's own modules (spec §14, §20). Board modules that only touch the VM (json, struct, re, …)
 * are the VM's own C modules, the real thing; modules that touch hardware are the GraalPy engine's
 * shims over the same Java stubs; what the port has and the board does not is an ImportError.
 */
final class ModuleTables {
  private ModuleTables() {}

  /** Stub handles: the per-boot Java objects behind the shims. */
  static final Map<String, Integer> APIS =
      Map.of("host", 0, "os", 1, "machine", 2, "wlan", 3, "socket", 4, "ota", 5);

  /** Board modules served by a shim, with the stub each one's {@code _api} is. */
  private static final Map<String, String> SHIMS = new LinkedHashMap<>();

  static {
    SHIMS.put("os", "os");
    SHIMS.put("machine", "machine");
    SHIMS.put("network", "wlan");
    SHIMS.put("socket", "socket");
    SHIMS.put("time", "machine");
    SHIMS.put("gc", "machine");
    SHIMS.put("sys", null);
    SHIMS.put("hashlib", null);
    SHIMS.put("select", null);
    SHIMS.put("esp", "ota");
    SHIMS.put("esp32", "ota");
    SHIMS.put("platform", null);
    SHIMS.put("tls", null);
  }

  /** Board modules that are the VM's own. */
  private static final List<String> REAL =
      List.of(
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
          "array",
          "builtins");

  private static final List<String> U_NAMES =
      List.of(
          "os",
          "socket",
          "time",
          "json",
          "errno",
          "sys",
          "binascii",
          "hashlib",
          "struct",
          "collections",
          "io",
          "random",
          "re",
          "select");

  private static final List<String> FROZEN = List.of("requests", "urequests", "ssl", "ntptime");

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
    String[] v = firmware.split("\\.");
    int minor = v.length > 1 ? Integer.parseInt(v[1]) : 0;
    if (Integer.parseInt(v[0]) == 1 && minor < 23) {
      throw new UnsupportedOperationException(
          "the MicroPython engine models firmware 1.23 and newer; "
              + firmware
              + " runs on the GraalPy engine (--engine graalpy)");
    }
    StringBuilder s =
        new StringBuilder("{\"firmware\":\"").append(firmware).append("\",\"apis\":{");
    s.append(
        APIS.entrySet().stream()
            .map(e -> q(e.getKey()) + ":" + e.getValue())
            .collect(Collectors.joining(",")));
    s.append("},\"shims\":{");
    s.append(
        SHIMS.entrySet().stream()
            .map(e -> q(e.getKey()) + ":" + (e.getValue() == null ? "null" : q(e.getValue())))
            .collect(Collectors.joining(",")));
    s.append("},\"aliases\":{");
    s.append(U_NAMES.stream().map(n -> q("u" + n) + ":" + q(n)).collect(Collectors.joining(",")));
    s.append("},\"real\":").append(list(REAL));
    s.append(",\"frozen\":").append(list(FROZEN));
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
