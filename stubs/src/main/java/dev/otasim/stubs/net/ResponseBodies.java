package dev.otasim.stubs.net;

import java.util.Optional;

/**
 * What a server behind the board's routes answered: the body of the latest response it sent to a
 * request with this method, {@code Host} (without port) and target (path and query), with this
 * status. The journal shows the start of it on non-2xx lines.
 */
@FunctionalInterface
public interface ResponseBodies {
  /** No server tells: the journal shows sizes only. */
  ResponseBodies NONE = (method, host, target, status) -> Optional.empty();

  Optional<byte[]> body(String method, String host, String target, int status);
}
