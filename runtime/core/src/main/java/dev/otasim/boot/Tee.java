package dev.otasim.boot;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes every byte to two streams: a boot's console record and a live listener, or the timeline's
 * line splitter and the terminal. The second may be {@code null}; only it is flushed.
 */
public final class Tee extends OutputStream {
  private final OutputStream a;
  private final OutputStream b;

  public Tee(OutputStream a, OutputStream b) {
    this.a = a;
    this.b = b;
  }

  @Override
  public void write(int c) throws IOException {
    a.write(c);
    if (b != null) {
      b.write(c);
    }
  }

  @Override
  public void write(byte[] buf, int off, int len) throws IOException {
    a.write(buf, off, len);
    if (b != null) {
      b.write(buf, off, len);
    }
  }

  @Override
  public void flush() throws IOException {
    if (b != null) {
      b.flush();
    }
  }
}
