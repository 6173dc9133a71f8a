package dev.otasim.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Who is at the other end of a loopback TCP connection: the kernel's socket table ({@code
 * /proc/net/tcp} and {@code /proc/net/tcp6} on Linux) lists every socket of this network namespace
 * with the user that owns it. The peer's socket is the one whose local port is the connection's
 * remote port and whose remote port is the connection's local port.
 *
 * <p>Where the table is missing (another OS) nobody can be told apart: {@link #available()} says so
 * and the TCP serial port refuses to start.
 */
final class LoopbackPeers {
  private static final List<Path> TABLES =
      List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
  private static final String ESTABLISHED = "01";

  private final List<Path> tables;

  LoopbackPeers(List<Path> tables) {
    this.tables = tables;
  }

  /** The kernel's tables. */
  static LoopbackPeers system() {
    return new LoopbackPeers(TABLES);
  }

  /** Whether this system lists its sockets' owners. */
  boolean available() {
    return Files.isReadable(tables.get(0));
  }

  /** The uid this process runs as, as the kernel's tables write it. */
  static int myUid() throws IOException {
    return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
  }

  /**
   * The uid owning the socket connected from {@code peerPort} to {@code localPort}, if the tables
   * list it (a peer that has gone, or one in another network namespace, is not listed).
   */
  OptionalInt uidOf(int peerPort, int localPort) {
    for (Path table : tables) {
      List<String> lines;
      try {
        lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        continue;
      }
      OptionalInt uid = find(lines, peerPort, localPort);
      if (uid.isPresent()) {
        return uid;
      }
    }
    return OptionalInt.empty();
  }

  /** Searches one table: {@code sl local_address rem_address st ... uid timeout inode}. */
  static OptionalInt find(List<String> lines, int peerPort, int localPort) {
    String local = ":" + hexPort(peerPort);
    String remote = ":" + hexPort(localPort);
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 8 || !f[0].endsWith(":")) {
        continue; // the header, or a line this parser does not know
      }
      if (f[1].endsWith(local) && f[2].endsWith(remote) && f[3].equals(ESTABLISHED)) {
        try {
          return OptionalInt.of(Integer.parseInt(f[7]));
        } catch (NumberFormatException e) {
          return OptionalInt.empty();
        }
      }
    }
    return OptionalInt.empty();
  }

  private static String hexPort(int port) {
    return String.format(Locale.ROOT, "%04X", port);
  }
}
