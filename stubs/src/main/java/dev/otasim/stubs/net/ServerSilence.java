package dev.otasim.stubs.net;

import java.util.OptionalLong;

/**
 * The servers' account of a connection on which they send nothing on purpose, so that a device
 * socket tells a deliberate silence (a stall, a slow trickle's pause, a server waiting for the next
 * request) from a machine too busy to answer in time: only the first is a timeout on the board.
 */
@FunctionalInterface
public interface ServerSilence {
  /** The silence of a server that sends nothing until the client does. */
  long FOREVER = Long.MAX_VALUE;

  /** No server's account: any wait past the device's stall limit counts as a silence. */
  ServerSilence UNKNOWN = (clientPort, serverPort, sent, received) -> OptionalLong.of(FOREVER);

  /**
   * How long, in milliseconds, the server behind the loopback connection from {@code clientPort} to
   * {@code serverPort} stays silent on purpose, {@link Long#MAX_VALUE} for as long as the client
   * sends nothing; empty if the server still owes bytes (it is slow, or they are on the way). The
   * device has sent {@code sent} bytes on the connection and received {@code received}.
   */
  OptionalLong silence(int clientPort, int serverPort, long sent, long received);
}
