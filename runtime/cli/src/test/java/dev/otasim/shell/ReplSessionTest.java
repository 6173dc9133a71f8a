package dev.otasim.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.scenario.DemoScenario;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Scripted sessions on the demo board (main.py skipped), asserted as whole transcripts. */
class ReplSessionTest {
  static final String BANNER =
      """
      MicroPython v1.27.0 on otasim; simulated ESP32 module with ESP32
      Type "help()" for more information, "%help" for the shell's magics.
      """;

  @Nested
  class Evaluation {
    @Test
    void echoesTheValuesOfExpressions() {
      assertThat(transcript("1+1\nx = 6\nx * 7\nNone\n'é'\n"))
          .isEqualTo(
              BANNER
                  + """
                  >>> 1+1
                  2
                  >>> x = 6
                  >>> x * 7
                  42
                  >>> None
                  >>> 'é'
                  '\\xe9'
                  >>> \n""");
    }

    @Test
    void runsAMultiLineDefinitionEndedByAnEmptyLine() {
      assertThat(transcript("def double(v):\n    w = v\n    return w * 2\n\ndouble(21)\n"))
          .isEqualTo(
              BANNER
                  + """
                  >>> def double(v):
                  ...     w = v
                  ...     return w * 2
                  ... \n>>> double(21)
                  42
                  >>> \n""");
    }

    @Test
    void continuesAnIncompleteStatement() {
      assertThat(transcript("(1,\n 2)\nlen([3,\n4,\n5])\n"))
          .isEqualTo(
              BANNER
                  + """
                  >>> (1,
                  ...  2)
                  (1, 2)
                  >>> len([3,
                  ... 4,
                  ... 5])
                  3
                  >>> \n""");
    }

    @Test
    void printsTracebacksInMicroPythonsForm() {
      assertThat(transcript("def f():\n    return 1/0\n\nf()\nprint('still here')\n"))
          .isEqualTo(
              BANNER
                  + """
                  >>> def f():
                  ...     return 1/0
                  ... \n>>> f()
                  Traceback (most recent call last):
                    File "<stdin>", line 1, in <module>
                    File "<stdin>", line 2, in f
                  ZeroDivisionError: divide by zero
                  >>> print('still here')
                  still here
                  >>> \n""");
    }

    @Test
    void cannotImportUsslOnTheDefaultFirmware() {
      assertThat(transcript("import ussl\nimport os\nos.listdir('/main')\n"))
          .isEqualTo(
              BANNER
                  + """
                  >>> import ussl
                  Traceback (most recent call last):
                    File "<stdin>", line 1, in <module>
                  ImportError: no module named 'ussl'
                  >>> import os
                  >>> os.listdir('/main')
                  ['.version', 'app.py']
                  >>> \n""");
    }

    @Test
    @Timeout(120)
    void ctrlCInterruptsRunningCodeAndKeepsTheBoard() {
      String out =
          transcript(
              "while True: pass\n\n6 * 7\n",
              session -> {
                Thread t =
                    new Thread(
                        () -> {
                          // the loop is the session's only evaluation: interrupt it once it runs
                          while (!session.running()) {
                            Thread.onSpinWait();
                          }
                          sleep(300);
                          session.interrupt();
                        });
                t.setDaemon(true);
                t.start();
              });
      assertThat(out)
          .isEqualTo(
              BANNER
                  + """
                  >>> while True: pass
                  ... \nTraceback (most recent call last):
                    File "<stdin>", line 1, in <module>
                  KeyboardInterrupt: \n>>> 6 * 7
                  42
                  >>> \n""");
    }
  }

  @Nested
  class Resets {
    @Test
    void machineResetEndsTheBootAndANewBootReachesThePrompt() {
      assertThat(transcript("x = 1\nimport machine\nmachine.reset()\nx\n%journal 2\n"))
          .isEqualTo(
              BANNER
                  + """
                  >>> x = 1
                  >>> import machine
                  >>> machine.reset()
                  rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)
                  """
                  + BANNER
                  + """
                  >>> x
                  Traceback (most recent call last):
                    File "<stdin>", line 1, in <module>
                  NameError: name 'x' isn't defined
                  >>> %journal 2
                  reset HARD
                  boot 2 cause=HARD
                  >>> \n""");
    }

    @Test
    void systemExitSoftResetsAndPercentResetHardResets() {
      assertThat(transcript("import sys\nsys.exit()\n%reset\n%boots\n"))
          .isEqualTo(
              BANNER
                  + """
                  >>> import sys
                  >>> sys.exit()
                  MPY: soft reboot
                  """
                  + BANNER
                  + """
                  >>> %reset
                  rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)
                  """
                  + BANNER
                  + """
                  >>> %boots
                  boot 1: PWRON -> SOFT_RESET
                  boot 2: SOFT -> HARD_RESET
                  boot 3: at the prompt
                  >>> \n""");
    }
  }

  @Test
  void anInputPastTheBootLimitIsInterruptedAndTheSessionGoesOn() {
    dev.otasim.device.Device device =
        dev.otasim.device.Device.create(
            dev.otasim.device.DeviceConfig.builder()
                .setBootTimeLimit(java.time.Duration.ofSeconds(2))
                .build());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ReplSession s = ReplSession.create(device, null, null).setRunMain(false);

    int code =
        s.run(
            Input.piped(
                new ByteArrayInputStream(
                    "while True:\n    pass\n\n1+1\n".getBytes(StandardCharsets.UTF_8)),
                out),
            out);

    assertThat(code).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains(
            "KeyboardInterrupt: \notasim: the input ran past the limit of 2000 ms and was"
                + " interrupted\n>>> 1+1\n2\n");
  }

  @Test
  @Timeout(180)
  void ctrlCWhileMainPyRunsEndsItWithKeyboardInterruptThenThePrompt() {
    dev.otasim.device.Device device =
        dev.otasim.device.Device.create(
            dev.otasim.device.DeviceConfig.builder()
                .setBootTimeLimit(java.time.Duration.ofSeconds(120))
                .build());
    device.flash().put("/main.py", "print('main runs')\nwhile True:\n    pass\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ReplSession s = ReplSession.create(device, null, null);
    Thread t =
        new Thread(
            () -> {
              // print writes its end on its own: the whole line is out once "\n" is
              while (!bytes.toString(StandardCharsets.UTF_8).contains("main runs\n")) {
                Thread.onSpinWait();
              }
              s.interrupt();
            });
    t.setDaemon(true);
    t.start();

    int code =
        s.run(
            Input.piped(new ByteArrayInputStream("6 * 7\n".getBytes(StandardCharsets.UTF_8)), out),
            out);

    assertThat(code).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .startsWith("main runs\nKeyboardInterrupt\nMicroPython v")
        .endsWith(">>> 6 * 7\n42\n>>> \n");
    assertThat(device.journal().text()).contains("uncaught KeyboardInterrupt\n");
  }

  @Nested
  class Magics {
    @Test
    void lsShowsTheFlashTreeOrAFolder() {
      assertThat(transcript("%ls /main\n%ls /nope\n"))
          .isEqualTo(
              BANNER
                  + """
                  >>> %ls /main
                  /main/
                  /main/.version  6 B
                  /main/app.py  913 B
                  >>> %ls /nope
                  %ls: no such file or folder on the flash: /nope
                  >>> \n""");
    }

    @Test
    void journalShowsItsLastLines() {
      assertThat(transcript("f = open('/note.txt', 'w')\nf.write('hi')\nf.close()\n%journal 3\n"))
          .isEqualTo(
              BANNER
                  + """
                  >>> f = open('/note.txt', 'w')
                  >>> f.write('hi')
                  2
                  >>> f.close()
                  >>> %journal 3
                  open note.txt w
                  write note.txt 2 B
                  close note.txt
                  >>> \n""");
    }

    @Test
    void catAndReleaseWorkOnTheHostObjects() {
      assertThat(transcript("%cat /main/.version\n%release v9.0.0\n%frobnicate\n"))
          .isEqualTo(
              BANNER
                  + """
                  >>> %cat /main/.version
                  v1.0.0
                  >>> %release v9.0.0
                  released v9.0.0 of owner/app (2 files, a copy of the board's /main)
                  >>> %frobnicate
                  %frobnicate: no such magic; %help lists them
                  >>> \n""");
    }

    @Test
    void aMagicsErrorIsReportedAndTheSessionGoesOn() {
      assertThat(transcript("%cat ../../etc/passwd\n%ls /a\0b\n1+1\n"))
          .isEqualTo(
              BANNER
                  + """
                  >>> %cat ../../etc/passwd
                  %cat: flash paths are normalised, without "." or "..": "/../../etc/passwd"
                  >>> %ls /a\0b
                  %ls: no such file or folder on the flash: /a\0b
                  >>> 1+1
                  2
                  >>> \n""");
    }

    @Test
    void releaseFromAHostFolderWithALinkIsRefusedAndTheSessionGoesOn(@TempDir Path dir)
        throws IOException {
      Files.createDirectories(dir.resolve("main"));
      Files.createSymbolicLink(dir.resolve("main/passwd"), Path.of("/etc/passwd"));

      assertThat(transcript("%release v9.0.0 " + dir + "\n1+1\n"))
          .isEqualTo(
              BANNER
                  + ">>> %release v9.0.0 "
                  + dir
                  + "\n%release "
                  + dir
                  + ": main/passwd is a symbolic link (to /etc/passwd); otasim reads only regular"
                  + " files and folders from the host, replace it with the file itself\n"
                  + ">>> 1+1\n2\n>>> \n");
    }

    @Test
    void exitEndsTheSessionAtOnce() {
      assertThat(transcript("%exit\n1+1\n")).isEqualTo(BANNER + ">>> %exit\n");
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Nested
  class PasteMode {
    @Test
    void ctrlERunsTheLinesUpToCtrlDAsOneInput() {
      // a terminal hands over Ctrl-E at an empty line as a line of its own (Input.PASTE)
      assertThat(
              transcript(
                  "\u0005\ndef f():\n    x = 6\n\n    return x * 7\nprint(f())\n\u0004\nf()\n"))
          .isEqualTo(
              BANNER
                  + """
                  >>> \u0005
                  paste mode; Ctrl-C to cancel, Ctrl-D to finish
                  === def f():
                  ===     x = 6
                  === \n===     return x * 7
                  === print(f())
                  === \u0004
                  42
                  >>> f()
                  42
                  >>> \n""");
    }
  }

  static String transcript(String input) {
    return transcript(input, s -> {});
  }

  static String transcript(String input, Consumer<ReplSession> whileRunning) {
    try (DemoScenario demo = DemoScenario.create()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      ReplSession s =
          ReplSession.create(demo.device(), demo.github(), DemoScenario.REPO).setRunMain(false);
      whileRunning.accept(s);
      int code =
          s.run(
              Input.piped(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out),
              out);
      assertThat(code).isZero();
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
