package dev.otasim.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serial port's socket is its owner's alone and only a serial line: without a board, an echo
 * stands at the other end of the cable, so what a client gets back is exactly what the board would
 * have been typed.
 */
@Timeout(60)
class SocketSerialTest {
  final List<String> refusals = new CopyOnWriteArrayList<>();
  SocketSerial serial;

  @AfterEach
  void close() {
    if (serial != null) {
      serial.close();
    }
  }

  /** The board's end: everything typed comes back (the friendly REPL echoes too). */
  SocketSerial echo(SocketSerial s) {
    serial = s.onRefusal(refusals::add);
    Thread t =
        new Thread(
            () -> {
              try {
                InputStream in = s.input();
                OutputStream out = s.output();
                int c;
                while ((c = in.read()) >= 0) {
                  out.write(c);
                }
              } catch (IOException e) {
                // closed
              }
            },
            "echo");
    t.setDaemon(true);
    t.start();
    return s;
  }

  static Socket connect(int port) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    s.setSoTimeout(20_000);
    return s;
  }

  /** The server closed the connection: an end of stream, or a reset if it left bytes unread. */
  static void assertClosed(InputStream in) {
    try {
      assertThat(in.read()).isEqualTo(-1);
    } catch (IOException e) {
      assertThat(e).hasMessageContaining("reset");
    }
  }

  static String readN(InputStream in, int n) throws IOException {
    return new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
  }

  @Test
  void theOwnersTcpClientIsTheCable() throws IOException {
    echo(SocketSerial.listen(0));
    try (Socket c = connect(serial.port())) {
      c.getOutputStream().write("print(1)\r".getBytes(StandardCharsets.US_ASCII));
      assertThat(readN(c.getInputStream(), 9)).isEqualTo("print(1)\r");
    }
    assertThat(serial.address()).isEqualTo("localhost:" + serial.port());
    assertThat(refusals).isEmpty();
  }

  @Test
  void aConnectionOfAnotherUserIsClosedBeforeAByteIsReadOrWritten() throws IOException {
    int me = LoopbackPeers.myUid();
    echo(SocketSerial.listen(0, me + 1, LoopbackPeers.system()));
    try (Socket c = connect(serial.port())) {
      c.getOutputStream().write("import os\r".getBytes(StandardCharsets.US_ASCII));
      assertClosed(c.getInputStream());
    }
    assertThat(refusals)
        .containsExactly(
            "otasim: closed a connection from uid "
                + me
                + ": the serial port is only for the user who started the shell (uid "
                + (me + 1)
                + ")");
  }

  @Test
  void aBrowsersSimplePostIsClosedAndNothingOfItIsTyped() throws IOException {
    echo(SocketSerial.listen(0));
    String post =
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 15\r\n\r\nimport os\r\nx=1\r\n";
    try (Socket c = connect(serial.port())) {
      c.getOutputStream().write(post.getBytes(StandardCharsets.US_ASCII));
      assertClosed(c.getInputStream());
    }
    // the next client is the cable, and the first thing it reads is its own echo
    try (Socket c = connect(serial.port())) {
      c.getOutputStream().write("x\r".getBytes(StandardCharsets.US_ASCII));
      assertThat(readN(c.getInputStream(), 2)).isEqualTo("x\r");
    }
    assertThat(refusals)
        .containsExactly(
            "otasim: closed a connection that opened like an HTTP request (POST ...) (a web page"
                + " or an HTTP client, not a serial terminal); nothing reached the board");
  }

  @Test
  void aTlsHandshakeIsClosedToo() throws IOException {
    echo(SocketSerial.listen(0));
    try (Socket c = connect(serial.port())) {
      c.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x04});
      assertClosed(c.getInputStream());
    }
    assertThat(refusals).hasSize(1);
    assertThat(refusals.get(0)).startsWith("otasim: closed a connection that opened like a TLS");
  }

  @Test
  void capitalsThatAreNotARequestLineReachTheBoardInOrder() throws IOException {
    echo(SocketSerial.listen(0));
    try (Socket c = connect(serial.port())) {
      // mpremote opens with \r\x03; a user may well start a line with a capital name
      c.getOutputStream().write("GETS = 1\r".getBytes(StandardCharsets.US_ASCII));
      assertThat(readN(c.getInputStream(), 9)).isEqualTo("GETS = 1\r");
    }
    try (Socket c = connect(serial.port())) {
      c.getOutputStream().write("\r\u0003POST\r".getBytes(StandardCharsets.US_ASCII));
      assertThat(readN(c.getInputStream(), 7)).isEqualTo("\r\u0003POST\r");
    }
    assertThat(refusals).isEmpty();
  }

  @Test
  void aClientThatConnectsAndLeavesSilentlyLeavesTheLineFree() throws IOException {
    echo(SocketSerial.listen(0));
    try (Socket c = connect(serial.port())) {
      c.shutdownOutput();
      assertClosed(c.getInputStream());
    }
    try (Socket c = connect(serial.port())) {
      c.getOutputStream().write("A".getBytes(StandardCharsets.US_ASCII));
      assertThat(readN(c.getInputStream(), 1)).isEqualTo("A");
    }
  }

  @Test
  void theUnixSocketServesItsOwner(@TempDir Path dir) throws IOException {
    Path path = dir.resolve("serial.sock");
    echo(SocketSerial.listenUnix(path));
    assertThat(serial.address()).isEqualTo(path.toString());
    assertThat(serial.port()).isEqualTo(-1);
    try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      c.connect(UnixDomainSocketAddress.of(path));
      c.write(ByteBuffer.wrap("GET / HTTP/1.0\r\n".getBytes(StandardCharsets.US_ASCII)));
      try {
        assertThat(c.read(ByteBuffer.allocate(1))).isEqualTo(-1);
      } catch (IOException e) {
        assertThat(e).hasMessageContaining("reset");
      }
    }
    try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      c.connect(UnixDomainSocketAddress.of(path));
      c.write(ByteBuffer.wrap("1+1\r".getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer got = ByteBuffer.allocate(4);
      while (got.hasRemaining() && c.read(got) >= 0) {
        // until the echo is whole
      }
      assertThat(new String(got.array(), StandardCharsets.US_ASCII)).isEqualTo("1+1\r");
    }
    serial.close();
    assertThat(path).doesNotExist();
  }

  @Test
  void wordsForBadSocketOptions() {
    assertThatThrownBy(() -> SocketSerial.listen(70000, 0, LoopbackPeers.system()))
        .hasMessage(
            "--socket 70000 is not a TCP port; give one from 1 to 65535 (0 picks a free one)");
    LoopbackPeers none = new LoopbackPeers(List.of(Path.of("/nonexistent/tcp")));
    assertThat(none.available()).isFalse();
    assertThat(none.uidOf(1, 2)).isEmpty();
  }

  @Test
  void theKernelsTableNamesThePeersOwner() {
    List<String> table =
        List.of(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid"
                + "  timeout inode",
            "   0: 0100007F:9C41 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000"
                + "        0 1 1 0000000000000000 100 0 0 10 0",
            "   1: 0100007F:9C41 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000"
                + "        0 2 1 0000000000000000 20 4 30 10 -1",
            "   2: 0100007F:D431 0100007F:9C41 01 00000000:00000000 00:00000000 00000000  1001"
                + "        0 3 1 0000000000000000 20 4 30 10 -1");
    // the peer at 54321 connected to our port 40001: its socket is the one owned by 1001
    assertThat(LoopbackPeers.find(table, 0xD431, 0x9C41)).isEqualTo(OptionalInt.of(1001));
    assertThat(LoopbackPeers.find(table, 0x9C41, 0xD431)).isEqualTo(OptionalInt.of(1000));
    assertThat(LoopbackPeers.find(table, 1234, 0x9C41)).isEmpty();
  }
}
