package dev.otasim.github;

import dev.otasim.stubs.net.ServerSilence;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake GitHub's account of when its servers (GitHub's port and every origin's) send nothing on
 * purpose, by connection: a {@link NetworkFault.Stall}, a {@link NetworkFault.SlowTrickle}'s pause,
 * or a server reading the next request. A device's read times out only on these, never because the
 * machine is too busy for the server to answer in time.
 */
final class Silences implements ServerSilence {
  private final Map<Long, WatchedSocket> open = new ConcurrentHashMap<>();

  void opened(WatchedSocket socket) {
    open.put(key(socket.getPort(), socket.getLocalPort()), socket);
  }

  void closed(WatchedSocket socket) {
    open.remove(key(socket.getPort(), socket.getLocalPort()), socket);
  }

  @Override
  public OptionalLong silence(int clientPort, int serverPort, long sent, long received) {
    WatchedSocket socket = open.get(key(clientPort, serverPort));
    // not accepted yet, or gone: either way the server has not said it withholds anything
    return socket == null ? OptionalLong.empty() : socket.silence(sent, received);
  }

  private static long key(int clientPort, int serverPort) {
    return (long) clientPort << 16 | serverPort;
  }
}
