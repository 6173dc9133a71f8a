package dev.otasim.stubs.modules.machine;

import dev.otasim.stubs.MicroPythonApi;
import dev.otasim.stubs.MicroPythonError;
import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.journal.ResetCause;
import dev.otasim.stubs.machine.Board;
import dev.otasim.stubs.machine.Stop;
import dev.otasim.stubs.machine.VirtualClock;
import java.nio.charset.StandardCharsets;

/**
 * {@code machine} (ports/esp32/modmachine.c; spec §5): resets, reset cause, identity, frequency,
 * the watchdog, and the virtual clock behind {@code time}.
 */
public final class MachineModule {
  private final Board board;
  private int freq = 160_000_000;
  private long wdtTimeoutMillis = -1;

  public MachineModule(Board board) {
    this.board = board;
  }

  /**
   * {@code sys.stdin}'s bytes (latin-1, one char per byte): up to {@code max}, at least one,
   * waiting for them; {@code ""} at the end, or when no serial line is attached.
   */
  @MicroPythonApi
  public String stdin_read(int max) {
    Board.SerialLine line = board.serialLine();
    if (line == null || max <= 0) {
      return "";
    }
    return new String(line.read(max), StandardCharsets.ISO_8859_1);
  }

  /**
   * {@code sys.stdout.buffer.write}: the bytes as they are, on the serial line.
   *
   * @return false when no serial line is attached (the shim then prints them)
   */
  @MicroPythonApi
  public boolean stdout_write(String latin1) {
    Board.SerialLine line = board.serialLine();
    if (line == null) {
      return false;
    }
    line.write(latin1.getBytes(StandardCharsets.ISO_8859_1));
    return true;
  }

  /** {@code micropython.kbd_intr(c)}: which byte on the serial line is Ctrl-C (-1: none). */
  @MicroPythonApi
  public void kbd_intr(int c) {
    Board.SerialLine line = board.serialLine();
    if (line != null) {
      line.interruptChar(c);
    }
  }

  /** {@code machine.reset()}: journaled, then the boot ends; it never returns. */
  @MicroPythonApi
  public void reset() {
    board.checkpoint();
    board.journal().record(new Event.Reset(ResetCause.HARD));
    throw board.stop(Stop.HARD_RESET);
  }

  /** {@code machine.deepsleep(ms)}: time passes, then the board wakes with a reset. */
  @MicroPythonApi
  public void deepsleep(long millis) {
    board.checkpoint();
    board.journal().record(new Event.Reset(ResetCause.DEEPSLEEP));
    board.clock().advanceMicros(Math.max(0, millis) * 1000L);
    throw board.stop(Stop.DEEPSLEEP);
  }

  @MicroPythonApi
  public int reset_cause() {
    return board.resetCause().code();
  }

  /** The 6-byte base MAC as a latin-1 string. */
  @MicroPythonApi
  public String unique_id() {
    return new String(board.uniqueId(), StandardCharsets.ISO_8859_1);
  }

  @MicroPythonApi
  public int freq() {
    return freq;
  }

  /** Only 20, 40, 80, 160 and 240 MHz exist on the ESP32. */
  @MicroPythonApi
  public void freq(int hz) {
    // ports/esp32/modmachine.c compares whole megahertz: 240_500_000 is 240 MHz
    int mhz = hz / 1_000_000;
    if (mhz != 20 && mhz != 40 && mhz != 80 && mhz != 160 && mhz != 240) {
      throw MicroPythonError.value("frequency must be 20MHz, 40MHz, 80Mhz, 160MHz or 240MHz");
    }
    freq = mhz * 1_000_000;
  }

  /** {@code machine.WDT(timeout=ms)}: arms the task watchdog (it cannot be stopped). */
  @MicroPythonApi
  public void wdt(long timeoutMillis) {
    if (timeoutMillis <= 0) {
      throw MicroPythonError.value("WDT timeout too short");
    }
    wdtTimeoutMillis = timeoutMillis;
    board.feedWatchdog(timeoutMillis);
  }

  @MicroPythonApi
  public void wdt_feed() {
    if (wdtTimeoutMillis > 0) {
      board.feedWatchdog(wdtTimeoutMillis);
    }
  }

  // ---------------------------------------------------------------- time

  /** Microseconds since 2000-01-01 on the RTC. */
  @MicroPythonApi
  public long rtc_us() {
    board.clock().advanceMicros(VirtualClock.POLL_MICROS);
    return board.clock().rtcMicros();
  }

  /** Sets the RTC ({@code machine.RTC().datetime(t)}, {@code ntptime.settime()}). */
  @MicroPythonApi
  public void rtc_set_us(long micros) {
    board.clock().setRtcMicros(micros);
  }

  /** Microseconds since this boot started. */
  @MicroPythonApi
  public long ticks_us() {
    board.clock().advanceMicros(VirtualClock.POLL_MICROS);
    return board.clock().sinceBootMicros();
  }

  /** Sleeps in virtual time: returns at once, the clock jumps. */
  @MicroPythonApi
  public void sleep_us(long micros) {
    board.sleepMicros(micros);
  }

  // ---------------------------------------------------------------- gc

  @MicroPythonApi
  public int heap_bytes() {
    return board.heapBytes();
  }

  /** The largest single allocation the heap can satisfy (spec §11, §15). */
  @MicroPythonApi
  public int max_alloc_bytes() {
    return board.maxAllocBytes();
  }
}
