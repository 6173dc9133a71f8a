package dev.otasim.github;

import dev.otasim.stubs.net.ServerSilence;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.OptionalLong;

/**
 * A server's end of one connection that counts the bytes it moves and knows when it is silent on
 * purpose, for {@link Silences}.
 *
 * <p>A silence holds only while the client has received every byte the server wrote: bytes on the
 * way, or owed by a server the machine has not scheduled yet, are no silence.
 */
final class WatchedSocket extends Socket {
  private final Silences silences;
  private long written;
  private long read;
  private boolean reading;
  private boolean stalled;
  private long pauseNanos;

  WatchedSocket(Silences silences) {
    this.silences = silences;
  }

  /** Called once accepted: from now on the device can ask about this connection. */
  void register() {
    silences.opened(this);
  }

  /** The server will never answer the request it has read (a {@link NetworkFault.Stall}). */
  synchronized void stall() {
    stalled = true;
  }

  /**
   * Sleeps {@code nanos} between two writes, known as a silence of that length meanwhile; a close
   * (the fake GitHub shutting down) ends it early.
   */
  void pause(long nanos) throws InterruptedException {
    synchronized (this) {
      pauseNanos = nanos;
    }
    try {
      long end = System.nanoTime() + nanos;
      for (long left = nanos; left > 0 && !isClosed(); left = end - System.nanoTime()) {
        long slice = Math.min(left, 10_000_000L);
        Thread.sleep(slice / 1_000_000L, (int) (slice % 1_000_000L));
      }
    } finally {
      synchronized (this) {
        pauseNanos = 0;
      }
    }
  }

  /** See {@link dev.otasim.stubs.net.ServerSilence#silence}. */
  synchronized OptionalLong silence(long clientSent, long clientReceived) {
    if (clientReceived != written) {
      return OptionalLong.empty();
    }
    if (stalled) {
      return OptionalLong.of(ServerSilence.FOREVER);
    }
    if (pauseNanos > 0) {
      return OptionalLong.of((pauseNanos + 999_999L) / 1_000_000L);
    }
    if (reading && read == clientSent) {
      return OptionalLong.of(
          ServerSilence.FOREVER); // it waits for the client, as the client waits for it
    }
    return OptionalLong.empty();
  }

  @Override
  public InputStream getInputStream() throws IOException {
    return new FilterInputStream(super.getInputStream()) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        synchronized (WatchedSocket.this) {
          reading = true;
        }
        int n = 0;
        try {
          n = super.read(b, off, len);
          return n;
        } finally {
          synchronized (WatchedSocket.this) {
            reading = false;
            read += Math.max(n, 0);
          }
        }
      }
    };
  }

  @Override
  public OutputStream getOutputStream() throws IOException {
    return new FilterOutputStream(super.getOutputStream()) {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        synchronized (WatchedSocket.this) {
          written += len;
        }
      }
    };
  }

  @Override
  public void close() throws IOException {
    silences.closed(this);
    super.close();
  }
}
