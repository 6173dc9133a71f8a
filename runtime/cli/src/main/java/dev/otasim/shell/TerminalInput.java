package dev.otasim.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Size;
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
  private volatile Function<String, List<String>> names = text -> List.of();
  private String indent = "";
  private boolean indentTouched;
  private boolean keptIndent = true;

  /** Line editing on this terminal, history in memory (for tests). */
  static TerminalInput of(Terminal terminal) {
    return new TerminalInput(terminal, null);
  }

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
    b.completer(this::complete);
    this.reader = b.build();
    this.out = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
    bindBoardKeys();
  }

  /**
   * Whether the line is still just the automatic indent, untouched: the board's {@code
   * AUTO_INDENT_JUST_ADDED}.
   */
  private boolean justIndented() {
    var buf = reader.getBuffer();
    return !indentTouched
        && !indent.isEmpty()
        && buf.cursor() == indent.length()
        && buf.toString().equals(indent);
  }

  /**
   * The board's keys: Tab completes a name, or indents by 4 after whitespace (as the board's
   * readline does); Ctrl-E at an empty line enters paste mode, and moves to the end of a line
   * otherwise; a space or tab right after the automatic indent turns auto-indent off (a space takes
   * back 3 of its 4 spaces); backspace in an indent of spaces goes back a whole level.
   */
  private void bindBoardKeys() {
    reader
        .getWidgets()
        .put(
            "otasim-space",
            () -> {
              var buf = reader.getBuffer();
              if (justIndented()) {
                indentTouched = true;
                keptIndent = false;
                buf.backspace(3);
                return true;
              }
              indentTouched = true;
              buf.write(' ');
              return true;
            });
    reader
        .getWidgets()
        .put(
            "otasim-backspace",
            () -> {
              indentTouched = true;
              var buf = reader.getBuffer();
              int cursor = buf.cursor();
              String before = buf.substring(0, cursor);
              boolean spaces = !before.isEmpty() && before.isBlank() && before.indexOf('\t') < 0;
              buf.backspace(spaces && cursor >= 4 ? 4 : 1);
              return true;
            });
    reader
        .getWidgets()
        .put(
            "otasim-tab",
            () -> {
              var buf = reader.getBuffer();
              if (justIndented()) {
                indentTouched = true;
                keptIndent = false; // the indent stays as it is
                return true;
              }
              indentTouched = true;
              int cursor = buf.cursor();
              if (cursor > 0 && Character.isWhitespace(buf.atChar(cursor - 1))) {
                buf.write("    ");
                return true;
              }
              reader.callWidget(LineReader.COMPLETE_WORD);
              return true;
            });
    reader
        .getWidgets()
        .put(
            "otasim-paste",
            () -> {
              var buf = reader.getBuffer();
              if (buf.length() > 0) {
                reader.callWidget(LineReader.END_OF_LINE);
              } else {
                buf.write(PASTE);
                reader.callWidget(LineReader.ACCEPT_LINE);
              }
              return true;
            });
    KeyMap<Binding> main = reader.getKeyMaps().get(LineReader.MAIN);
    main.bind(new Reference("otasim-tab"), "\t");
    main.bind(new Reference("otasim-space"), " ");
    main.bind(new Reference("otasim-backspace"), KeyMap.del());
    main.bind(new Reference("otasim-backspace"), KeyMap.ctrl('H'));
    main.bind(new Reference("otasim-paste"), KeyMap.ctrl('E'));
  }

  /** JLine's completer over the board's names: each candidate replaces the word being typed. */
  private void complete(LineReader r, ParsedLine line, List<Candidate> candidates) {
    String before = line.line().substring(0, line.cursor());
    String word = line.word().substring(0, line.wordCursor());
    int start = word.length();
    while (start > 0
        && (Character.isLetterOrDigit(word.charAt(start - 1)) || word.charAt(start - 1) == '_')) {
      start--;
    }
    String head = word.substring(0, start);
    for (String name : names.apply(before)) {
      candidates.add(new Candidate(head + name, name, null, null, null, null, false));
    }
  }

  @Override
  public void completeWith(Function<String, List<String>> names) {
    this.names = names;
  }

  /**
   * A terminal that reports no size (a serial console, a container started without one, {@code
   * script}'s pty) gets 80x24: JLine draws one column per row at width 0.
   */
  static void ensureSize(Terminal terminal) {
    Size size = terminal.getSize();
    if (size.getColumns() > 0 && size.getRows() > 0) {
      return;
    }
    Size usable =
        new Size(
            size.getColumns() > 0 ? size.getColumns() : 80,
            size.getRows() > 0 ? size.getRows() : 24);
    try {
      terminal.setSize(usable);
    } catch (RuntimeException e) {
      // a terminal that cannot be resized keeps its size; JLine copes as it can
    }
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
    return readLine(prompt, "");
  }

  @Override
  public String readLine(String prompt, String indent) {
    ensureSize(terminal);
    this.indent = indent;
    this.indentTouched = false;
    this.keptIndent = true;
    try {
      return reader.readLine(prompt, null, (Character) null, indent);
    } catch (UserInterruptException e) {
      throw new Interrupted();
    } catch (EndOfFileException e) {
      return null;
    }
  }

  @Override
  public boolean keptIndent() {
    return keptIndent;
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
