package dev.otasim.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otasim.scenario.DemoScenario;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The board's REPL on a socket, driven byte for byte as mpremote drives a board's serial port. One
 * board (the demo's, main.py skipped) serves every test, each on a connection of its own: the board
 * stays as the last client left it, as a real one does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class SerialReplTest {
  static final String BANNER =
      "MicroPython v1.27.0 on otasim; simulated ESP32 module with ESP32\r\n"
          + "Type \"help()\" for more information.\r\n";
  static final String RAW_BANNER = "raw REPL; CTRL-B to exit\r\n";

  DemoScenario demo;
  SocketSerial serial;
  Thread board;

  @BeforeAll
  void start() {
    demo = DemoScenario.create();
    serial = SocketSerial.listen(0);
    SerialRepl repl = SerialRepl.create(demo.device()).setRunMain(false);
    board = new Thread(() -> repl.run(serial.input(), serial.output()), "board");
    board.setDaemon(true);
    board.start();
    // the first boot of a JVM takes its time: the tests start at the prompt
    try (RawReplClient c = client()) {
      c.readUntil(BANNER + ">>> ", 150_000);
    }
  }

  @AfterAll
  void stop() throws InterruptedException {
    serial.close();
    board.join(30_000);
    demo.close();
  }

  RawReplClient client() {
    return new RawReplClient(serial.port());
  }

  /** A client at a fresh friendly prompt. */
  RawReplClient friendly() {
    RawReplClient c = client();
    c.write("\u0003\u0002");
    c.readUntil(BANNER + ">>> ");
    return c;
  }

  @Test
  void rawReplFramesOutputAndErrorsWithOkAndEof() {
    try (RawReplClient c = client()) {
      c.enterRawRepl(false);
      assertThat(c.readUntil(">")).isEqualTo(">");
      c.write("print('hi')\nprint(6 * 7)\u0004");
      assertThat(c.readUntil("\u0004>")).isEqualTo("OKhi\r\n42\r\n\u0004\u0004>");
      c.write("x = 1\n1/0\u0004");
      assertThat(c.readUntil("\u0004>"))
          .isEqualTo(
              "OK\u0004Traceback (most recent call last):\r\n"
                  + "  File \"<stdin>\", line 2, in <module>\r\n"
                  + "ZeroDivisionError: divide by zero\r\n\u0004>");
      // a compile error is framed the same (its wording is the dialect's, tested elsewhere)
      c.write("def f(:\u0004");
      assertThat(c.readUntil("\u0004>"))
          .startsWith(
              "OK\u0004Traceback (most recent call last):\r\n"
                  + "  File \"<stdin>\", line 1\r\n"
                  + "SyntaxError: ")
          .endsWith("\r\n\u0004>");
      // Ctrl-C clears the input, Ctrl-A starts the raw REPL over
      c.write("garbage\u0003print(x)\u0004");
      assertThat(c.readUntil("\u0004>")).isEqualTo("OK1\r\n\u0004\u0004>");
      c.write("\u0001");
      assertThat(c.readUntil(">")).isEqualTo(RAW_BANNER + ">");
      c.exitRawRepl();
      assertThat(c.readUntil(">>> ")).isEqualTo("\r\n" + BANNER + ">>> ");
    }
  }

  @Test
  void rawPasteModeGrantsWindowsOfFlowControl() {
    StringBuilder program = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      program.append("total = ").append(i == 0 ? "" : "total + ").append(i).append('\n');
    }
    program.append("print(total)\n");
    int length = program.toString().getBytes(StandardCharsets.UTF_8).length;
    assertThat(length).isGreaterThan(1000);
    try (RawReplClient c = client()) {
      c.enterRawRepl(false);
      assertThat(c.exec(program.toString())).isEqualTo("4950\r\n");
      assertThat(c.window).isEqualTo(128);
      // one window free with the header's \x01, then one \x01 per 128 bytes the board read
      assertThat(c.windowsGranted).isEqualTo(1 + length / 128);
      // the exact bytes of entering raw-paste mode, and of an unknown raw-paste command
      c.readUntil(">");
      c.write("\u0005A\u0001");
      assertThat(c.read(5)).containsExactly('R', 1, 128, 0, 1);
      c.write("print('pasted')\u0004");
      assertThat(c.readUntil("\u0004>")).isEqualTo("\u0004pasted\r\n\u0004\u0004>");
      c.write("\u0005B\u0001");
      assertThat(c.readUntil(">")).isEqualTo("R\u0000>");
      c.exitRawRepl();
    }
  }

  @Test
  void ctrlCInterruptsRunningRawInputAndTheBoardStaysAtTheRawPrompt() {
    try (RawReplClient c = client()) {
      c.enterRawRepl(false);
      c.exec("n = 0");
      c.useRawPaste = false;
      c.execRawNoFollow("while True: n += 1; print('looping') if n == 1 else None\n");
      c.readUntil("looping\r\n"); // the loop runs: a Ctrl-C now is the interrupt character
      c.write("\u0003"); // as mpremote does on Ctrl-C during `run`
      assertThat(c.follow())
          .containsExactly(
              "",
              "Traceback (most recent call last):\r\n"
                  + "  File \"<stdin>\", line 1, in <module>\r\n"
                  + "KeyboardInterrupt: \r\n");
      assertThat(c.exec("print('still here', n >= 0)")).isEqualTo("still here True\r\n");
      c.exitRawRepl();
    }
  }

  @Test
  void ctrlDAtAnEmptyRawPromptSoftResetsIntoTheRawRepl() {
    try (RawReplClient c = client()) {
      c.enterRawRepl(false);
      c.exec("kept = 'no'");
      c.readUntil(">");
      c.write("\u0004");
      assertThat(c.readUntil(RAW_BANNER + ">"))
          .isEqualTo("OK\r\nMPY: soft reboot\r\n" + RAW_BANNER + ">");
      c.write("print(kept)\u0004");
      assertThat(c.readUntil("\u0004>"))
          .isEqualTo(
              "OK\u0004Traceback (most recent call last):\r\n"
                  + "  File \"<stdin>\", line 1, in <module>\r\n"
                  + "NameError: name 'kept' isn't defined\r\n\u0004>");
      // mpremote's own soft reset, as `mpremote soft-reset` and `run` do it
      c.enterRawRepl(true);
      assertThat(c.exec("print('after')")).isEqualTo("after\r\n");
      c.exitRawRepl();
    }
  }

  @Test
  void copiesAFileOntoAndOffTheBoardAndListsIt() {
    byte[] data = new byte[700];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7);
    }
    try (RawReplClient c = client()) {
      c.enterRawRepl(false);
      c.exec("import os\ntry:\n os.mkdir('/lib')\nexcept OSError:\n pass");
      c.fsWritefile("/lib/data.bin", data); // mpremote fs cp data.bin :/lib/data.bin
      assertThat(c.fsListdir("/lib")) // mpremote fs ls :/lib
          .containsExactly(new RawReplClient.Entry("data.bin", 0x8000, 0, 700));
      assertThat(c.fsListdir("")).contains(new RawReplClient.Entry("lib", 0x4000, 0, 0));
      assertThat(c.fsReadfile("/lib/data.bin")).isEqualTo(data); // mpremote fs cp :/lib/... .
      assertThatThrownBy(() -> c.fsReadfile("/nothing"))
          .isInstanceOf(RawReplClient.ExecError.class)
          .hasMessageContaining("OSError: [Errno 2] ENOENT");
      c.exitRawRepl();
    }
    assertThat(demo.device().flash().content("/lib/data.bin")).isEqualTo(data);
  }

  @Test
  void friendlyReplEchoesAndEvaluates() {
    try (RawReplClient c = friendly()) {
      c.write("1+1\r");
      assertThat(c.readUntil(">>> ")).isEqualTo("1+1\r\n2\r\n>>> ");
      c.write("for i in range(2):\r  print(i)\r\r");
      // a space after the automatic indent takes 3 of its 4 spaces back (and ends auto-indent)
      assertThat(c.readUntil("1\r\n>>> "))
          .isEqualTo("for i in range(2):\r\n...     \b\b\b print(i)\r\n... \r\n0\r\n1\r\n>>> ");
      c.write("prnt\u007f\u007fint('x')\r");
      assertThat(c.readUntil(">>> ")).isEqualTo("prnt\b\u001b[K\b\u001b[Kint('x')\r\nx\r\n>>> ");
    }
  }

  /**
   * What the board echoes for each editing key: the bytes below are real MicroPython v1.27's
   * (shared/readline/readline.c, observed through the npm package's REPL, spec §0), program output
   * cooked to {@code \r\n} as the ESP32's UART does.
   */
  @org.junit.jupiter.api.Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Readline {
    @Test
    void autoIndentsAfterAColonAndEndsTheBlockAtTheThirdEnterAsTheBoardDoes() {
      try (RawReplClient c = friendly()) {
        c.write("for i in range(2):\rprint(i)\r\r\r\r");
        assertThat(c.readUntil("1\r\n>>> "))
            .isEqualTo(
                "for i in range(2):\r\n...     print(i)\r\n...     \r\n...     \r\n... \r\n"
                    + "0\r\n1\r\n>>> ");
        // backspace at an indent of spaces takes a whole level back; Enter at column 0 runs it
        c.write("for i in range(2):\rprint(i)\r\b\r");
        assertThat(c.readUntil("1\r\n>>> "))
            .isEqualTo(
                "for i in range(2):\r\n...     print(i)\r\n...     \b\b\b\b\u001b[K\r\n"
                    + "0\r\n1\r\n>>> ");
        // one's own indent after the automatic one (pasted code): no more auto-indent
        c.write("if 1:\r    x = 5\r\rx\r");
        assertThat(c.readUntil("5\r\n>>> "))
            .isEqualTo("if 1:\r\n...     \b\b\b   x = 5\r\n... \r\n>>> x\r\n5\r\n>>> ");
        // an open bracket continues, without a block
        c.write("x = (1,\r2)\rx\r");
        assertThat(c.readUntil("(1, 2)\r\n>>> "))
            .isEqualTo("x = (1,\r\n... 2)\r\n>>> x\r\n(1, 2)\r\n>>> ");
      }
    }

    @Test
    void cursorKeysAndBackspaceEditTheMiddleOfTheLine() {
      try (RawReplClient c = friendly()) {
        c.write("abcdef\u001b[D\u001b[D\u001b[D\b\r");
        assertThat(c.readUntil(">>> "))
            .isEqualTo(
                "abcdef\b\b\b\b\u001b[Kdef\b\b\b\r\n"
                    + "Traceback (most recent call last):\r\n"
                    + "  File \"<stdin>\", line 1, in <module>\r\n"
                    + "NameError: name 'abdef' isn't defined\r\n>>> ");
        c.write("abcdefgh\u001b[D\u001b[D\u001b[D\u001b[D\u001b[D\u0005\u0001X\r");
        assertThat(c.readUntil(">>> "))
            .startsWith("abcdefgh\b\b\b\b\bdefgh\u001b[8DXabcdefgh\u001b[8D\r\n")
            .contains("NameError: name 'Xabcdefgh' isn't defined\r\n");
      }
    }

    @Test
    void homeEndDeleteAndTheEmacsKeys() {
      try (RawReplClient c = friendly()) {
        c.write("\u0004"); // a soft reset: an empty history, so that Up and Down find nothing
        c.readUntil(BANNER + ">>> ");
        c.write("x = 1\u001b[A\u001b[B\u001bOH\u001bOF\u001b[7~\u001b[8~\u000b\r");
        assertThat(c.readUntil(">>> ")).isEqualTo("x = 1\u001b[5Dx = 1\u001b[5Dx = 1\r\n>>> ");
        c.write("abcdef\u001b[H\u001b[3~\u001b[F\u001b[1~\u001b[4~\u0001\u0004\u0015\r");
        assertThat(c.readUntil(">>> "))
            .startsWith(
                "abcdef\u001b[6D\u001b[Kbcdef\u001b[5Dbcdef\u001b[5Dbcdef\u001b[5D\u001b[Kcdef"
                    + "\b\b\b\bcdef\b\b\b\b\r\n")
            .contains("NameError: name 'cdef' isn't defined\r\n");
        c.write("abcdef\u0002\u0002\u0015\r");
        assertThat(c.readUntil(">>> "))
            .startsWith("abcdef\b\b\b\b\b\b\u001b[Kef\b\b\r\n")
            .contains("NameError: name 'ef' isn't defined\r\n");
        // Ctrl-C drops the line
        c.write("abc\u0003");
        assertThat(c.readUntil(">>> ")).isEqualTo("abc\r\n>>> ");
      }
    }

    @Test
    void upAndDownWalkTheBootsHistory() {
      try (RawReplClient c = friendly()) {
        c.write("\u0004"); // a soft reset: the history is in RAM, so this boot's starts empty
        c.readUntil(BANNER + ">>> ");
        c.write("1\r2\r3\r\u001b[A\u001b[A\u001b[A\u001b[B\u001b[B\r");
        assertThat(c.readUntil("\b3\r\n3\r\n>>> "))
            .isEqualTo("1\r\n1\r\n>>> 2\r\n2\r\n>>> 3\r\n3\r\n>>> 3\b2\b1\b2\b3\r\n3\r\n>>> ");
        // eight lines are kept, and a line equal to the newest one is not kept twice
        for (int i = 0; i < 10; i++) {
          c.write("x" + i + " = " + i + "\r");
          c.readUntil(">>> ");
        }
        c.write("x9 = 9\r");
        c.readUntil(">>> ");
        c.write("\u0010".repeat(9) + "\r");
        assertThat(c.readUntil(">>> ")).endsWith("x2 = 2\r\n>>> ");
      }
    }

    @Test
    void ctrlCWhileInputRunsPrintsTheBoardsTraceback() {
      try (RawReplClient c = friendly()) {
        // the loop says when it runs: a Ctrl-C is the interrupt character only then
        c.write("n = 0\r");
        c.readUntil(">>> ");
        c.write("while True: n += 1; print('looping') if n == 1 else None\r\r");
        c.readUntil("looping\r\n");
        c.write("\u0003");
        assertThat(c.readUntil(">>> "))
            .isEqualTo(
                "Traceback (most recent call last):\r\n"
                    + "  File \"<stdin>\", line 1, in <module>\r\n"
                    + "KeyboardInterrupt: \r\n>>> ");
      }
    }
  }

  @Test
  void pasteModeRunsABlockAsOneInput() {
    try (RawReplClient c = friendly()) {
      c.write("\u0005");
      assertThat(c.readUntil("=== "))
          .isEqualTo("\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ");
      c.write("def f():\r    x = 6\r\r    return x * 7\rprint(f())\r\u0004");
      assertThat(c.readUntil(">>> "))
          .isEqualTo(
              "def f():\r\n===     x = 6\r\n=== \r\n===     return x * 7\r\n=== print(f())\r\n"
                  + "=== \r\n42\r\n>>> ");
      c.write("\u0005print('never')\u0003");
      assertThat(c.readUntil(">>> "))
          .isEqualTo(
              "\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== print('never')\r\n>>> ");
    }
  }

  @Test
  void tabCompletesDeviceNamesAndAttributes() {
    try (RawReplClient c = friendly()) {
      c.write("class K:\r  alpha = 1\r  alps = 2\r  beta = 3\r\r");
      c.readUntil("... \r\n>>> ");
      c.write("K.b\t\r");
      assertThat(c.readUntil(">>> ")).isEqualTo("K.beta\r\n3\r\n>>> ");
      // a common prefix first, then the list of matches in 16-column slots, and the line again
      c.write("K.al\t");
      assertThat(c.readUntil("K.alp")).isEqualTo("K.alp");
      c.write("\t");
      assertThat(c.readUntil(">>> K.alp"))
          .isEqualTo("\r\nalpha" + " ".repeat(11) + "alps\r\n>>> K.alp");
      c.write("s\r");
      assertThat(c.readUntil(">>> ")).isEqualTo("s\r\n2\r\n>>> ");
      // the first word of a line completes to import; after whitespace, tab indents
      c.write("impo\tmachine\r");
      assertThat(c.readUntil(">>> ")).isEqualTo("import machine\r\n>>> ");
      c.write("x = \t1\r");
      assertThat(c.readUntil(">>> ")).isEqualTo("x =     1\r\n>>> ");
      // host names are not the board's: the prompt's own functions and __builtins__ stay hidden
      c.write("prompt_ev\t__buil\t\r");
      assertThat(c.readUntil(">>> "))
          .isEqualTo(
              "prompt_ev__buil\r\nTraceback (most recent call last):\r\n"
                  + "  File \"<stdin>\", line 1, in <module>\r\n"
                  + "NameError: name 'prompt_ev__buil' isn't defined\r\n>>> ");
    }
  }

  @Test
  void aLineStartingWithPercentIsDeviceCodeAsOnTheBoardNotAShellMagic() {
    try (RawReplClient c = friendly()) {
      c.write("%java System.exit(3)\r");
      assertThat(c.readUntil(">>> "))
          .isEqualTo(
              "%java System.exit(3)\r\nTraceback (most recent call last):\r\n"
                  + "  File \"<stdin>\", line 1\r\nSyntaxError: invalid syntax\r\n>>> ");
      c.write("%release v9 /etc\r");
      assertThat(c.readUntil(">>> ")).contains("SyntaxError: invalid syntax\r\n>>> ");
    }
  }

  @Test
  void aRawFrameLargerThanTheHeapRestartsTheBoardAsTheEsp32PortDoes() {
    int heap = demo.device().config().heapBytes();
    try (RawReplClient c = client()) {
      c.enterRawRepl(false);
      c.readUntil(">");
      c.write("kept = 1\u0004");
      c.readUntil("\u0004>");
      byte[] frame = new byte[heap + 1];
      java.util.Arrays.fill(frame, (byte) 'a');
      c.write(frame);
      assertThat(c.readUntil(BANNER, 60_000))
          .isEqualTo("NLR jump failed, val=0x3ffb2f60\r\n" + hardResetLines() + BANNER);
      c.readUntil(">>> ");
      c.write("kept\r");
      assertThat(c.readUntil(">>> ")).contains("NameError: name 'kept' isn't defined");
    }
  }

  /** What the line shows between the failed allocation and the banner of the next boot. */
  String hardResetLines() {
    return ReplSession.resetLine(dev.otasim.device.BootOutcome.HARD_RESET) + "\r\n";
  }
}
