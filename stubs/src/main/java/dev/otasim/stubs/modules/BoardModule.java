package dev.otasim.stubs.modules;

import dev.otasim.stubs.Firmware;
import java.util.List;

/**
 * One module a boot can import without a file on the flash: a built-in C module (a Python shim, and
 * maybe a Java {@link Adapter}) or a frozen Python module, with the firmware releases that have it
 * (spec/micropython-esp32.md §14, §20). {@link BoardModules#ALL} lists them; the import hook, the
 * firmware profiles and lint all read that list.
 *
 * @param name the module's name, as in {@code extmod/mod<name>.c} or micropython-lib
 * @param kind built-in C module or frozen Python module
 * @param uName whether a built-in also answers to {@code u<name>}: the modules v1.27 registers as
 *     extensible ({@code MP_REGISTER_EXTENSIBLE_MODULE}, a flash file of the plain name shadows
 *     them), and {@code sys}
 * @param since the first release that has it, or {@code null} for every release
 * @param before the first release that no longer has it, or {@code null} for none
 * @param adapter the Java object the shim gets as {@code _api}, or {@code null} for a pure shim
 * @param shims the board modules whose shim sources, concatenated, make this one's source
 * @param forwardsTo for a frozen forwarder such as {@code urequests}, the module it re-exports
 */
public record BoardModule(
    String name,
    Kind kind,
    boolean uName,
    Firmware since,
    Firmware before,
    Adapter adapter,
    List<String> shims,
    String forwardsTo) {

  /** How the firmware provides a module (spec §20.1: the two are found at different times). */
  public enum Kind {
    BUILTIN,
    FROZEN
  }

  public BoardModule {
    shims = List.copyOf(shims);
  }

  /** Whether a board running {@code firmware} has this module. */
  public boolean existsOn(Firmware firmware) {
    return (since == null || firmware.atLeast(since))
        && (before == null || !firmware.atLeast(before));
  }

  /**
   * The name the module is registered under: up to v1.20 a built-in's {@code u}-name, its plain
   * name a weak link; from v1.21 the plain name (spec §20).
   */
  public String registeredName(Firmware firmware) {
    return uName && !firmware.atLeast(Firmware.PLAIN_NAMES) ? "u" + name : name;
  }

  /** The other names that import the same module on {@code firmware}. */
  public List<String> aliases(Firmware firmware) {
    if (!uName) {
      return List.of();
    }
    return List.of(firmware.atLeast(Firmware.PLAIN_NAMES) ? "u" + name : name);
  }

  /**
   * How {@code import} finds a built-in (py/builtinimport.c, py/objmodule.c; spec §20.1).
   *
   * @param name the module's {@code __name__}
   * @param early names that reach it before the file system is searched
   * @param late names that reach it only when {@code sys.path} has nothing of that name
   */
  public record Import(String name, List<String> early, List<String> late) {}

  /**
   * How this built-in is imported on {@code firmware}. From v1.21: a non-extensible built-in before
   * the file system ({@code usys} too), an extensible one after it, its {@code u}-name before it.
   * Up to v1.20: the {@code u}-named C modules by that name before the file system, by the plain
   * name (a weak link) after it.
   */
  public Import importOf(Firmware firmware) {
    boolean plain = firmware.atLeast(Firmware.PLAIN_NAMES);
    if (name.equals("sys")) {
      // up to v1.20 registered as usys, but its globals name it sys (py/modsys.c)
      return plain
          ? new Import("sys", List.of("sys", "usys"), List.of())
          : new Import("sys", List.of("usys"), List.of("sys"));
    }
    if (uName) {
      return new Import(registeredName(firmware), List.of("u" + name), List.of(name));
    }
    return new Import(name, List.of(name), List.of());
  }

  /** The classpath resources whose text, concatenated, is the module's Python source. */
  public List<String> sources() {
    if (kind == Kind.FROZEN) {
      return List.of("dev/otasim/stubs/frozen/" + name + ".py");
    }
    return shims.stream().map(s -> "dev/otasim/stubs/modules/" + s + "/" + s + ".py").toList();
  }
}
