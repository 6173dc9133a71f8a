package dev.otasim.github;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An HTTP client as small as a device's: writes the request lines given, then reads until the
 * server closes the connection, as MicroPython's {@code requests} does with HTTP/1.0.
 *
 * <p>A server that keeps the connection open makes {@link #send} fail after five seconds instead of
 * hanging the test.
 */
final class RawHttp {
  /** A response exactly as received: header names in their original case, in order. */
  record Response(String statusLine, List<String[]> headers, byte[] body) {
    int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }

    /**
     * The value of the header named exactly {@code name}, case-sensitively, as MicroPython does.
     */
    Optional<String> header(String name) {
      return headers.stream().filter(h -> h[0].equals(name)).map(h -> h[1]).findFirst();
    }

    List<String> headerNames() {
      return headers.stream().map(h -> h[0]).toList();
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private RawHttp() {}

  /** A GET as MicroPython's {@code requests} sends it, plus {@code extraHeaders}. */
  static Response get10(InetSocketAddress server, String host, String target, String... extra)
      throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("GET " + target + " HTTP/1.0");
    lines.add("Host: " + host);
    lines.add("Connection: close");
    lines.addAll(Arrays.asList(extra));
    return send(server, lines);
  }

  /**
   * Sends a GET as {@link #get10} does and returns every byte received until EOF, unparsed, for
   * responses a fault has cut; a reset or a read timeout after {@code timeoutMillis} is thrown.
   */
  static byte[] bytes10(InetSocketAddress server, String host, String target, int timeoutMillis)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(server, 5_000);
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      String request =
          "GET "
              + target
              + " HTTP/1.0\r\nHost: "
              + host
              + "\r\nConnection: close\r\nUser-Agent: otasim-test\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return socket.getInputStream().readAllBytes();
    }
  }

  /** Sends {@code lines} (request line and headers) and reads the response to EOF. */
  static Response send(InetSocketAddress server, List<String> lines) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(server, 5_000);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write((String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      byte[] all = socket.getInputStream().readAllBytes();
      return parse(all);
    }
  }

  static Response parse(byte[] all) {
    int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    String head = new String(all, 0, end, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    List<String[]> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.add(
          new String[] {lines[i].substring(0, colon), lines[i].substring(colon + 1).trim()});
    }
    return new Response(lines[0], headers, Arrays.copyOfRange(all, end + 4, all.length));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError(
        "no end of headers in " + new String(haystack, StandardCharsets.UTF_8));
  }
}
