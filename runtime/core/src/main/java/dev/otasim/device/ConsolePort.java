package dev.otasim.device;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The serial console a context prints to: connected to the running boot's console, and to nothing
 * while the board is off. A context outlives its boots, so its {@code sys.stdout} must follow the
 * board; after a reset nothing reaches the console (DESIGN §4: the board is off from that instant).
 */
final class ConsolePort extends OutputStream {
  private volatile OutputStream target;

  /** Sends what the context prints to {@code boot}'s console from now on. */
  void connect(OutputStream boot) {
    this.target = boot;
  }

  /** Drops everything printed from now on, until the next {@link #connect}. */
  void disconnect() {
    this.target = null;
  }

  @Override
  public void write(int b) throws IOException {
    OutputStream t = target;
    if (t != null) {
      t.write(b);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    OutputStream t = target;
    if (t != null) {
      t.write(b, off, len);
    }
  }

  @Override
  public void flush() throws IOException {
    OutputStream t = target;
    if (t != null) {
      t.flush();
    }
  }
}
