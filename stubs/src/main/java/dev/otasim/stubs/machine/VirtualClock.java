package dev.otasim.stubs.machine;

/**
 * The board's sense of time. {@code time.sleep} advances it instantly, so a boot that sleeps an
 * hour takes microseconds.
 *
 * <p>Three readings (spec §20.2): the time since power-on ({@link #micros()}, what Wi-Fi timings
 * use), the tick counters since the current boot ({@link #sinceBootMicros()}), and the RTC ({@link
 * #rtcMicros()}, seconds since 2000-01-01, what {@code time.time()} and file mtimes read). The RTC
 * runs on across {@code machine.reset()}, soft resets and deep sleep, jumps when {@code
 * ntptime.settime()} or {@code machine.RTC().datetime(...)} set it, and restarts at 2000-01-01 when
 * power is lost.
 */
public final class VirtualClock {
  /**
   * Virtual time one reading of the clock or poll of the radio takes. Without it a busy loop such
   * as {@code while not wlan.isconnected(): pass} would never see time pass and would hang, while
   * on the board each iteration takes tens of microseconds.
   */
  public static final long POLL_MICROS = 100;

  /** Virtual time one poll of the Wi-Fi driver ({@code isconnected()}, {@code status()}) takes. */
  public static final long RADIO_POLL_MICROS = 1000;

  private long upMicros;
  private long bootStartMicros;
  private long rtcOffsetMicros;
  private long worldMicros;

  /** A clock whose RTC reads 2000-01-01 00:00:00 at power-on. */
  public VirtualClock() {
    this(0);
  }

  /**
   * A clock whose RTC reads {@code rtcSeconds} (since 2000-01-01) at the first power-on, as when a
   * tool such as Thonny or {@code mpremote} set it while copying files onto the board.
   */
  public VirtualClock(long rtcSeconds) {
    this.rtcOffsetMicros = rtcSeconds * 1_000_000L;
  }

  /** The clock's whole state, as a sweep saves it at the start of a boot. */
  public record Reading(
      long upMicros, long bootStartMicros, long rtcOffsetMicros, long worldMicros) {}

  /** Saves the clock's state. */
  public synchronized Reading reading() {
    return new Reading(upMicros, bootStartMicros, rtcOffsetMicros, worldMicros);
  }

  /** Sets the clock back to a saved state. */
  public synchronized void restore(Reading reading) {
    upMicros = reading.upMicros();
    bootStartMicros = reading.bootStartMicros();
    rtcOffsetMicros = reading.rtcOffsetMicros();
    worldMicros = reading.worldMicros();
  }

  /** RTC seconds since 2000-01-01, as {@code time.time()} returns them. */
  public synchronized long seconds() {
    return Math.floorDiv(rtcMicros(), 1_000_000L);
  }

  /** RTC microseconds since 2000-01-01. */
  public synchronized long rtcMicros() {
    return upMicros + rtcOffsetMicros;
  }

  /** Sets the RTC ({@code machine.RTC().datetime(...)}, {@code ntptime.settime()}). */
  public synchronized void setRtcMicros(long micros) {
    rtcOffsetMicros = micros - upMicros;
  }

  /** Microseconds since power-on; never jumps. */
  public synchronized long micros() {
    return upMicros;
  }

  /** Microseconds of virtual time since the simulation began, across power cuts (NTP servers). */
  public synchronized long worldMicros() {
    return worldMicros;
  }

  /** Microseconds since the current boot started. */
  public synchronized long sinceBootMicros() {
    return upMicros - bootStartMicros;
  }

  /** Advances time; negative values are ignored as {@code time.sleep(-1)} returns at once. */
  public synchronized void advanceMicros(long micros) {
    if (micros > 0) {
      upMicros += micros;
      worldMicros += micros;
    }
  }

  /** A boot starts: the tick counters restart. */
  public synchronized void bootStarted() {
    bootStartMicros = upMicros;
  }

  /** Power is gone: the RTC restarts at the epoch, the uptime at zero. */
  public synchronized void powerLost() {
    upMicros = 0;
    bootStartMicros = 0;
    rtcOffsetMicros = 0;
  }

  /** What it is, for a shell or a debugger: the time since power-on. */
  @Override
  public synchronized String toString() {
    return "VirtualClock(up " + upMicros / 1000 + " ms)";
  }
}
