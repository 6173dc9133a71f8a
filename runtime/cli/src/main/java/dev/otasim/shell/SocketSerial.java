package dev.otasim.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/**
 * The board's serial port as a TCP port on the loopback interface: one client at a time is the
 * other end of the cable. A client that disconnects leaves the board as it is (a serial cable
 * pulled out does not reset the board); the next client to connect finds it there. Bytes the board
 * writes while no client is connected are lost, as on a serial line nobody listens to.
 *
 * <p>Only the loopback interface listens: whoever connects runs code on the simulated board.
 */
public final class SocketSerial implements AutoCloseable {
  private final ServerSocket server;
  private final Object lock = new Object();
  private Socket current;

  private SocketSerial(ServerSocket server) {
    this.server = server;
  }

  /**
   * Listens on {@code port} of the loopback interface; 0 picks a free port ({@link #port()}).
   *
   * @throws IllegalArgumentException when the port is taken or out of range, saying so
   */
  public static SocketSerial listen(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "--socket " + port + " is not a TCP port; give one from 1 to 65535 (0 picks a free one)");
    }
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return new SocketSerial(s);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot listen on localhost:" + port + " (" + e.getMessage() + "); pick another port", e);
    }
  }

  /** The port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** What clients send, one connection after the other; -1 once {@link #close()} was called. */
  public InputStream input() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        while (true) {
          Socket s = connection();
          if (s == null) {
            return -1;
          }
          int c;
          try {
            c = s.getInputStream().read();
          } catch (SocketException e) {
            c = -1;
          }
          if (c >= 0) {
            return c;
          }
          drop(s);
        }
      }
    };
  }

  /** What the board sends, to the client connected now (nobody: the bytes are lost). */
  public OutputStream output() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        Socket s;
        synchronized (lock) {
          s = current;
        }
        if (s == null) {
          return;
        }
        try {
          s.getOutputStream().write(b, off, len);
          s.getOutputStream().flush();
        } catch (IOException e) {
          drop(s);
        }
      }
    };
  }

  /** The client connected now, waiting for one if none is; {@code null} once closed. */
  private Socket connection() {
    synchronized (lock) {
      if (current != null) {
        return current;
      }
    }
    try {
      Socket s = server.accept();
      s.setTcpNoDelay(true);
      synchronized (lock) {
        current = s;
      }
      return s;
    } catch (IOException e) {
      if (server.isClosed()) {
        return null;
      }
      throw new UncheckedIOException("the serial port's socket failed", e);
    }
  }

  private void drop(Socket s) {
    synchronized (lock) {
      if (current == s) {
        current = null;
      }
    }
    try {
      s.close();
    } catch (IOException e) {
      // closing a broken connection: nothing more to do
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // nothing left to do with a socket that will not close
    }
    Socket s;
    synchronized (lock) {
      s = current;
    }
    if (s != null) {
      drop(s);
    }
  }
}
