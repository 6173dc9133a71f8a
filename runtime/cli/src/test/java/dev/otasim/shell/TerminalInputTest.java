package dev.otasim.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.scenario.DemoScenario;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The terminal's board keys (Tab, Ctrl-E) and a terminal that reports no size. */
class TerminalInputTest {
  final ByteArrayOutputStream screen = new ByteArrayOutputStream();

  TerminalInput typing(String keys) throws IOException {
    Terminal t =
        new ExternalTerminal(
            "test",
            "xterm",
            new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)),
            screen,
            StandardCharsets.UTF_8);
    t.setSize(new Size(0, 0)); // as a serial console or script's pty reports it
    return TerminalInput.of(t);
  }

  @Test
  void tabCompletesTheNameBeingTypedWithTheBoardsNames() throws IOException {
    try (TerminalInput in = typing("print(K.be\t)\r")) {
      in.completeWith(text -> text.equals("print(K.be") ? List.of("beta") : List.of());
      assertThat(in.readLine(">>> ")).isEqualTo("print(K.beta)");
    }
  }

  @Test
  @Timeout(300)
  void aSessionCompletesWithTheBoardsOwnNames() throws IOException {
    try (DemoScenario demo = DemoScenario.create();
        TerminalInput in = typing("import machine\rmachine.reset_c\t()\r%exit\r")) {
      int code =
          ReplSession.create(demo.device(), demo.github(), DemoScenario.REPO)
              .setRunMain(false)
              .run(in, in.out());
      assertThat(code).isZero();
    }
    String drawn = screen.toString(StandardCharsets.UTF_8);
    List<String> lines = drawn.lines().map(String::strip).toList();
    int typed = 0;
    while (!lines.get(typed).contains(">>> machine.reset_cause()")) {
      typed++;
    }
    // the value of the completed call (a power-on reset), after the terminal's mode switches
    assertThat(lines.subList(typed + 1, typed + 3)).anyMatch(l -> l.endsWith("1"));
  }

  @Test
  void tabAfterWhitespaceIndentsByFour() throws IOException {
    try (TerminalInput in = typing(" \tx\r")) {
      assertThat(in.readLine("... ")).isEqualTo("     x");
    }
  }

  @Test
  void theBoardsIndentIsTypedAlreadyAndBackspaceOrASpaceTakeItBackAsOnTheBoard()
      throws IOException {
    try (TerminalInput in = typing("print(i)\r \r\u007f\r")) {
      assertThat(in.readLine("... ", "    ")).isEqualTo("    print(i)");
      assertThat(in.keptIndent()).isTrue();
      // a space right after the automatic indent takes 3 of its spaces back, and turns it off
      assertThat(in.readLine("... ", "    ")).isEqualTo(" ");
      assertThat(in.keptIndent()).isFalse();
      // backspace in an indent of spaces goes back a whole level
      assertThat(in.readLine("... ", "        ")).isEqualTo("    ");
    }
  }

  @Test
  @Timeout(300)
  void aBlockTypedAsOnTheBoardRunsWithTheBoardsIndent() throws IOException {
    try (DemoScenario demo = DemoScenario.create();
        TerminalInput in = typing("for i in range(2):\rprint(i * 7)\r\r\r\r%exit\r")) {
      int code =
          ReplSession.create(demo.device(), demo.github(), DemoScenario.REPO)
              .setRunMain(false)
              .run(in, in.out());
      assertThat(code).isZero();
    }
    String drawn = screen.toString(StandardCharsets.UTF_8);
    assertThat(drawn).doesNotContain("IndentationError");
    List<String> lines = drawn.lines().map(String::strip).toList();
    assertThat(lines).anyMatch(l -> l.endsWith("7")).anyMatch(l -> l.endsWith("0"));
  }

  @Test
  void ctrlEAtAnEmptyLineIsPasteModeAndMovesToTheEndOtherwise() throws IOException {
    try (TerminalInput in = typing("\u0005ab\u0001\u0005c\r")) {
      assertThat(in.readLine(">>> ")).isEqualTo(Input.PASTE);
      assertThat(in.readLine(">>> ")).isEqualTo("abc");
    }
  }

  @Test
  void aTerminalOfNoSizeIsDrawnAs80By24() throws IOException {
    try (TerminalInput in = typing("1+1\r")) {
      assertThat(in.readLine(">>> ")).isEqualTo("1+1");
    }
    String drawn = screen.toString(StandardCharsets.UTF_8);
    assertThat(drawn).contains(">>> 1+1").doesNotContain(">.");
  }

  @Test
  void ensureSizeKeepsAKnownSize() throws IOException {
    Terminal t =
        new ExternalTerminal(
            "test",
            "xterm",
            new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream(),
            StandardCharsets.UTF_8);
    t.setSize(new Size(0, 0));
    TerminalInput.ensureSize(t);
    assertThat(t.getSize()).isEqualTo(new Size(80, 24));
    t.setSize(new Size(120, 40));
    TerminalInput.ensureSize(t);
    assertThat(t.getSize()).isEqualTo(new Size(120, 40));
    t.close();
  }
}
