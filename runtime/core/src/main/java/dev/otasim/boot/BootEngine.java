package dev.otasim.boot;

import dev.otasim.stubs.machine.Board;
import dev.otasim.stubs.machine.Stop;
import dev.otasim.stubs.modules.socket.SocketModule;
import java.io.OutputStream;

/**
 * A Python VM that boots a board: what {@link Boot} needs of an engine, and all it knows of one.
 * Both engines see the same board behind the same shims; the contract those shims rely on (the
 * {@code _host} names, the run results) is {@code docs/shim-contract.md}.
 */
public interface BootEngine {
  /** Pays the engine's one-time cost (seconds), so that no boot's limit counts it. */
  void warmUp();

  /**
   * The stack a boot's thread needs, in bytes; 0 (the default) boots on the caller's thread. An
   * engine whose VM recurses on the JVM stack asks for more, and {@link Boot} then runs the boot on
   * a thread of its own with that stack (the boot's limit counts that thread's time).
   */
  default long stackBytes() {
    return 0;
  }

  /**
   * A VM for one boot, not yet set up: {@link Boot} has the board's reset line lead to it before
   * anything of the board's runs.
   *
   * @param console the board's serial console: everything the VM prints goes there
   * @param sockets this boot's sockets, which the boot closes when it ends
   * @throws RuntimeException with a message for the user if this engine cannot run such a board
   */
  Session open(Board board, BootSettings settings, OutputStream console, SocketModule sockets);

  /** One boot's VM. */
  interface Session {
    /**
     * Sets the boot up: the firmware's modules over this boot's stubs, ready to run device code.
     */
    void load();

    /** Runs a file from the flash ({@code boot.py}, {@code main.py}) to its end. */
    RunResult run(String file);

    /** Ctrl-C: a running file ends with {@code KeyboardInterrupt}, as on the board. */
    void interrupt();

    /**
     * The boot's limit passed (called on the limit's timer thread): ends the running file at once,
     * the VM's state not to be trusted afterwards.
     */
    void halt();

    /**
     * The board stops ({@link Stop}): what the stub that pulled the reset line throws, which
     * unwinds device code at once (no except, no finally).
     */
    RuntimeException off(Stop stop);

    /**
     * How an exception out of {@link #load} or {@link #run} reads while the board is still on: a
     * failure of device code the engine caught itself (the result), or {@code null} if the
     * simulator failed.
     */
    default RunResult caught(RuntimeException e) {
      return null;
    }

    /**
     * The boot is over.
     *
     * @param clean whether it ended leaving the VM consistent (by itself or by a stub's stop,
     *     nobody at the prompt): an engine may boot the next one on it
     */
    void close(boolean clean);
  }
}
