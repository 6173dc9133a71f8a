package dev.otasim.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The host side of a board's serial line, speaking the raw-REPL transport byte for byte as
 * mpremote's serial transport does (enter the raw REPL with {@code \r\x03} and {@code \r\x01},
 * optionally soft-reset, exec through raw-paste mode with flow control or the plain raw REPL,
 * follow the {@code \x04}-framed output and error) and its file operations through exec ({@code fs
 * ls}, {@code fs cp} both ways). Written from the protocol's description, for the tests.
 */
final class RawReplClient implements AutoCloseable {
  /** What {@code exec} found in the error section. */
  static final class ExecError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String output;
    final String error;

    ExecError(String output, String error) {
      super(error);
      this.output = output;
      this.error = error;
    }
  }

  /** An entry of {@code os.ilistdir}: name, mode, inode, size. */
  record Entry(String name, int mode, int inode, long size) {}

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  boolean useRawPaste = true;

  /** Flow-control bytes ({@code \x01}) received during the last raw-paste exec. */
  int windowsGranted;

  /** The window size the board announced at the last raw-paste exec. */
  int window;

  RawReplClient(int port) {
    try {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(100);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(String s) {
    write(s.getBytes(StandardCharsets.UTF_8));
  }

  void write(byte[] b) {
    try {
      out.write(b);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one byte, waiting up to {@code timeoutMillis}; -1 on timeout. */
  private int readByte(long timeoutMillis) {
    long end = System.nanoTime() + timeoutMillis * 1_000_000;
    while (true) {
      try {
        int c = in.read();
        if (c < 0) {
          throw new IllegalStateException("the board closed the line");
        }
        return c;
      } catch (SocketTimeoutException e) {
        if (System.nanoTime() > end) {
          return -1;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Exactly {@code n} bytes, or fails after 30 s. */
  byte[] read(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      int c = readByte(30_000);
      if (c < 0) {
        throw new IllegalStateException(
            "timeout after " + new String(b, 0, i, StandardCharsets.ISO_8859_1));
      }
      b[i] = (byte) c;
    }
    return b;
  }

  /** Whether a byte arrives within a short while (mpremote's inWaiting, with a grace period). */
  private boolean waiting() {
    try {
      return in.available() > 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bytes up to and including {@code ending}; fails after 30 s of silence. */
  String readUntil(String ending) {
    return readUntil(ending, 30_000);
  }

  /** Bytes up to and including {@code ending}; fails after {@code silenceMillis} of silence. */
  String readUntil(String ending, long silenceMillis) {
    byte[] end = ending.getBytes(StandardCharsets.ISO_8859_1);
    pending.reset();
    while (true) {
      byte[] sofar = pending.toByteArray();
      if (sofar.length >= end.length
          && Arrays.equals(
              Arrays.copyOfRange(sofar, sofar.length - end.length, sofar.length), end)) {
        return new String(sofar, StandardCharsets.UTF_8);
      }
      int c = readByte(silenceMillis);
      if (c < 0) {
        throw new IllegalStateException(
            "no " + printable(ending) + " after " + printable(pending.toString()));
      }
      pending.write(c);
    }
  }

  /** Everything that arrives until the line is quiet for {@code quietMillis}. */
  String drain(long quietMillis) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = readByte(quietMillis)) >= 0) {
      b.write(c);
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  void enterRawRepl(boolean softReset) {
    write("\r\u0003");
    drain(200);
    write("\r\u0001");
    if (softReset) {
      readUntil("raw REPL; CTRL-B to exit\r\n>");
      write("\u0004");
      readUntil("soft reboot\r\n");
    }
    readUntil("raw REPL; CTRL-B to exit\r\n");
  }

  void exitRawRepl() {
    write("\r\u0002");
  }

  void execRawNoFollow(String command) {
    byte[] bytes = command.getBytes(StandardCharsets.UTF_8);
    String prompt = readUntil(">");
    if (!prompt.equals(">")) {
      throw new IllegalStateException("could not enter raw repl: " + printable(prompt));
    }
    if (useRawPaste) {
      write("\u0005A\u0001");
      byte[] answer = read(2);
      if (answer[0] == 'R' && answer[1] == 1) {
        rawPasteWrite(bytes);
        return;
      }
      throw new IllegalStateException("no raw-paste mode: " + printable(new String(answer)));
    }
    for (int i = 0; i < bytes.length; i += 256) {
      write(Arrays.copyOfRange(bytes, i, Math.min(i + 256, bytes.length)));
    }
    write("\u0004");
    String ok = new String(read(2), StandardCharsets.ISO_8859_1);
    if (!ok.equals("OK")) {
      throw new IllegalStateException("could not exec command (response: " + printable(ok) + ")");
    }
  }

  private void rawPasteWrite(byte[] command) {
    byte[] header = read(2);
    window = (header[0] & 0xff) | (header[1] & 0xff) << 8;
    int remain = window;
    windowsGranted = 0;
    int i = 0;
    while (i < command.length) {
      while (remain == 0 || waiting()) {
        int c = readByte(30_000);
        if (c == 1) {
          remain += window;
          windowsGranted++;
        } else if (c == 4) {
          write("\u0004");
          return;
        } else {
          throw new IllegalStateException("unexpected read during raw paste: " + c);
        }
      }
      int n = Math.min(remain, command.length - i);
      write(Arrays.copyOfRange(command, i, i + n));
      remain -= n;
      i += n;
    }
    write("\u0004");
    String end = readUntil("\u0004");
    // flow-control bytes may still arrive for the last windows
    for (char ch : end.substring(0, end.length() - 1).toCharArray()) {
      if (ch != 1) {
        throw new IllegalStateException("could not complete raw paste: " + printable(end));
      }
      windowsGranted++;
    }
  }

  /** The output and the error output of an exec. */
  String[] follow() {
    String data = readUntil("\u0004");
    String err = readUntil("\u0004");
    return new String[] {data.substring(0, data.length() - 1), err.substring(0, err.length() - 1)};
  }

  String[] execRaw(String command) {
    execRawNoFollow(command);
    return follow();
  }

  String exec(String command) {
    String[] r = execRaw(command);
    if (!r[1].isEmpty()) {
      throw new ExecError(r[0], r[1]);
    }
    return r[0];
  }

  /** The printed repr of an expression (the caller parses it). */
  String evalRepr(String expression) {
    return exec("print(repr(" + expression + "))").strip();
  }

  List<Entry> fsListdir(String src) {
    String cmd =
        "import os\nfor f in os.ilistdir("
            + (src.isEmpty() ? "" : quote(src))
            + "):\n print(repr(f), end=',')";
    String listed = exec(cmd);
    List<Entry> entries = new ArrayList<>();
    // each entry is a tuple ('name', mode, inode, size),
    for (String t : listed.split("\\),")) {
      if (t.isBlank()) {
        continue;
      }
      String body = t.strip().substring(1);
      int q = body.indexOf('\'', 1);
      String name = body.substring(1, q);
      String[] nums = body.substring(q + 2).split(",");
      entries.add(
          new Entry(
              name,
              Integer.parseInt(nums[0].strip()),
              Integer.parseInt(nums[1].strip()),
              nums.length > 2 ? Long.parseLong(nums[2].strip()) : 0));
    }
    return entries;
  }

  void fsWritefile(String dest, byte[] data) {
    exec("f=open(" + quote(dest) + ",'wb')\nw=f.write");
    for (int i = 0; i < data.length; i += 256) {
      exec("w(" + bytesRepr(Arrays.copyOfRange(data, i, Math.min(i + 256, data.length))) + ")");
    }
    exec("f.close()");
  }

  byte[] fsReadfile(String src) {
    ByteArrayOutputStream contents = new ByteArrayOutputStream();
    exec("f=open(" + quote(src) + ",'rb')\nr=f.read");
    while (true) {
      byte[] chunk = parseBytes(evalRepr("r(256)"));
      if (chunk.length == 0) {
        break;
      }
      contents.writeBytes(chunk);
    }
    exec("f.close()");
    return contents.toByteArray();
  }

  static String quote(String path) {
    return "'" + path.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** Python's repr of bytes. */
  static String bytesRepr(byte[] b) {
    StringBuilder s = new StringBuilder("b'");
    for (byte x : b) {
      int c = x & 0xff;
      switch (c) {
        case '\\' -> s.append("\\\\");
        case '\'' -> s.append("\\'");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 32 || c >= 127) {
            s.append(String.format("\\x%02x", c));
          } else {
            s.append((char) c);
          }
        }
      }
    }
    return s.append('\'').toString();
  }

  /** Parses a bytes literal as Python's repr writes it. */
  static byte[] parseBytes(String literal) {
    if (!literal.startsWith("b'") && !literal.startsWith("b\"")) {
      throw new IllegalArgumentException("not a bytes literal: " + literal);
    }
    String body = literal.substring(2, literal.length() - 1);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\') {
        b.write(c);
        continue;
      }
      char e = body.charAt(++i);
      switch (e) {
        case 'n' -> b.write('\n');
        case 'r' -> b.write('\r');
        case 't' -> b.write('\t');
        case 'x' -> {
          b.write(Integer.parseInt(body.substring(i + 1, i + 3), 16));
          i += 2;
        }
        default -> b.write(e);
      }
    }
    return b.toByteArray();
  }

  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c < 32 && c != '\n' ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return b.toString();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // the test is over
    }
  }
}
