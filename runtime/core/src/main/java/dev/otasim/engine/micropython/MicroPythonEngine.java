package dev.otasim.engine.micropython;

import dev.otasim.device.BootLimit;
import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.SimulatorException;
import dev.otasim.stubs.journal.ResetCause;
import dev.otasim.stubs.machine.Board;
import dev.otasim.stubs.machine.Stop;
import dev.otasim.stubs.modules.esp32.Esp32Module;
import dev.otasim.stubs.modules.machine.MachineModule;
import dev.otasim.stubs.modules.network.WlanModule;
import dev.otasim.stubs.modules.os.OsModule;
import dev.otasim.stubs.modules.socket.SocketModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Boots a board on the real MicroPython VM: a fresh wasm instance per boot, the same Java stubs as
 * the GraalPy engine behind the same shims, boot.py then main.py from the flash, and the same
 * endings: a reset or power cut unwinds out of the VM at once (no except, no finally), the
 * wall-clock limit interrupts it.
 */
public final class MicroPythonEngine {
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "otasim-micropython-boot-limit");
            t.setDaemon(true);
            return t;
          });

  private static final Object HUNG = new Object();

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

  /** Parses and compiles the VM once (seconds), so that no boot limit pays for it. */
  public static void warmUp() {
    MicroPythonVm.preload();
  }

  /**
   * The boot thread's stack. Chicory runs each wasm call as JVM calls, so C recursion in the VM
   * (repr of a deeply nested list) used up a default JVM stack long before the VM's own check on
   * its C stack raised the board's RuntimeError; with this much the VM's check always comes first.
   */
  private static final long BOOT_STACK_BYTES = 1L << 30;

  /** One boot; the shell's prompt is not supported on this engine. */
  public static BootResult boot(
      Board board, DeviceConfig config, ResetCause cause, OutputStream live, Object prompt) {
    if (prompt != null) {
      throw new UnsupportedOperationException(
          "the board's prompt (otasim shell) runs on the GraalPy engine only");
    }
    warmUp();
    AtomicReference<Object> result = new AtomicReference<>();
    Thread boot =
        new Thread(
            null,
            () -> {
              try {
                result.set(bootHere(board, config, cause, live));
              } catch (RuntimeException | Error e) {
                result.set(e);
              }
            },
            "otasim-micropython-boot",
            BOOT_STACK_BYTES);
    boot.start();
    boolean interrupted = false;
    while (true) {
      try {
        boot.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the boot's own limit ends it; the caller's flag is kept for it
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Object r = result.get();
    if (r instanceof RuntimeException e) {
      throw e;
    }
    if (r instanceof Error e) {
      throw e;
    }
    return (BootResult) r;
  }

  private static BootResult bootHere(
      Board board, DeviceConfig config, ResetCause cause, OutputStream live) {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    AtomicReference<Object> ended = new AtomicReference<>();
    SocketModule sockets = new SocketModule(board);
    EngineHost engineHost = new EngineHost(config.firmware().toString());
    Bridge bridge =
        new Bridge()
            .with(0, engineHost)
            .with(1, new OsModule(board))
            .with(2, new MachineModule(board))
            .with(3, new WlanModule(board))
            .with(4, sockets)
            .with(5, new Esp32Module(board));
    board.bootStarted(
        cause,
        stop -> {
          ended.compareAndSet(null, stop);
          return new BoardOff();
        });
    MicroPythonVm.Host host =
        new MicroPythonVm.Host() {
          @Override
          public void console(byte[] bytes) {
            console.writeBytes(bytes);
            if (live != null) {
              try {
                live.write(bytes);
                live.flush();
              } catch (IOException e) {
                // a live listener that fails must not end the simulation
              }
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
    long limit = config.bootTimeLimit().toMillis();
    Thread self = Thread.currentThread();
    BootLimit.Watch limiter = null;
    BootOutcome outcome;
    String error = null;
    try {
      MicroPythonVm vm =
          MicroPythonVm.start(
              host,
              RUNTIME_HEAP + Math.min(config.heapBytes(), BOARD_INITIAL_AREA),
              config.maxAllocBytes());
      vm.exec(EngineHost.resource(EngineHost.OWN + "loader.py"));
      // the same limit as on GraalPy: the boot thread's CPU time, so that parallel test classes
      // and sweep threads on a busy machine do not end a working boot early
      limiter =
          BootLimit.watch(
              WATCHDOG,
              limit,
              () -> {
                if (ended.compareAndSet(null, HUNG)) {
                  sockets.closeAll();
                  self.interrupt();
                }
              });
      String result = (String) vm.call(engineHost.run(), "boot.py");
      if (result.equals("ok") || result.equals("absent")) {
        result = (String) vm.call(engineHost.run(), "main.py");
      }
      if (result.equals("exit")) {
        outcome = BootOutcome.SOFT_RESET;
      } else if (result.startsWith("exc:")) {
        outcome = BootOutcome.EXCEPTION;
        error = result.substring(4);
      } else {
        outcome = BootOutcome.RETURNED;
      }
      if (!ended.compareAndSet(null, outcome)) {
        outcome = outcomeOf(ended.get());
      }
    } catch (RuntimeException e) {
      if (MicroPythonVm.PortModuleUsed.in(e) != null
          && ended.compareAndSet(null, BootOutcome.EXCEPTION)) {
        // device code got hold of js or jsffi: the board has no such module
        error = MicroPythonVm.PortModuleUsed.boardError();
        host.console((error + "\n").getBytes(StandardCharsets.UTF_8));
      }
      if (ended.get() == null) {
        if (e instanceof WasmArtifact.MissingWasmException
            || e instanceof UnsupportedOperationException) {
          throw e;
        }
        throw new SimulatorException(
            "the MicroPython engine failed during boot " + board.boots() + ": " + e, e);
      }
      outcome = outcomeOf(ended.get());
    } finally {
      if (limiter != null) {
        limiter.cancel();
      }
      Thread.interrupted(); // a limit that fired as the boot ended must not reach the caller
      sockets.closeAll();
    }
    outcome.settle(board, error, limit);
    return new BootResult(
        board.boots(), cause, outcome, console.toString(StandardCharsets.UTF_8), error);
  }

  private static BootOutcome outcomeOf(Object why) {
    if (why == HUNG) {
      return BootOutcome.HUNG;
    }
    if (why instanceof BootOutcome o) {
      return o;
    }
    return BootOutcome.of((Stop) why);
  }
}
