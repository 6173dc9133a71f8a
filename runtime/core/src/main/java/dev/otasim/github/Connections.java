package dev.otasim.github;

import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's open sockets by MockWebServer's connection index, so that a fault can write raw
 * bytes to one or reset it: MockWebServer's own socket effects can close a connection but neither
 * cut a response inside its headers nor send a TCP reset.
 *
 * <p>MockWebServer numbers connections from 0 in the order its single accept loop accepts them,
 * which is the order {@link #accepted} sees them here (checked by FaultsTest).
 */
final class Connections {
  private final Map<Integer, WatchedSocket> open = new ConcurrentHashMap<>();
  private int next; // only the accepting thread touches it

  /** Called by the accept loop for each new connection, before MockWebServer numbers it. */
  void accepted(WatchedSocket socket) {
    open.values().removeIf(Socket::isClosed);
    open.put(next++, socket);
  }

  /** The socket of connection {@code index}, as in {@code RecordedRequest.getConnectionIndex()}. */
  WatchedSocket get(int index) {
    WatchedSocket socket = open.get(index);
    if (socket == null) {
      throw new IllegalStateException("otasim: no open connection #" + index);
    }
    return socket;
  }
}
