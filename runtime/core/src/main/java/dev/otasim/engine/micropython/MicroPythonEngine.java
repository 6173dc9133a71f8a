package dev.otasim.engine.micropython;

import dev.otasim.boot.BootEngine;
import dev.otasim.boot.BootSettings;
import dev.otasim.boot.RunResult;
import dev.otasim.stubs.machine.Board;
import dev.otasim.stubs.machine.Stop;
import dev.otasim.stubs.modules.deflate.DeflateModule;
import dev.otasim.stubs.modules.esp32.Esp32Module;
import dev.otasim.stubs.modules.machine.MachineModule;
import dev.otasim.stubs.modules.network.WlanModule;
import dev.otasim.stubs.modules.os.OsModule;
import dev.otasim.stubs.modules.socket.SocketModule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The real MicroPython VM as a {@link BootEngine}: a fresh wasm instance per boot, the same Java
 * stubs as the GraalPy engine behind the same shims, and the same endings: a reset or power cut
 * unwinds out of the VM at once (no except, no finally), the boot limit interrupts it.
 */
public final class MicroPythonEngine implements BootEngine {
  /** The engine; each boot has a VM of its own. */
  public static final MicroPythonEngine INSTANCE = new MicroPythonEngine();

  /**
   * The ESP32 port's first heap area (MICROPY_GC_INITIAL_HEAP_SIZE, spec §11): the board adds areas
   * beyond it from the IDF heap.
   */
  private static final int BOARD_INITIAL_AREA = 56 * 1024;

  /**
   * The VM's heap beyond the board's: the runtime and the shims live on it here, in flash on the
   * board. The VM's first heap area is this plus the board's first area.
   *
   * <p>The wasm build collects only between calls from the host (MICROPY_GC_SPLIT_HEAP_AUTO: it
   * cannot scan the wasm stack), and a boot is one call, so garbage is not collected during a boot.
   * When the first area is full the VM adds areas, each at most the board's largest free block (the
   * VM's own gc_try_add_heap, with gc_get_max_new_split patched to the board's value): one
   * allocation the board could not satisfy fails with the VM's own MemoryError, but the total is
   * not capped at the board's heap, since what the board would have collected is still there.
   */
  private static final int RUNTIME_HEAP = 64 * 1024;

  private MicroPythonEngine() {}

  /** Thrown out of a stub to unwind the VM when the board stops. */
  private static final class BoardOff extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BoardOff() {
      super("the board is off", null, false, false);
    }
  }

  /**
   * The boot thread's stack. Chicory runs each wasm call as JVM calls, so C recursion in the VM
   * (repr of a deeply nested list) used up a default JVM stack long before the VM's own check on
   * its C stack raised the board's RuntimeError; with this much the VM's check always comes first.
   * It is address space reserved, not memory used.
   */
  private static final long BOOT_STACK_BYTES = 1L << 30;

  /** Parses and compiles the VM once (seconds), so that no boot limit pays for it. */
  @Override
  public void warmUp() {
    MicroPythonVm.preload();
  }

  @Override
  public long stackBytes() {
    return BOOT_STACK_BYTES;
  }

  /**
   * A VM for one boot.
   *
   * @throws UnsupportedOperationException if the engine does not model the firmware
   */
  @Override
  public BootEngine.Session open(
      Board board, BootSettings settings, OutputStream console, SocketModule sockets) {
    ModuleTables.json(settings.firmware().toString()); // a firmware it cannot run fails here
    return new Session(board, settings, console, sockets);
  }

  private static final class Session implements BootEngine.Session {
    private final BootSettings settings;
    private final EngineHost engineHost;
    private final Bridge bridge;
    private final MicroPythonVm.Host host;
    private final Thread bootThread = Thread.currentThread();
    private MicroPythonVm vm;

    Session(Board board, BootSettings settings, OutputStream console, SocketModule sockets) {
      this.settings = settings;
      this.engineHost = new EngineHost(settings.firmware().toString());
      this.bridge =
          new Bridge()
              .with(0, engineHost)
              .with(1, new OsModule(board))
              .with(2, new MachineModule(board))
              .with(3, new WlanModule(board))
              .with(4, sockets)
              .with(5, new Esp32Module(board))
              .with(6, new DeflateModule(board));
      this.host =
          new MicroPythonVm.Host() {
            @Override
            public void console(byte[] bytes) {
              try {
                console.write(bytes);
                console.flush();
              } catch (IOException e) {
                // a live listener that fails must not end the simulation
              }
            }

            @Override
            public long ticksMs() {
              return board.clock().sinceBootMicros() / 1000;
            }

            @Override
            public double timeMs() {
              // the port's epoch is 1970; the board's clock counts from 2000
              return (board.clock().micros() / 1000) + 946_684_800_000.0;
            }

            @Override
            public Object call(List<Object> args) {
              return bridge.call(args);
            }
          };
    }

    @Override
    public RuntimeException off(Stop stop) {
      return new BoardOff();
    }

    @Override
    public void load() {
      vm =
          MicroPythonVm.start(
              host,
              RUNTIME_HEAP + Math.min(settings.heapBytes(), BOARD_INITIAL_AREA),
              settings.maxAllocBytes());
      vm.exec(EngineHost.resource(EngineHost.OWN + "loader.py"));
    }

    @Override
    public RunResult run(String file) {
      return RunResult.parse((String) vm.call(engineHost.run(), file));
    }

    /** Device code got hold of the port's js or jsffi modules: the board has no such module. */
    @Override
    public RunResult caught(RuntimeException e) {
      if (MicroPythonVm.PortModuleUsed.in(e) == null) {
        return null;
      }
      String error = MicroPythonVm.PortModuleUsed.boardError();
      host.console((error + "\n").getBytes(StandardCharsets.UTF_8));
      return RunResult.exception(error);
    }

    @Override
    public void interrupt() {
      throw new UnsupportedOperationException(
          "the board's prompt (otasim shell) runs on the GraalPy engine only");
    }

    @Override
    public void halt() {
      bootThread.interrupt();
    }

    @Override
    public void close(boolean clean) {
      Thread.interrupted(); // a limit that fired as the boot ended must not reach the caller
    }
  }
}
