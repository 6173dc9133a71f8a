package dev.otasim.stubs.modules.socket;

import dev.otasim.stubs.Errno;
import dev.otasim.stubs.MicroPythonApi;
import dev.otasim.stubs.MicroPythonError;
import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.machine.Board;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code socket}/{@code usocket} (ports/esp32/modsocket.c; spec §8): name lookup through the fake
 * DNS, TCP sockets that reach the fake GitHub on loopback.
 */
public final class SocketModule {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  static final int EAI_FAIL = Errno.EAI_FAIL;

  private final Board board;
  private final List<DeviceSocket> sockets = new ArrayList<>();

  public SocketModule(Board board) {
    this.board = board;
  }

  /**
   * Resolves a name to an IPv4 address string; {@code OSError(-202)} when Wi-Fi is down or the name
   * is not in the fake DNS.
   */
  @MicroPythonApi
  public String getaddrinfo(String host) {
    if (host.isEmpty()) {
      return "0.0.0.0";
    }
    if (IPV4.matcher(host).matches()) {
      return host;
    }
    return board.effect(
        new Event.DnsLookup(host),
        () -> {
          if (!board.network().connected(board.clock().micros())) {
            board.diagnose("dns " + host + ": Wi-Fi is not connected, so the lookup fails");
            throw MicroPythonError.os(EAI_FAIL);
          }
          return board
              .network()
              .resolve(host)
              .orElseThrow(
                  () -> {
                    board.diagnose(
                        "dns "
                            + host
                            + ": not in the fake DNS (known: "
                            + board.network().knownHosts()
                            + ")");
                    return MicroPythonError.os(EAI_FAIL);
                  });
        });
  }

  /**
   * ENFILE: lwIP's socket table is full (ports/esp32/modsocket.c raises the errno of {@code
   * lwip_socket}; newlib numbers it 23, a number the board prints without a name).
   */
  static final int ENFILE = 23;

  /**
   * A new socket, TCP or UDP. lwIP has a fixed table of {@link Board#maxSockets()} sockets
   * (CONFIG_LWIP_MAX_SOCKETS): one more raises {@code OSError(23)}. The board runs the GC and tries
   * again first, so sockets nothing references any more are reclaimed; the shim does that part.
   */
  @MicroPythonApi
  public DeviceSocket socket() {
    synchronized (sockets) {
      sockets.removeIf(DeviceSocket::isClosed);
      if (sockets.size() >= board.maxSockets()) {
        throw MicroPythonError.os(ENFILE);
      }
      DeviceSocket s = new DeviceSocket(board);
      sockets.add(s);
      return s;
    }
  }

  /**
   * One NTP exchange with the server at {@code ip} (what {@code ntptime.time()} sends over UDP):
   * the server's transmit time in NTP seconds (since 1900, 32 bits), or -1 when nothing answers
   * there, which the shim turns into the socket's timeout.
   */
  @MicroPythonApi
  public long ntp(String ip) {
    board.checkpoint();
    if (!board.network().connected(board.clock().micros())) {
      return -1;
    }
    return board
        .network()
        .ntpUnixSeconds(ip, board.clock().worldMicros())
        .map(unix -> (unix + NTP_UNIX_DELTA) & 0xffffffffL)
        .orElse(-1L);
  }

  /** Seconds from 1900-01-01 (NTP's epoch) to 1970-01-01. */
  static final long NTP_UNIX_DELTA = 2_208_988_800L;

  /** Closes every socket this boot opened: the end of a boot, a reset, a hang. */
  public void closeAll() {
    synchronized (sockets) {
      for (DeviceSocket s : sockets) {
        s.abort();
      }
      sockets.clear();
    }
  }
}
