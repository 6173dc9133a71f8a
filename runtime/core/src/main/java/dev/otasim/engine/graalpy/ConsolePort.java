package dev.otasim.engine.graalpy;

import dev.otasim.stubs.MicroPythonApi;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The serial console a context prints to: connected to the running boot's console, and to nothing
 * while the board is off. A context outlives its boots, so its {@code sys.stdout} must follow the
 * board; after a reset nothing reaches the console (DESIGN §4: the board is off from that instant).
 * A board's print never fails because nobody reads its UART: a host-side listener that throws loses
 * what it was sent, and device code never sees the host's IOException (GraalPy would raise it in
 * the guest as BrokenPipeError).
 */
public final class ConsolePort extends OutputStream {
  private volatile OutputStream target;

  ConsolePort() {}

  /**
   * What the context's sys.stdout and sys.stderr write (host/console.py), the bytes as a latin-1
   * string: past GraalPy's file descriptors, whose channel an interrupt closes.
   */
  @MicroPythonApi
  public void send(String latin1) {
    byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
    write(b, 0, b.length);
  }

  /** Sends what the context prints to {@code boot}'s console from now on. */
  void connect(OutputStream boot) {
    this.target = boot;
  }

  /** Drops everything printed from now on, until the next {@link #connect}. */
  void disconnect() {
    this.target = null;
  }

  @Override
  public void write(int b) {
    OutputStream t = target;
    if (t != null) {
      try {
        t.write(b);
      } catch (IOException e) {
        // the UART sent it; the host side that should have kept it failed
      }
    }
  }

  @Override
  public void write(byte[] b, int off, int len) {
    OutputStream t = target;
    if (t != null) {
      try {
        t.write(b, off, len);
      } catch (IOException e) {
        // the UART sent it; the host side that should have kept it failed
      }
    }
  }

  @Override
  public void flush() {
    OutputStream t = target;
    if (t != null) {
      try {
        t.flush();
      } catch (IOException e) {
        // as above
      }
    }
  }
}
