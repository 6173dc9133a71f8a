package dev.otasim.github;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * Server sockets whose connections send small writes at once (TCP_NODELAY) and are registered in
 * {@link Connections}, where faults find them, and in {@link Silences}, where a device asks whether
 * the server withholds bytes on purpose.
 *
 * <p>MockWebServer writes a response's headers and body separately; with Nagle's algorithm and the
 * client's delayed ACK each keep-alive exchange would wait ~40 ms, which a simulation making
 * hundreds of requests should not.
 */
final class NoDelayServerSocketFactory extends ServerSocketFactory {
  private final Connections connections;
  private final Silences silences;

  NoDelayServerSocketFactory(Connections connections, Silences silences) {
    this.connections = connections;
    this.silences = silences;
  }

  @Override
  public ServerSocket createServerSocket() throws IOException {
    return new ServerSocket() {
      @Override
      public Socket accept() throws IOException {
        WatchedSocket socket = new WatchedSocket(silences);
        implAccept(socket);
        socket.setTcpNoDelay(true);
        socket.register();
        connections.accepted(socket);
        return socket;
      }
    };
  }

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    throw new UnsupportedOperationException("MockWebServer binds unbound sockets");
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    throw new UnsupportedOperationException("MockWebServer binds unbound sockets");
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
      throws IOException {
    throw new UnsupportedOperationException("MockWebServer binds unbound sockets");
  }
}
