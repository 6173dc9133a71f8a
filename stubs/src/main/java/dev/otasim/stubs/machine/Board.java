package dev.otasim.stubs.machine;

import dev.otasim.stubs.Errno;
import dev.otasim.stubs.MicroPythonError;
import dev.otasim.stubs.flash.Flash;
import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.journal.Journal;
import dev.otasim.stubs.journal.ResetCause;
import dev.otasim.stubs.net.Network;
import dev.otasim.stubs.ota.Ota;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The simulated ESP32's hardware: what survives from one boot to the next (flash, RTC, Wi-Fi
 * association, the journal) and the reset line that ends a boot. The per-boot module objects
 * ({@code OsModule}, {@code SocketModule}, …) all work on one board.
 */
public final class Board {
  private final Flash flash;
  private final Journal journal = new Journal();
  private final VirtualClock clock;
  private final Network network;
  private final byte[] uniqueId;
  private final int heapBytes;
  private volatile int maxAllocBytes;
  private volatile int maxSockets = DEFAULT_MAX_SOCKETS;
  private volatile Ota ota = new Ota(Ota.Image.GENERIC);
  private final List<String> diagnostics = new ArrayList<>();
  private volatile ResetLine resetLine = stop -> new IllegalStateException("no boot is running");
  private ResetCause resetCause = ResetCause.PWRON;
  private int boots;
  private long watchdogDeadlineMicros = -1;
  private volatile EffectHook effectHook;
  private volatile Stop offBy;

  /** Sees every side effect just before it happens: where tests and sweeps inject faults. */
  @FunctionalInterface
  public interface EffectHook {
    /**
     * Called before the effect that would become journal event {@code index}.
     *
     * @param event the effect about to happen
     * @throws MicroPythonError to make the effect fail with that error instead of happening
     */
    void before(int index, Event event);
  }

  /**
   * A board.
   *
   * @param flash the file system, already holding whatever was flashed onto it
   * @param clock the RTC and tick source; the flash's mtimes should use the same clock
   * @param network DNS, routes and access points the board can reach
   * @param uniqueId what {@code machine.unique_id()} returns (6 bytes, the base MAC)
   * @param heapBytes the Python heap, for {@code gc.mem_free()}
   */
  public Board(Flash flash, VirtualClock clock, Network network, byte[] uniqueId, int heapBytes) {
    this.flash = Objects.requireNonNull(flash, "flash");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.network = Objects.requireNonNull(network, "network");
    this.uniqueId = uniqueId.clone();
    this.heapBytes = heapBytes;
    this.maxAllocBytes = Math.min(DEFAULT_MAX_ALLOC_BYTES, heapBytes);
  }

  /** The largest single allocation a fresh board can make (spec §15: plan on ~40 KB). */
  public static final int DEFAULT_MAX_ALLOC_BYTES = 40_000;

  /**
   * The largest block the heap can hand out at once: a bigger {@code bytes} (a response body, a
   * file read whole) raises {@code MemoryError} (spec §11).
   */
  public int maxAllocBytes() {
    return maxAllocBytes;
  }

  /** Sets {@link #maxAllocBytes()}; the default is 40000 or the heap, whichever is smaller. */
  public Board setMaxAllocBytes(int bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("maxAllocBytes (" + bytes + ") must be positive");
    }
    this.maxAllocBytes = bytes;
    return this;
  }

  /**
   * lwIP's socket table on the ESP32_GENERIC build: ports/esp32/boards/sdkconfig.base leaves
   * CONFIG_LWIP_MAX_SOCKETS at ESP-IDF's default of 10 (only the small-RAM boards'
   * sdkconfig.free_ram lowers it to 6).
   */
  public static final int DEFAULT_MAX_SOCKETS = 10;

  /** How many sockets can be open at once; one more raises {@code OSError(23)} (ENFILE). */
  public int maxSockets() {
    return maxSockets;
  }

  /** Sets {@link #maxSockets()}; the default is 10, as the ESP32_GENERIC build has. */
  public Board setMaxSockets(int sockets) {
    if (sockets <= 0) {
      throw new IllegalArgumentException("maxSockets (" + sockets + ") must be positive");
    }
    this.maxSockets = sockets;
    return this;
  }

  /**
   * The other end of the board's UART as device code reads and writes it ({@code sys.stdin}, {@code
   * sys.stdout.buffer}, {@code micropython.kbd_intr}), when a serial line is attached (the shell's
   * socket); mpremote's {@code mount} speaks its file protocol over it while code runs.
   */
  public interface SerialLine {
    /** Up to {@code max} bytes, at least one, waiting for them; none once the line ended. */
    byte[] read(int max);

    /** Sends bytes as they are (a binary stream is not cooked to {@code \r\n}). */
    void write(byte[] bytes);

    /** The character that raises KeyboardInterrupt while code runs: 3, or -1 for none. */
    void interruptChar(int c);
  }

  private volatile SerialLine serialLine;

  /** Attaches a serial line (or detaches it with {@code null}). */
  public Board setSerialLine(SerialLine line) {
    this.serialLine = line;
    return this;
  }

  /** The attached serial line, or {@code null}: stdin is then at its end. */
  public SerialLine serialLine() {
    return serialLine;
  }

  /** Partitions, app slots and otadata ({@code esp32.Partition}); survives boots. */
  public Ota ota() {
    return ota;
  }

  /** Flashes the board with another partition table, e.g. the OTA-capable image. */
  public Board useImage(Ota.Image image) {
    this.ota = new Ota(image);
    return this;
  }

  public Flash flash() {
    return flash;
  }

  public Journal journal() {
    return journal;
  }

  public VirtualClock clock() {
    return clock;
  }

  public Network network() {
    return network;
  }

  public byte[] uniqueId() {
    return uniqueId.clone();
  }

  public int heapBytes() {
    return heapBytes;
  }

  /** Why the current boot started. */
  public synchronized ResetCause resetCause() {
    return resetCause;
  }

  /** How many boots have started. */
  public synchronized int boots() {
    return boots;
  }

  /**
   * A boot begins: counts it, records it in the journal, restarts the tick counter.
   *
   * @param cause what {@code machine.reset_cause()} will report
   * @param line the reset line for this boot
   */
  public synchronized void bootStarted(ResetCause cause, ResetLine line) {
    boots++;
    resetCause = cause;
    resetLine = Objects.requireNonNull(line, "line");
    offBy = null;
    if (cause != ResetCause.SOFT) {
      // Only a soft reset keeps the watchdog and the Wi-Fi association (spec §6).
      watchdogDeadlineMicros = -1;
      if (boots > 1) {
        ota.hardReset(); // the bootloader runs: otadata, rollback
      }
      network.hardReset();
    }
    clock.bootStarted();
    journal.record(new Event.Boot(boots, cause));
  }

  /** Power is gone: pending file data, Wi-Fi, the RTC. */
  public synchronized void powerLost() {
    flash.dropOpenFiles();
    network.hardReset();
    clock.powerLost();
  }

  /**
   * Ends the current boot from inside a stub.
   *
   * @return never returns normally; declared so callers can write {@code throw board.stop(..)}
   */
  public RuntimeException stop(Stop stop) {
    if (offBy == null) {
      offBy = stop;
    }
    throw resetLine.pull(stop);
  }

  /**
   * Whether the board is off: a stub stopped the boot, and the next has not started. An off board
   * refuses every effect (DESIGN §4: nothing after a reset reaches the flash or the network).
   */
  public boolean isOff() {
    return offBy != null;
  }

  /**
   * Runs a side effect: checks for a scheduled power cut first, then performs {@code op} and
   * records {@code event}, or records the attempt as failed and rethrows.
   */
  public <T> T effect(Event event, Supplier<T> op) {
    checkpoint(); // refuses, too, when the board is off
    EffectHook hook = effectHook;
    T result;
    try {
      // A hook may fail the effect (a fault): then it is journaled as a failed attempt.
      if (hook != null) {
        hook.before(journal.size(), event);
      }
      result = op.get();
    } catch (MicroPythonError e) {
      journal.record(new Event.Failed(event, Errno.line(e)));
      throw e;
    }
    journal.record(event);
    return result;
  }

  /** {@link #effect(Event, Supplier)} for operations without a result. */
  public void effect(Event event, Runnable op) {
    effect(
        event,
        () -> {
          op.run();
          return null;
        });
  }

  /** Installs the hook that sees every effect before it happens; {@code null} removes it. */
  public void setEffectHook(EffectHook hook) {
    this.effectHook = hook;
  }

  /** Checks for a scheduled power cut before an effect that is recorded later. */
  public void checkpoint() {
    Stop off = offBy;
    if (off != null) {
      throw resetLine.pull(off);
    }
    try {
      journal.checkpoint();
    } catch (Journal.PowerFailure cut) {
      throw stop(Stop.POWER_CUT);
    }
  }

  /** Arms or feeds the watchdog: it fires when virtual time passes the deadline. */
  public synchronized void feedWatchdog(long timeoutMillis) {
    watchdogDeadlineMicros = clock.sinceBootMicros() + timeoutMillis * 1000L;
  }

  /** Advances virtual time, firing the watchdog if it expires on the way. */
  public void sleepMicros(long micros) {
    long deadline;
    synchronized (this) {
      deadline = watchdogDeadlineMicros;
    }
    if (deadline >= 0 && clock.sinceBootMicros() + micros > deadline) {
      clock.advanceMicros(deadline - clock.sinceBootMicros());
      throw stop(Stop.WATCHDOG);
    }
    clock.advanceMicros(micros);
  }

  /**
   * Everything the board carries from one boot into the next, saved between boots: the flash's
   * committed content, the RTC, the station's state, partitions and otadata, the journal, the boot
   * counter, the watchdog and the diagnostics. A sweep restores it to start a run at a later boot
   * instead of replaying the boots before it.
   */
  public record Snapshot(
      Flash.Snapshot flash,
      VirtualClock.Reading clock,
      Network.Station station,
      Ota ota,
      List<Event> events,
      List<String> diagnostics,
      ResetCause resetCause,
      int boots,
      long watchdogDeadlineMicros) {}

  /** Saves the board's state between boots; see {@link Snapshot}. */
  public synchronized Snapshot snapshot() {
    return new Snapshot(
        flash.snapshot(),
        clock.reading(),
        network.station(),
        ota.copy(),
        journal.events(),
        List.copyOf(diagnostics),
        resetCause,
        boots,
        watchdogDeadlineMicros);
  }

  /**
   * Puts the board back in a saved state between boots. What configures the board or arms a fault
   * (the network's hosts, routes and access points, the effect hook, the journal's cut point) is
   * kept: restore a fresh board of the same configuration, then run.
   */
  public synchronized void restore(Snapshot saved) {
    flash.restore(saved.flash());
    clock.restore(saved.clock());
    network.restore(saved.station());
    ota = saved.ota().copy();
    journal.restore(saved.events());
    diagnostics.clear();
    diagnostics.addAll(saved.diagnostics());
    resetCause = saved.resetCause();
    boots = saved.boots();
    watchdogDeadlineMicros = saved.watchdogDeadlineMicros();
  }

  /** Notes something a user should know about the run (an unknown host, say). */
  public synchronized void diagnose(String message) {
    diagnostics.add(message);
  }

  /** What the stubs noted during the run, in order. */
  public synchronized List<String> diagnostics() {
    return List.copyOf(diagnostics);
  }

  /**
   * What it is, for a shell or a debugger: {@code Board(boot 2, reset cause HARD, heap 110000 B)}.
   */
  @Override
  public synchronized String toString() {
    return "Board(boot " + boots + ", reset cause " + resetCause + ", heap " + heapBytes + " B)";
  }
}
