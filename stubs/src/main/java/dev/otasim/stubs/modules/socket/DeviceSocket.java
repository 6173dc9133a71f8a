package dev.otasim.stubs.modules.socket;

import dev.otasim.stubs.Errno;
import dev.otasim.stubs.MicroPythonApi;
import dev.otasim.stubs.MicroPythonError;
import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.machine.Board;
import dev.otasim.stubs.net.ServerSilence;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * One lwIP TCP socket of the board, carried by a real loopback socket to the fake server. Bytes
 * cross the Python boundary as latin-1 strings (one char per byte; DESIGN §9).
 *
 * <p>It also watches the HTTP it carries, so the journal shows each request with the status the
 * device read back, and TLS is a pass-through that records the server name (the fake GitHub speaks
 * plain HTTP on loopback).
 */
public final class DeviceSocket {
  static final int EBADF = Errno.EBADF;
  static final int EAGAIN = Errno.EAGAIN;
  static final int ECONNRESET = Errno.ECONNRESET;
  static final int ECONNREFUSED = Errno.ECONNREFUSED;
  static final int ECONNABORTED = Errno.ECONNABORTED;
  static final int ETIMEDOUT = Errno.ETIMEDOUT;
  static final int ENOTCONN = Errno.ENOTCONN;

  /**
   * How long a read waits in real time before it counts as a virtual timeout when no server gives
   * an account of its silences ({@link ServerSilence#UNKNOWN}): a server on loopback that has sent
   * nothing by then is taken to be stalled.
   */
  static final int STALL_MILLIS = 1500;

  /** How often a waiting read asks the server whether it is silent on purpose. */
  static final int POLL_MILLIS = 50;

  /**
   * How long a read or connect waits in real time for a server that owes bytes, or a listener that
   * has not accepted yet, before it gives up: only a machine far too busy, or a server that hangs,
   * gets there.
   */
  static final int GIVE_UP_MILLIS = 60_000;

  private final Board board;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private boolean closed;
  private long timeoutMillis = -1;
  private String host;
  private int port;
  private boolean tls;
  private int linkGeneration;
  private long sentBytes;
  private long receivedBytes;
  private final HttpWatch watch = new HttpWatch();

  DeviceSocket(Board board) {
    this.board = board;
  }

  /** Connects to an address from {@code getaddrinfo}. */
  @MicroPythonApi
  public void connect(String ip, int port) {
    checkOpen();
    InetSocketAddress server =
        board
            .network()
            .routeTo(ip, port)
            .orElseThrow(
                () -> {
                  java.util.List<Integer> open = board.network().servedPorts(ip);
                  if (!open.isEmpty()) {
                    // the host is up, the port is closed: its TCP answers the SYN with a reset
                    board.diagnose(
                        "connect "
                            + ip
                            + ":"
                            + port
                            + ": nothing listens on that port (served: "
                            + open
                            + ")");
                    return MicroPythonError.os(ECONNREFUSED);
                  }
                  board.diagnose("connect " + ip + ":" + port + ": no route to that address");
                  return MicroPythonError.os(ECONNABORTED);
                });
    try {
      Socket s = new Socket();
      // a listener on loopback completes the handshake in the kernel: only a backlog left full by
      // a busy machine delays it, which is no timeout on the board
      s.connect(server, GIVE_UP_MILLIS);
      s.setTcpNoDelay(true);
      socket = s;
      in = s.getInputStream();
      out = s.getOutputStream();
      this.host = board.network().nameOf(ip);
      this.port = port;
      this.linkGeneration = board.network().linkGeneration();
    } catch (ConnectException e) {
      throw MicroPythonError.os(ECONNREFUSED);
    } catch (SocketTimeoutException e) {
      board.diagnose(
          "connect "
              + ip
              + ":"
              + port
              + ": the server did not accept within "
              + GIVE_UP_MILLIS / 1000
              + " s of real time (this machine is overloaded, or the server hangs); counted as a"
              + " timeout");
      advanceTimeout();
      throw MicroPythonError.os(ETIMEDOUT);
    } catch (IOException e) {
      throw MicroPythonError.os(ECONNABORTED);
    }
  }

  /** Starts TLS on this socket; {@code serverHostname} is the SNI name, or empty for none. */
  @MicroPythonApi
  public void wrapTls(String serverHostname) {
    checkConnected();
    String name = serverHostname.isEmpty() ? host : serverHostname;
    board.effect(new Event.TlsHandshake(name, port), () -> tls = true);
  }

  /** Sets the timeout in seconds; negative means none (blocking forever), 0 non-blocking. */
  @MicroPythonApi
  public void settimeout(double seconds) {
    checkOpen();
    timeoutMillis = seconds < 0 ? -1 : Math.round(seconds * 1000);
  }

  /** Sends everything; returns the byte count (blocking sockets make no short writes). */
  @MicroPythonApi
  public int send(String latin1) {
    checkConnected();
    byte[] data = latin1.getBytes(StandardCharsets.ISO_8859_1);
    if (watch.requestWillStart(data)) {
      board.checkpoint();
    }
    try {
      out.write(data);
      out.flush();
    } catch (IOException e) {
      throw MicroPythonError.os(ECONNRESET);
    }
    sentBytes += data.length;
    watch.sent(data);
    return data.length;
  }

  /** Up to {@code max} bytes, short reads allowed; {@code ""} at end of stream. */
  @MicroPythonApi
  public String recv(int max) {
    checkConnected();
    // a short read is a recv's right; device code that reaches this object past the shim's heap
    // check cannot have the host allocate its max
    byte[] buf = new byte[Math.max(0, Math.min(max, 64 << 10))];
    int n = fill(buf, 0, buf.length);
    return latin1(buf, 0, Math.max(n, 0));
  }

  /**
   * Exactly {@code max} bytes unless the stream ends first; all that is left when {@code max < 0}.
   * MicroPython's stream read makes no short reads, and a timeout after some data discards it
   * (py/stream.c).
   */
  @MicroPythonApi
  public String read(int max) {
    checkConnected();
    if (max < 0) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = fill(buf, 0, buf.length)) > 0) {
        all.write(buf, 0, n);
      }
      return all.toString(StandardCharsets.ISO_8859_1);
    }
    // grown as bytes arrive, not allocated at max: what the host holds is what the peer sent
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[Math.min(max, 8192)];
    while (all.size() < max) {
      int n = fill(buf, 0, Math.min(buf.length, max - all.size()));
      if (n <= 0) {
        break;
      }
      all.write(buf, 0, n);
    }
    return all.toString(StandardCharsets.ISO_8859_1);
  }

  /** One line including its {@code \n}, or what is left at end of stream. */
  @MicroPythonApi
  public String readline() {
    checkConnected();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] one = new byte[1];
    while (fill(one, 0, 1) > 0) {
      line.write(one[0]);
      if (one[0] == '\n') {
        break;
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  /** Closes; closing twice is fine. */
  @MicroPythonApi
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    watch.closed();
    abort();
  }

  /** Whether TLS was started on this socket. */
  @MicroPythonApi
  public boolean isTls() {
    return tls;
  }

  /** Drops the connection without journaling anything: the boot is over. */
  boolean isClosed() {
    return closed;
  }

  void abort() {
    closed = true;
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing to do; the peer sees a reset
      }
    }
  }

  private int fill(byte[] buf, int off, int len) {
    if (len == 0) {
      return 0;
    }
    long waited = 0;
    while (true) {
      int slice = slice();
      try {
        socket.setSoTimeout(slice);
        int n = in.read(buf, off, len);
        if (n > 0) {
          receivedBytes += n;
          watch.received(buf, off, n);
        }
        return n;
      } catch (SocketTimeoutException e) {
        if (timeoutMillis == 0) {
          throw MicroPythonError.os(EAGAIN);
        }
        waited += slice;
        // Real time is no measure on a shared machine: the board times out only when the server
        // withholds bytes on purpose for longer than the socket's timeout (virtual time).
        if (silentOnPurpose()) {
          advanceTimeout();
          throw MicroPythonError.os(ETIMEDOUT);
        }
        if (waited >= GIVE_UP_MILLIS) {
          board.diagnose(
              "read from "
                  + host
                  + ":"
                  + port
                  + ": the server sent nothing for "
                  + GIVE_UP_MILLIS / 1000
                  + " s of real time though it owed bytes (this machine is overloaded, or the"
                  + " server hangs); counted as a timeout");
          advanceTimeout();
          throw MicroPythonError.os(ETIMEDOUT);
        }
      } catch (IOException e) {
        if (closed) {
          throw MicroPythonError.os(EBADF);
        }
        throw MicroPythonError.os(ECONNRESET);
      }
    }
  }

  /** How long one wait for bytes lasts in real time: 0 blocks, as a socket without a timeout. */
  private int slice() {
    if (timeoutMillis < 0) {
      return 0;
    }
    int poll =
        board.network().serverSilence() == ServerSilence.UNKNOWN ? STALL_MILLIS : POLL_MILLIS;
    return (int) Math.max(1, Math.min(timeoutMillis, poll));
  }

  /** Whether the server withholds the next bytes on purpose for longer than the timeout. */
  private boolean silentOnPurpose() {
    OptionalLong silence =
        board
            .network()
            .serverSilence()
            .silence(socket.getLocalPort(), socket.getPort(), sentBytes, receivedBytes);
    return silence.isPresent() && silence.getAsLong() > timeoutMillis;
  }

  private void advanceTimeout() {
    if (timeoutMillis > 0) {
      board.sleepMicros(timeoutMillis * 1000L);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw MicroPythonError.os(EBADF);
    }
  }

  private void checkConnected() {
    checkOpen();
    if (socket == null) {
      throw MicroPythonError.os(ENOTCONN);
    }
    if (linkGeneration != board.network().linkGeneration()) {
      // The Wi-Fi dropped since this connection was made: lwIP aborts it.
      throw MicroPythonError.os(ECONNABORTED);
    }
  }

  private static String latin1(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.ISO_8859_1);
  }

  /** Follows the HTTP/1.x exchanges on the socket to journal them. */
  private final class HttpWatch {
    private final ByteArrayOutputStream request = new ByteArrayOutputStream();
    private final ByteArrayOutputStream response = new ByteArrayOutputStream();
    private String method;
    private String url;
    private String requestHost;
    private String target;
    private boolean awaitingResponse;

    /** Whether these bytes begin a new request (the moment a power cut can still stop it). */
    boolean requestWillStart(byte[] data) {
      return !awaitingResponse && request.size() == 0 && data.length > 0;
    }

    void sent(byte[] data) {
      if (awaitingResponse) {
        return; // a request body
      }
      request.write(data, 0, data.length);
      String head = request.toString(StandardCharsets.ISO_8859_1);
      int end = head.indexOf("\r\n\r\n");
      if (end < 0) {
        return;
      }
      String[] lines = head.substring(0, end).split("\r\n");
      String[] requestLine = lines[0].split(" ");
      if (requestLine.length < 2) {
        request.reset();
        return;
      }
      String hostHeader = host;
      for (String line : lines) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("host")) {
          hostHeader = line.substring(colon + 1).trim();
        }
      }
      method = requestLine[0];
      String scheme = tls ? "https" : "http";
      int defaultPort = tls ? 443 : 80;
      String authority =
          hostHeader.contains(":") || port == defaultPort ? hostHeader : hostHeader + ":" + port;
      url = scheme + "://" + authority + requestLine[1];
      int portAt = hostHeader.lastIndexOf(':');
      requestHost = portAt > 0 ? hostHeader.substring(0, portAt) : hostHeader;
      target = requestLine[1];
      awaitingResponse = true;
      request.reset();
    }

    void received(byte[] buf, int off, int n) {
      if (!awaitingResponse) {
        return;
      }
      response.write(buf, off, n);
      String head = response.toString(StandardCharsets.ISO_8859_1);
      int end = head.indexOf("\r\n\r\n");
      if (end < 0) {
        return;
      }
      String[] lines = head.substring(0, end).split("\r\n");
      String[] status = lines[0].split(" ");
      int code = 0;
      try {
        code = status.length > 1 ? Integer.parseInt(status[1]) : 0;
      } catch (NumberFormatException ignored) {
        // a garbled status line is journaled as no response
      }
      long length = -1;
      for (String line : lines) {
        int colon = line.indexOf(':');
        if (colon > 0
            && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
          try {
            length = Long.parseLong(line.substring(colon + 1).trim());
          } catch (NumberFormatException ignored) {
            // journaled as unknown
          }
        }
      }
      finish(code, length);
    }

    void closed() {
      if (awaitingResponse) {
        finish(0, -1);
      }
    }

    private void finish(int status, long length) {
      // The start of a non-2xx body, as the server sent it: often the only clue to the cause.
      String bodyStart =
          status == 0 || (status >= 200 && status < 300)
              ? ""
              : board
                  .network()
                  .responseBodies()
                  .body(method, requestHost, target, status)
                  .map(Event.HttpExchange::bodyStart)
                  .orElse("");
      board.journal().record(new Event.HttpExchange(method, url, status, length, bodyStart));
      awaitingResponse = false;
      response.reset();
    }
  }
}
