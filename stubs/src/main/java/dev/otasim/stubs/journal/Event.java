package dev.otasim.stubs.journal;

/**
 * One side effect of device code, in the order it happened. Each event's {@code toString()} is its
 * line in the golden journal format (DESIGN §6), so a failing assertion reads like a transcript.
 */
public sealed interface Event
    permits Event.FileEvent, Event.NetworkEvent, Event.LifecycleEvent, Event.Failed {

  /** An operation on the flash file system. */
  sealed interface FileEvent extends Event
      permits Open, Write, Flush, Close, Mkdir, Rmdir, Remove, Rename {
    @Override
    default Category category() {
      return Category.FLASH;
    }
  }

  /** Wi-Fi, DNS, TLS and HTTP, as the device saw them. */
  sealed interface NetworkEvent extends Event
      permits WifiConnect, WifiLost, DnsLookup, TlsHandshake, HttpExchange {
    @Override
    default Category category() {
      return Category.NET;
    }
  }

  /** Boots, resets and how a boot ended. */
  sealed interface LifecycleEvent extends Event permits Boot, Reset, Uncaught, Hung, PowerCut {
    @Override
    default Category category() {
      return Category.BOARD;
    }
  }

  /** The family a timeline files an event under, named as it prints. */
  enum Category {
    FLASH("flash"),
    NET("net"),
    HTTP("http"),
    BOARD("board");

    private final String label;

    Category(String label) {
      this.label = label;
    }

    /** {@code flash}, {@code net}, {@code http}, {@code board}. */
    public String label() {
      return label;
    }
  }

  /** The family this event belongs to; a failed attempt belongs to its attempt's. */
  Category category();

  /**
   * The event's text after its category on a timeline: its golden line, without the category word
   * where the line starts with it ({@code http GET …} shows as {@code GET …} under {@code http}).
   */
  default String detail() {
    return toString();
  }

  /** Whether this event changed the flash (reads and failed attempts do not). */
  default boolean isWrite() {
    return false;
  }

  /** {@code open(path, mode)}. */
  record Open(String path, String mode) implements FileEvent {
    @Override
    public boolean isWrite() {
      return mode.indexOf('r') < 0 || mode.indexOf('+') >= 0;
    }

    @Override
    public String toString() {
      return "open " + path + " " + mode;
    }
  }

  /** {@code f.write(data)}; {@code bytes} is what the call wrote. */
  record Write(String path, int bytes) implements FileEvent {
    @Override
    public boolean isWrite() {
      return true;
    }

    @Override
    public String toString() {
      return "write " + path + " " + bytes + " B";
    }
  }

  /** {@code f.flush()}: a LittleFS commit point. */
  record Flush(String path) implements FileEvent {
    @Override
    public boolean isWrite() {
      return true;
    }

    @Override
    public String toString() {
      return "flush " + path;
    }
  }

  /** {@code f.close()}: a LittleFS commit point. */
  record Close(String path) implements FileEvent {
    @Override
    public String toString() {
      return "close " + path;
    }
  }

  /** {@code os.mkdir(path)}. */
  record Mkdir(String path) implements FileEvent {
    @Override
    public boolean isWrite() {
      return true;
    }

    @Override
    public String toString() {
      return "mkdir " + path;
    }
  }

  /** {@code os.rmdir(path)}. */
  record Rmdir(String path) implements FileEvent {
    @Override
    public boolean isWrite() {
      return true;
    }

    @Override
    public String toString() {
      return "rmdir " + path;
    }
  }

  /** {@code os.remove(path)}. */
  record Remove(String path) implements FileEvent {
    @Override
    public boolean isWrite() {
      return true;
    }

    @Override
    public String toString() {
      return "remove " + path;
    }
  }

  /** {@code os.rename(from, to)}. */
  record Rename(String from, String to) implements FileEvent {
    @Override
    public boolean isWrite() {
      return true;
    }

    @Override
    public String toString() {
      return "rename " + from + " -> " + to;
    }
  }

  /** {@code WLAN.connect(ssid, key)}. */
  record WifiConnect(String ssid) implements NetworkEvent {
    @Override
    public String toString() {
      return "wifi connect \"" + ssid + "\"";
    }
  }

  /** The access point dropped out (a fault injected by a test or sweep, not the device's doing). */
  record WifiLost(long outageMillis) implements NetworkEvent {
    @Override
    public String toString() {
      return "wifi lost for " + outageMillis + " ms";
    }
  }

  /** {@code socket.getaddrinfo(host, port)}, or the lookup {@code connect} does itself. */
  record DnsLookup(String host) implements NetworkEvent {
    @Override
    public String toString() {
      return "dns " + host;
    }
  }

  /** A TLS session set up by {@code ssl.wrap_socket}/{@code SSLContext.wrap_socket}. */
  record TlsHandshake(String serverHostname, int port) implements NetworkEvent {
    @Override
    public String toString() {
      return "tls " + serverHostname + ":" + port;
    }
  }

  /**
   * An HTTP request the device sent and the status line it read back. {@code status} is 0 when no
   * response arrived; {@code bodyBytes} is the response's {@code Content-Length}, or -1 if it had
   * none. {@code bodyStart} is, for a non-2xx response whose server said what it sent, the first
   * {@value #BODY_START_BYTES} bytes of its body on one line ({@link #bodyStart(byte[])}); empty
   * otherwise.
   */
  record HttpExchange(String method, String url, int status, long bodyBytes, String bodyStart)
      implements NetworkEvent {
    /** How much of a non-2xx body the journal shows. */
    public static final int BODY_START_BYTES = 200;

    public HttpExchange {
      bodyStart = bodyStart == null ? "" : bodyStart;
    }

    public HttpExchange(String method, String url, int status, long bodyBytes) {
      this(method, url, status, bodyBytes, "");
    }

    /**
     * The first {@value #BODY_START_BYTES} bytes of a body as one quoted line: UTF-8 (a sequence
     * the cut splits or that is not UTF-8 shows as {@code \xNN}), quotes, backslashes and control
     * characters escaped, and {@code …} after the quote when the body is longer. Empty for an empty
     * body.
     */
    public static String bodyStart(byte[] body) {
      if (body.length == 0) {
        return "";
      }
      int n = Math.min(body.length, BODY_START_BYTES);
      StringBuilder out = new StringBuilder("\"");
      int i = 0;
      while (i < n) {
        int b = body[i] & 0xff;
        int len = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
        if (len > 1 && i + len <= n && continuation(body, i + 1, len - 1)) {
          out.append(new String(body, i, len, java.nio.charset.StandardCharsets.UTF_8));
          i += len;
          continue;
        }
        switch (b) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> {
            if (b >= 0x20 && b < 0x7f) {
              out.append((char) b);
            } else {
              out.append(String.format("\\x%02x", b));
            }
          }
        }
        i++;
      }
      out.append('"');
      if (body.length > n) {
        out.append('…');
      }
      return out.toString();
    }

    private static boolean continuation(byte[] body, int from, int count) {
      for (int k = from; k < from + count; k++) {
        if ((body[k] & 0xc0) != 0x80) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Category category() {
      return Category.HTTP;
    }

    @Override
    public String detail() {
      String outcome =
          status == 0
              ? "no response"
              : status + (bodyBytes >= 0 ? " (" + bodyBytes + " B)" : " (no Content-Length)");
      return method + " " + url + " -> " + outcome + (bodyStart.isEmpty() ? "" : " " + bodyStart);
    }

    @Override
    public String toString() {
      return "http " + detail();
    }
  }

  /** The board started; {@code number} counts boots from 1. */
  record Boot(int number, ResetCause cause) implements LifecycleEvent {
    @Override
    public String toString() {
      return "boot " + number + " cause=" + cause;
    }
  }

  /** Device code reset the board ({@code machine.reset()}, {@code soft_reset()}, deep sleep). */
  record Reset(ResetCause kind) implements LifecycleEvent {
    @Override
    public String toString() {
      return kind == ResetCause.DEEPSLEEP ? "deepsleep" : "reset " + kind;
    }
  }

  /** The boot ended with an exception nobody caught; {@code line} is its last traceback line. */
  record Uncaught(String line) implements LifecycleEvent {
    @Override
    public String toString() {
      return "uncaught " + line;
    }
  }

  /** The boot ran past its wall-clock limit and was stopped. */
  record Hung(long limitMillis) implements LifecycleEvent {
    @Override
    public String toString() {
      return "hung (no end after " + limitMillis + " ms)";
    }
  }

  /** Power was cut; whatever was not committed to flash is gone. */
  record PowerCut() implements LifecycleEvent {
    @Override
    public String toString() {
      return "power cut";
    }
  }

  /** An attempted operation that raised instead of taking effect. */
  record Failed(Event attempt, String error) implements Event {
    @Override
    public Category category() {
      return attempt.category();
    }

    @Override
    public String toString() {
      return attempt + " -> " + error;
    }
  }
}
