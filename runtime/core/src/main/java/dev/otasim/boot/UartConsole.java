package dev.otasim.boot;

import dev.otasim.report.Count;
import dev.otasim.stubs.machine.VirtualClock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The board's serial console (UART0): every byte costs virtual time at the configured baud rate (8
 * data bits, a start and a stop bit), and the host keeps a bounded part of a boot's output: the
 * beginning, and the end, where a traceback usually is. What falls between is summarised as "N
 * bytes not kept", so a print loop can neither flood the host's memory nor print faster than the
 * board's UART would.
 */
public final class UartConsole extends OutputStream {
  /** Bits on the wire per byte: start, 8 data, stop (8N1). */
  private static final int BITS_PER_BYTE = 10;

  private final VirtualClock clock;
  private final OutputStream out;
  private final int baud;
  private final long headLimit;
  private final byte[] tail;
  private long written;
  private long tailCount;
  private long nanosOwed;

  /**
   * A console.
   *
   * @param keepBytes how much of a boot's output the host keeps, head and tail together
   */
  public UartConsole(VirtualClock clock, int baud, int keepBytes, OutputStream out) {
    this.clock = clock;
    this.out = out;
    this.baud = baud;
    int tailBytes = Math.min(keepBytes / 4, 16 * 1024);
    this.headLimit = keepBytes - tailBytes;
    this.tail = new byte[tailBytes];
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] buf, int off, int len) throws IOException {
    charge(len);
    int direct = (int) Math.max(0, Math.min(len, headLimit - written));
    if (direct > 0) {
      out.write(buf, off, direct);
    }
    for (int i = direct; i < len; i++) {
      if (tail.length > 0) {
        tail[(int) (tailCount % tail.length)] = buf[off + i];
      }
      tailCount++;
    }
    written += len;
  }

  /** The UART takes {@code 10 / baud} seconds a byte; the clock moves by whole microseconds. */
  private void charge(int len) {
    nanosOwed += len * (BITS_PER_BYTE * 1_000_000_000L / baud);
    long micros = nanosOwed / 1000;
    nanosOwed -= micros * 1000;
    clock.advanceMicros(micros);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** The boot is over: writes the summary of what was not kept, then the kept tail. */
  public synchronized void finish() throws IOException {
    if (tailCount == 0) {
      return;
    }
    int kept = (int) Math.min(tailCount, tail.length);
    long dropped = tailCount - kept;
    if (dropped > 0) {
      out.write(
          ("\n[otasim: " + Count.of(dropped, "byte") + " not kept]\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    int start = (int) ((tailCount - kept) % Math.max(1, tail.length));
    for (int i = 0; i < kept; i++) {
      out.write(tail[(start + i) % tail.length]);
    }
    out.flush();
  }
}
