package dev.otasim.shell;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The board's serial port as a socket: one client at a time is the other end of the cable. A client
 * that disconnects leaves the board as it is (a serial cable pulled out does not reset the board);
 * the next client to connect finds it there. Bytes the board writes while no client is connected
 * are lost, as on a serial line nobody listens to.
 *
 * <p>Whoever holds the cable runs code on the board, so the port is its owner's alone:
 *
 * <ul>
 *   <li>a TCP port listens on the loopback interface only, and each connection is checked against
 *       the kernel's socket table: a connection owned by another user is closed before a byte is
 *       read or written ({@link LoopbackPeers}; where the system has no such table, TCP is refused
 *       and the unix socket is the way);
 *   <li>a unix socket lives in a folder only the owner can enter, and its peer's credentials are
 *       checked too;
 *   <li>a connection that opens like an HTTP request or a TLS handshake (a web page posting to
 *       {@code http://127.0.0.1:PORT/}) is closed before anything reaches the board.
 * </ul>
 */
public final class SocketSerial implements AutoCloseable {
  /** The request methods a browser or an HTTP client may open with, followed by a space. */
  private static final Set<String> HTTP_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "PRI");

  private static final int TLS_HANDSHAKE = 0x16;

  private final Acceptor acceptor;
  private final String address;
  private final Object lock = new Object();
  private Consumer<String> refusals = message -> {};
  private volatile Runnable hangUps = () -> {};
  private Link current;

  private SocketSerial(Acceptor acceptor, String address) {
    this.acceptor = acceptor;
    this.address = address;
  }

  /**
   * Listens on {@code port} of the loopback interface for this user's own connections; 0 picks a
   * free port ({@link #port()}).
   *
   * @throws IllegalArgumentException when the port is taken or out of range, or this system cannot
   *     tell who connects, saying what to do instead
   */
  public static SocketSerial listen(int port) {
    LoopbackPeers peers = LoopbackPeers.system();
    if (!peers.available()) {
      throw new IllegalArgumentException(
          "--socket "
              + port
              + ": this system does not say which user a TCP connection comes from, so any local"
              + " user could type into the board; use --socket unix (a socket in a folder only you"
              + " can enter)");
    }
    try {
      return listen(port, LoopbackPeers.myUid(), peers);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--socket " + port + ": cannot tell which user this process runs as (" + e + ")", e);
    }
  }

  /** {@link #listen(int)} for a given owner's uid and socket table (tests). */
  static SocketSerial listen(int port, int ownerUid, LoopbackPeers peers) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "--socket " + port + " is not a TCP port; give one from 1 to 65535 (0 picks a free one)");
    }
    ServerSocket s;
    try {
      s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot listen on localhost:" + port + " (" + e.getMessage() + "); pick another port", e);
    }
    return new SocketSerial(new TcpAcceptor(s, ownerUid, peers), "localhost:" + s.getLocalPort());
  }

  /**
   * Listens on a unix socket in this user's private folder ({@link PrivateFolder}), named after
   * this process.
   *
   * @throws IllegalArgumentException when there is no private folder or the socket cannot be made
   */
  public static SocketSerial listenUnix() {
    Path dir;
    try {
      dir = PrivateFolder.of("otasim-shell-");
    } catch (IOException e) {
      dir = null;
    }
    if (dir == null) {
      throw new IllegalArgumentException(
          "--socket unix: there is no folder only you can enter for the socket (set"
              + " XDG_RUNTIME_DIR to one, or check the temp folder's otasim-shell-USER)");
    }
    return listenUnix(dir.resolve("serial-" + ProcessHandle.current().pid() + ".sock"));
  }

  /** Listens on the unix socket {@code path}, which must be in a folder only this user enters. */
  static SocketSerial listenUnix(Path path) {
    try {
      Files.deleteIfExists(path); // left by a shell of the same pid that did not exit cleanly
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(path));
      return new SocketSerial(new UnixAcceptor(server, path, PrivateFolder.me()), path.toString());
    } catch (IOException | UnsupportedOperationException e) {
      throw new IllegalArgumentException(
          "--socket unix: cannot listen on " + path + " (" + e.getMessage() + ")", e);
    }
  }

  /** Where clients connect: {@code localhost:PORT}, or the unix socket's path. */
  public String address() {
    return address;
  }

  /** The TCP port clients connect to; -1 for a unix socket. */
  public int port() {
    return acceptor instanceof TcpAcceptor t ? t.server.getLocalPort() : -1;
  }

  /** Receives a line for each connection refused (another user's, or an HTTP request). */
  public SocketSerial onRefusal(Consumer<String> listener) {
    this.refusals = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Runs {@code listener} each time a client's input ends (it left, or the line broke), on the
   * thread that reads {@link #input()}, after the last byte of that client was read: what the board
   * has not read of it yet is the listener's to drop, so that it is not typed for the next client.
   */
  public SocketSerial onHangUp(Runnable listener) {
    this.hangUps = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** What clients send, one connection after the other; -1 once {@link #close()} was called. */
  public InputStream input() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        while (true) {
          Link link = connection();
          if (link == null) {
            return -1;
          }
          int c = link.read();
          if (c >= 0) {
            return c;
          }
          drop(link);
          hangUps.run();
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
        Link link;
        synchronized (lock) {
          link = current;
        }
        if (link == null) {
          return;
        }
        try {
          link.out.write(b, off, len);
          link.out.flush();
        } catch (IOException e) {
          drop(link);
        }
      }
    };
  }

  /**
   * The client connected now, waiting for one if none is; {@code null} once closed. A new
   * connection becomes the cable only if it is the owner's, and what it sends reaches the board
   * only once its first bytes do not open an HTTP request or a TLS handshake.
   */
  private Link connection() {
    synchronized (lock) {
      if (current != null) {
        return current;
      }
    }
    while (true) {
      Link link;
      try {
        link = acceptor.accept(refusals);
      } catch (IOException e) {
        if (acceptor.isClosed()) {
          return null;
        }
        throw new UncheckedIOException("the serial port's socket failed", e);
      }
      if (link == null) {
        continue; // refused: another user's
      }
      // the owner's: it hears the board from now on, but types nothing until its first bytes
      // are known not to open an HTTP request
      synchronized (lock) {
        current = link;
      }
      String http = sniff(link);
      if (http != null) {
        refusals.accept(
            "otasim: closed a connection that opened like "
                + http
                + " (a web page or an HTTP client, not a serial terminal); nothing reached the"
                + " board");
        drop(link);
        continue;
      }
      return link;
    }
  }

  /**
   * Reads the connection's first bytes: an HTTP request line ({@code POST /}) or a TLS handshake is
   * named and never typed; anything else is kept for the board to read.
   */
  static String sniff(Link link) {
    StringBuilder word = new StringBuilder();
    try {
      while (true) {
        int c = link.in.read();
        if (c < 0) {
          link.pushBack(word, -1);
          return null;
        }
        if (word.length() == 0 && c == TLS_HANDSHAKE) {
          return "a TLS handshake";
        }
        if (c >= 'A' && c <= 'Z' && startsAMethod(word + String.valueOf((char) c))) {
          word.append((char) c);
          continue; // held back until it is known not to be a request line
        }
        if (c == ' ' && HTTP_METHODS.contains(word.toString())) {
          return "an HTTP request (" + word + " ...)";
        }
        link.pushBack(word, c);
        return null;
      }
    } catch (IOException e) {
      link.pushBack(word, -1);
      return null;
    }
  }

  private static boolean startsAMethod(String prefix) {
    for (String m : HTTP_METHODS) {
      if (m.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private void drop(Link link) {
    synchronized (lock) {
      if (current == link) {
        current = null;
      }
    }
    link.close();
  }

  @Override
  public void close() {
    acceptor.close();
    Link link;
    synchronized (lock) {
      link = current;
    }
    if (link != null) {
      drop(link);
    }
  }

  /** One connection: its streams, with the bytes read while sniffing put back in front. */
  static final class Link {
    final InputStream in;
    final OutputStream out;
    private final AutoCloseable closer;
    private byte[] pending = new byte[0];
    private int next;
    private boolean ended;
    private volatile boolean closed;

    Link(InputStream in, OutputStream out, AutoCloseable closer) {
      this.in = new BufferedInputStream(in, 8192); // a system call per chunk, not per byte
      this.out = out;
      this.closer = closer;
    }

    void pushBack(CharSequence word, int last) {
      byte[] b = new byte[word.length() + (last >= 0 ? 1 : 0)];
      for (int i = 0; i < word.length(); i++) {
        b[i] = (byte) word.charAt(i);
      }
      if (last >= 0) {
        b[b.length - 1] = (byte) last;
      }
      pending = b;
      next = 0;
      ended = last < 0 && word.length() == 0;
    }

    int read() {
      if (next < pending.length) {
        return pending[next++] & 0xff;
      }
      if (ended || closed) {
        return -1; // a closed link's buffered bytes are the gone client's: never typed
      }
      try {
        return in.read();
      } catch (IOException e) {
        return -1;
      }
    }

    void close() {
      closed = true;
      try {
        closer.close();
      } catch (Exception e) {
        // closing a broken connection: nothing more to do
      }
    }
  }

  private interface Acceptor {
    /** The next connection, or {@code null} for one refused (and closed). */
    Link accept(Consumer<String> refusals) throws IOException;

    boolean isClosed();

    void close();
  }

  private static final class TcpAcceptor implements Acceptor {
    final ServerSocket server;
    private final int owner;
    private final LoopbackPeers peers;

    TcpAcceptor(ServerSocket server, int owner, LoopbackPeers peers) {
      this.server = server;
      this.owner = owner;
      this.peers = peers;
    }

    @Override
    public Link accept(Consumer<String> refusals) throws IOException {
      Socket s = server.accept();
      OptionalInt uid = peers.uidOf(s.getPort(), s.getLocalPort());
      if (uid.isEmpty() || uid.getAsInt() != owner) {
        refusals.accept(
            "otasim: closed a connection from "
                + (uid.isEmpty() ? "a process the kernel does not list" : "uid " + uid.getAsInt())
                + ": the serial port is only for the user who started the shell (uid "
                + owner
                + ")");
        s.close();
        return null;
      }
      try {
        s.setTcpNoDelay(true);
        return new Link(s.getInputStream(), s.getOutputStream(), s);
      } catch (SocketException e) {
        s.close();
        return null;
      }
    }

    @Override
    public boolean isClosed() {
      return server.isClosed();
    }

    @Override
    public void close() {
      try {
        server.close();
      } catch (IOException e) {
        // nothing left to do with a socket that will not close
      }
    }
  }

  private static final class UnixAcceptor implements Acceptor {
    private final ServerSocketChannel server;
    private final Path path;
    private final UserPrincipal owner;

    UnixAcceptor(ServerSocketChannel server, Path path, UserPrincipal owner) {
      this.server = server;
      this.path = path;
      this.owner = owner;
    }

    @Override
    public Link accept(Consumer<String> refusals) throws IOException {
      SocketChannel c = server.accept();
      UnixDomainPrincipal peer;
      try {
        peer = c.getOption(ExtendedSocketOptions.SO_PEERCRED);
      } catch (IOException | UnsupportedOperationException e) {
        peer = null;
      }
      if (peer == null || !peer.user().equals(owner)) {
        refusals.accept(
            "otasim: closed a connection from "
                + (peer == null ? "an unknown user" : peer.user().getName())
                + ": the serial port is only for the user who started the shell");
        c.close();
        return null;
      }
      return new Link(new ChannelIn(c), new ChannelOut(c), c);
    }

    @Override
    public boolean isClosed() {
      return !server.isOpen();
    }

    @Override
    public void close() {
      try {
        server.close();
      } catch (IOException e) {
        // nothing left to do with a socket that will not close
      }
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // the next shell of this pid removes it
      }
    }
  }

  /**
   * A channel's input as a stream that does not hold the channel's lock while it waits, so the
   * board can write while a read is pending ({@code Channels.newInputStream} may serialize them).
   */
  private static final class ChannelIn extends InputStream {
    private final SocketChannel channel;

    ChannelIn(SocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int n;
      do {
        n = channel.read(ByteBuffer.wrap(b, off, len));
      } while (n == 0);
      return n;
    }
  }

  private static final class ChannelOut extends OutputStream {
    private final SocketChannel channel;

    ChannelOut(SocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ByteBuffer buf = ByteBuffer.wrap(b, off, len);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
    }
  }
}
