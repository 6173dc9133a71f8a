package dev.otasim.stubs.modules.socket;

import dev.otasim.stubs.MicroPythonApi;
import dev.otasim.stubs.MicroPythonError;
import dev.otasim.stubs.MicroPythonModule;
import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.machine.Board;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code socket}/{@code usocket} (ports/esp32/modsocket.c; spec §8): name lookup through the fake
 * DNS, TCP sockets that reach the fake GitHub on loopback.
 */
@MicroPythonModule(
    name = "socket",
    aliases = {"usocket"})
public final class SocketModule {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** lwIP's EAI_FAIL, what a failed lookup raises on the ESP32 (spec §8.2). */
  static final int EAI_FAIL = -202;

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

  /** A new TCP socket. */
  @MicroPythonApi
  public DeviceSocket socket() {
    DeviceSocket s = new DeviceSocket(board);
    synchronized (sockets) {
      sockets.add(s);
    }
    return s;
  }

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
