package dev.otasim.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The serial line as mpremote meets it: a board whose main.py never returns still hands over its
 * raw REPL ({@code \r\x03}, {@code \r\x01}), whenever the Ctrl-C comes; and a client that leaves
 * takes the bytes the board had not read yet with it.
 */
@Timeout(240)
class SerialLineTest {
  static final String RAW_BANNER = "raw REPL; CTRL-B to exit\r\n";

  SocketSerial serial;
  Thread board;
  Device device;

  void start(String mainPy) {
    device =
        Device.create(DeviceConfig.builder().setBootTimeLimit(Duration.ofSeconds(600)).build());
    if (mainPy != null) {
      device.flash().put("/main.py", mainPy);
    }
    serial = SocketSerial.listen(0);
  }

  void boot() {
    SerialRepl repl = SerialRepl.create(device);
    board = new Thread(() -> repl.run(serial), "board");
    board.setDaemon(true);
    board.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    serial.close();
    if (board != null) {
      board.join(30_000);
    }
  }

  @Test
  void ctrlCSentBeforeTheBoardBootedSkipsAMainPyThatNeverReturns() {
    start("print('main runs')\nwhile True:\n    pass\n");
    try (RawReplClient c = new RawReplClient(serial.port())) {
      // mpremote's way in, typed before the first boot even started
      c.write("\r\u0003\r\u0001");
      boot();
      assertThat(c.readUntil(RAW_BANNER + ">", 200_000)).isEqualTo(RAW_BANNER + ">");
      // the Ctrl-C stopped the boot before main.py, which it then skips
      c.write("print(6 * 7)\u0004");
      assertThat(c.readUntil("\u0004>", 200_000)).isEqualTo("OK42\r\n\u0004\u0004>");
    }
  }

  @Test
  void theRawReplAnswersWhileTheFirstBootStillRuns() {
    // boot.py reads the line until a '!': the board cannot reach its prompt before the client
    // sends one, and mpremote's handshake must be answered all the same
    device =
        Device.create(DeviceConfig.builder().setBootTimeLimit(Duration.ofSeconds(600)).build());
    device
        .flash()
        .put("/boot.py", "import sys\nwhile sys.stdin.buffer.read(1) != b'!':\n    pass\n");
    device.flash().put("/main.py", "print('main runs')\n");
    serial = SocketSerial.listen(0);
    boot();
    try (RawReplClient c = new RawReplClient(serial.port())) {
      c.write("\r\u0003\r\u0001");
      assertThat(c.readUntil(RAW_BANNER + ">", 200_000)).endsWith(RAW_BANNER + ">");
      // mpremote's first command soft-resets: the boot still coming up is that soft reset's
      c.write("\u0004");
      assertThat(c.readUntil(">")).isEqualTo("OK\r\nMPY: soft reboot\r\n" + RAW_BANNER + ">");
      c.write("!"); // boot.py ends; the board comes to its prompt in the raw REPL
      c.write("print('booted')\u0004");
      assertThat(c.readUntil("\u0004>", 200_000)).isEqualTo("OKbooted\r\n\u0004\u0004>");
    }
  }

  @Test
  void ctrlCWhileMainPyRunsEndsItAndTheRawReplAnswers() {
    start("print('main runs')\nopen('started', 'w').close()\nwhile True:\n    pass\n");
    boot();
    try (RawReplClient c = new RawReplClient(serial.port())) {
      // the loop runs once the flash has the file (the journal says so; the print is over)
      while (!device.journal().text().contains("close started")) {
        Thread.onSpinWait();
      }
      c.write("\r\u0003");
      c.write("\r\u0001");
      assertThat(c.readUntil(RAW_BANNER)).contains("KeyboardInterrupt");
      assertThat(c.exec("print('at the raw prompt')")).isEqualTo("at the raw prompt\r\n");
    }
  }

  @Test
  void bytesALeavingClientSentAreNotTypedForTheNextOne() {
    start(null);
    boot();
    try (RawReplClient a = new RawReplClient(serial.port())) {
      a.readUntil(">>> ", 200_000);
      a.write("x = 'before'\r");
      a.readUntil("x = 'before'\r\n>>> ");
      a.write("while True: pass\r");
      a.readUntil("... ");
      a.write("\r");
      a.readUntil("\r\n");
      // the board runs the loop and reads nothing: this waits for it, then the client leaves
      a.write("x = 'typed by a client that left'\r");
    }
    try (RawReplClient b = new RawReplClient(serial.port())) {
      b.write("\u0003");
      b.readUntil(">>> ");
      b.write("x\r");
      String got = b.readUntil("\r\n>>> ");
      assertThat(got).isEqualTo("x\r\n'before'\r\n>>> ");
    }
  }
}
