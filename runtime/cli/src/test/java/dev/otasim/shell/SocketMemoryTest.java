package dev.otasim.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@code otasim shell --socket} in a JVM with a small heap, driven by clients that send random
 * bytes of random sizes, raw-REPL frames far larger than the board's heap, HTTP requests, and
 * floods they never read the echo of: the shell never runs out of memory and its board still
 * answers at the end of every try. Before the serial line's buffers were bounded, one unterminated
 * raw-REPL frame of 67 MB ended such a shell with {@code OutOfMemoryError}.
 */
class SocketMemoryTest {
  /**
   * Enough for GraalPy, a board and the history of a few hundred boots (each frame past the heap
   * restarts the board, and a device keeps its journal); far less than the floods below would take
   * if kept.
   */
  static final String HEAP = "-Xmx256m";

  static Process shell;
  static Path err;
  static int port;

  @BeforeContainer
  static void startShell() throws Exception {
    err = Files.createTempFile("otasim-shell", ".err");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp"));
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(List.of("dev.otasim.cli.Main", "shell", "--no-main", "--socket", "0"));
    shell =
        new ProcessBuilder(cmd)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile())
            .start();
    Pattern listening = Pattern.compile("localhost:(\\d+)");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (port == 0) {
      Matcher m = listening.matcher(Files.readString(err));
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
      } else if (!shell.isAlive() || System.nanoTime() > end) {
        throw new IllegalStateException("the shell did not start: " + Files.readString(err));
      } else {
        Thread.sleep(50);
      }
    }
    answers(); // the first boot of a JVM takes its time
  }

  @AfterContainer
  static void stopShell() throws IOException {
    if (shell != null) {
      shell.destroyForcibly();
    }
    if (err != null) {
      Files.deleteIfExists(err);
    }
  }

  /** One client's visit. */
  record Visit(String kind, byte[] bytes, boolean reads) {
    @Override
    public String toString() {
      return kind + " of " + bytes.length + " B" + (reads ? "" : ", never reading");
    }
  }

  @Provide
  Arbitrary<List<Visit>> visits() {
    Arbitrary<Visit> random =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(64 * 1024)
            .map(b -> new Visit("random bytes", b, true));
    // sizes up to 1 MB, nine times the board's heap: every byte past the heap restarts the board,
    // and a client's last megabytes still in the kernel's buffers are typed after it has gone
    Arbitrary<Visit> rawFrame =
        Arbitraries.integers()
            .between(1, 1 << 20)
            .map(n -> new Visit("raw frame", frame("\r\u0003\u0001", n), true));
    Arbitrary<Visit> flood =
        Arbitraries.integers()
            .between(1, 1 << 20)
            .map(n -> new Visit("typing", frame("\r\u0003", n), false));
    Arbitrary<Visit> http =
        Arbitraries.strings()
            .ofMaxLength(2000)
            .map(
                body ->
                    new Visit(
                        "HTTP POST",
                        ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n\r\n"
                                + body)
                            .getBytes(StandardCharsets.UTF_8),
                        true));
    return Arbitraries.oneOf(random, rawFrame, flood, http).list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 3, shrinking = ShrinkingMode.OFF)
  void theShellNeitherGrowsNorDiesWhateverClientsSend(@ForAll("visits") List<Visit> visits)
      throws Exception {
    for (Visit v : visits) {
      visit(v);
    }
    answers();
  }

  @Example
  void anUnterminatedRawFrameOf67MegabytesIsNotKept() throws Exception {
    visit(new Visit("raw frame", frame("\r\u0003\u0001", 67 << 20), true));
    answers();
  }

  @Example
  void typingSixteenMegabytesWithoutReadingTheEchoIsNotKept() throws Exception {
    // a receive queue without bound kept every byte the client sent (24 B of heap each)
    visit(new Visit("typing", frame("\r\u0003", 16 << 20), false));
    answers();
  }

  static byte[] frame(String prefix, int size) {
    byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
    byte[] b = Arrays.copyOf(p, p.length + size);
    Arrays.fill(b, p.length, b.length, (byte) 'a');
    return b;
  }

  /**
   * Sends a visit's bytes (for at most 15 s: a shell that applies back-pressure may take them more
   * slowly than they come), reading what comes back unless the visit never reads, then leaves.
   */
  static void visit(Visit v) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      Thread reader = null;
      if (v.reads()) {
        InputStream in = s.getInputStream();
        reader =
            new Thread(
                () -> {
                  byte[] buf = new byte[8192];
                  try {
                    while (in.read(buf) >= 0) {
                      // discarded
                    }
                  } catch (IOException e) {
                    // closed
                  }
                });
        reader.setDaemon(true);
        reader.start();
      }
      OutputStream out = s.getOutputStream();
      Thread writer =
          new Thread(
              () -> {
                try {
                  for (int off = 0; off < v.bytes().length; off += 16384) {
                    out.write(v.bytes(), off, Math.min(16384, v.bytes().length - off));
                  }
                } catch (IOException e) {
                  // the shell closed the connection (an HTTP request), or the visit timed out
                }
              });
      writer.setDaemon(true);
      writer.start();
      writer.join(15_000);
    }
    assertThat(shell.isAlive())
        .as("the shell is alive after %s; its stderr: %s", v, Files.readString(err))
        .isTrue();
  }

  /** A client gets to the friendly prompt and is answered. */
  static void answers() throws Exception {
    try {
      prompt();
    } catch (IOException e) {
      throw new AssertionError(
          "the shell did not answer ("
              + e
              + "); alive: "
              + shell.isAlive()
              + "; its stderr: "
              + Files.readString(err),
          e);
    }
    assertThat(Files.readString(err)).doesNotContain("OutOfMemoryError");
  }

  private static void prompt() throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(300_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write("\r\u0003\u0003\u0002".getBytes(StandardCharsets.ISO_8859_1));
      readUntil(in, ">>> ");
      out.write("6*7\r".getBytes(StandardCharsets.ISO_8859_1));
      assertThat(readUntil(in, "42\r\n>>> ")).endsWith("6*7\r\n42\r\n>>> ");
    }
  }

  static String readUntil(InputStream in, String ending) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    while (!got.toString(StandardCharsets.ISO_8859_1).endsWith(ending)) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("the shell closed the line after " + got);
      }
      got.write(c);
    }
    return got.toString(StandardCharsets.ISO_8859_1);
  }
}
