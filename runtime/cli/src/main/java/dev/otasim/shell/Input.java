package dev.otasim.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/** Where the shell's lines come from: a terminal with line editing, or a pipe. */
public interface Input extends AutoCloseable {
  /**
   * The next line, without its end.
   *
   * @return {@code null} at the end of input (Ctrl-D, or the pipe closed)
   * @throws Interrupted when Ctrl-C is typed at the prompt
   */
  String readLine(String prompt);

  /**
   * The next line, starting with {@code indent} already typed (the board's auto-indent, {@link
   * Readline}); a pipe's lines carry their own indent and ignore it.
   */
  default String readLine(String prompt, String indent) {
    return readLine(prompt);
  }

  /**
   * Whether the last line kept the automatic indent: typing a space or a tab right after it (as
   * pasted code does) turns auto-indent off for the rest of the input, as on the board.
   */
  default boolean keptIndent() {
    return true;
  }

  /** Whether a person types at a terminal: Ctrl-D soft-resets there, a pipe's end exits. */
  boolean interactive();

  /** Sends Ctrl-C during evaluation to this session; a pipe has none. */
  default void onInterrupt(Runnable action) {}

  /**
   * Where the tab key finds names: the board's names that complete the (dotted) name at the end of
   * the text before the cursor. A pipe has no tab key.
   */
  default void completeWith(Function<String, List<String>> names) {}

  /** The line a terminal hands over for Ctrl-E at an empty prompt: paste mode. */
  String PASTE = "\u0005";

  @Override
  default void close() {}

  /** Ctrl-C at the prompt: the line typed so far is dropped. */
  final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Interrupted() {
      super("Ctrl-C", null, false, false);
    }
  }

  /**
   * Lines from a pipe or a script. Each prompt and line is echoed to {@code echo}, so that the
   * output reads as the session would have looked at a terminal.
   */
  static Input piped(InputStream in, PrintStream echo) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    return new Input() {
      @Override
      public String readLine(String prompt) {
        echo.print(prompt);
        String line;
        try {
          line = reader.readLine();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        echo.println(line == null ? "" : line);
        echo.flush();
        return line;
      }

      @Override
      public boolean interactive() {
        return false;
      }
    };
  }
}
