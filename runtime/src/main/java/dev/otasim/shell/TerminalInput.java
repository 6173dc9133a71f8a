package dev.otasim.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * A terminal with JLine line editing and history. History persists in {@code ~/.otasim_history}
 * when the home folder is writable, and lives in memory otherwise.
 */
public final class TerminalInput implements Input {
  private final Terminal terminal;
  private final LineReader reader;
  private final PrintStream out;

  private TerminalInput(Terminal terminal, Path history) {
    this.terminal = terminal;
    LineReaderBuilder b =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("otasim")
            // Python code is typed here: no event expansion of '!', no escapes of '\'.
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .variable(LineReader.SECONDARY_PROMPT_PATTERN, "... ");
    if (history != null) {
      b.variable(LineReader.HISTORY_FILE, history);
    }
    this.reader = b.build();
    this.out = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
  }

  /** The system terminal. */
  public static TerminalInput system() {
    try {
      Terminal t = TerminalBuilder.builder().system(true).build();
      return new TerminalInput(t, historyFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the terminal", e);
    }
  }

  /** Where the board's console and the shell's messages go: the terminal itself. */
  public PrintStream out() {
    return out;
  }

  private static Path historyFile() {
    String home = System.getProperty("user.home");
    if (home == null) {
      return null;
    }
    Path dir = Path.of(home);
    return Files.isDirectory(dir) && Files.isWritable(dir) ? dir.resolve(".otasim_history") : null;
  }

  @Override
  public String readLine(String prompt) {
    try {
      return reader.readLine(prompt);
    } catch (UserInterruptException e) {
      throw new Interrupted();
    } catch (EndOfFileException e) {
      return null;
    }
  }

  @Override
  public boolean interactive() {
    return true;
  }

  @Override
  public void onInterrupt(Runnable action) {
    // Outside readLine the terminal is in cooked mode: Ctrl-C arrives as a signal.
    terminal.handle(Terminal.Signal.INT, s -> action.run());
  }

  @Override
  public void close() {
    try {
      reader.getHistory().save();
    } catch (IOException | RuntimeException e) {
      // history is a convenience; losing it must not fail the exit
    }
    try {
      terminal.close();
    } catch (IOException e) {
      // nothing left to do with a terminal that will not close
    }
  }
}
