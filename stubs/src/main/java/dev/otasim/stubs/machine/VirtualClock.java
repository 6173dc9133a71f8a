package dev.otasim.stubs.machine;

/**
 * The board's sense of time. {@code time.sleep} advances it instantly, so a boot that sleeps an
 * hour takes microseconds. The RTC counts from 2000-01-01 (the ESP32 epoch, no NTP) since power-on
 * and survives resets; the tick counters restart at every boot.
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

  private long rtcMicros;
  private long bootStartMicros;

  /** The clock's whole state: the RTC and where the current boot's ticks started. */
  public record Reading(long rtcMicros, long bootStartMicros) {}

  /** Saves the clock's state. */
  public synchronized Reading reading() {
    return new Reading(rtcMicros, bootStartMicros);
  }

  /** Sets the clock back to a saved state. */
  public synchronized void restore(Reading reading) {
    rtcMicros = reading.rtcMicros();
    bootStartMicros = reading.bootStartMicros();
  }

  /** Seconds since 2000-01-01, as {@code time.time()} returns them. */
  public synchronized long seconds() {
    return rtcMicros / 1_000_000L;
  }

  /** Microseconds since 2000-01-01. */
  public synchronized long micros() {
    return rtcMicros;
  }

  /** Microseconds since the current boot started. */
  public synchronized long sinceBootMicros() {
    return rtcMicros - bootStartMicros;
  }

  /** Advances time; negative values are ignored as {@code time.sleep(-1)} returns at once. */
  public synchronized void advanceMicros(long micros) {
    if (micros > 0) {
      rtcMicros += micros;
    }
  }

  /** A boot starts: the tick counters restart. */
  public synchronized void bootStarted() {
    bootStartMicros = rtcMicros;
  }

  /** Power is gone: the RTC restarts at the epoch. */
  public synchronized void powerLost() {
    rtcMicros = 0;
    bootStartMicros = 0;
  }
}
