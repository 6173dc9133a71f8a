package dev.otasim.shell;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The board's line editor, as MicroPython v1.27's {@code shared/readline} behaves on the ESP32 port
 * (emacs keys and auto-indent on, a history of {@value #HISTORY_SIZE} lines, VT100 output): the
 * bytes it echoes for each key are the board's, so a terminal or a test sees what a real board
 * sends.
 *
 * <p>One input may span several lines: the continuation lines of a compound statement are appended
 * to the same buffer after a {@code \n} ({@link #continueInput}), and the editor only ever works on
 * the part after it. The history holds single lines and lives as long as the editor (a boot).
 */
final class Readline {
  /** {@code MICROPY_READLINE_HISTORY_SIZE} (py/mpconfig.h). */
  static final int HISTORY_SIZE = 8;

  /** What {@link #process} answers while the line is still being edited. */
  static final int MORE = -1;

  /** What {@link #process} answers for Enter. */
  static final int ENTER = 0;

  private enum Escape {
    NONE,
    ESC,
    BRACKET,
    BRACKET_DIGIT,
    O
  }

  private final Consumer<String> out;
  private final List<String> history = new ArrayList<>();
  private StringBuilder line = new StringBuilder();
  private int start;
  private int cursor;
  private Escape escape = Escape.NONE;
  private char escapeDigit;
  private int historyAt = -1;
  private boolean autoIndent;
  private boolean justIndented;
  private String prompt = "";

  /** Completes the text before the cursor: what to insert, or a listing already sent. */
  interface Completion {
    /**
     * @return the text to insert; {@code ""} for nothing; {@code null} when the matches were listed
     *     (the prompt and line are then drawn again)
     */
    String complete(String before);
  }

  private Completion completion = before -> "";

  /**
   * An editor that sends what the board echoes (latin-1 text: one char per byte) to {@code out}.
   */
  Readline(Consumer<String> out) {
    this.out = out;
  }

  /** How the tab key completes. */
  Readline completeWith(Completion completion) {
    this.completion = completion;
    return this;
  }

  /** A function of the board's names, for {@link #completeWith}: see {@link #completer}. */
  static Completion completer(Function<String, List<String>> names, Consumer<String> listing) {
    return before -> {
      int from = before.length();
      while (from > 0
          && (Character.isLetterOrDigit(before.charAt(from - 1))
              || before.charAt(from - 1) == '_')) {
        from--;
      }
      String word = before.substring(from);
      List<String> found = names.apply(before);
      if (found.isEmpty()) {
        // nothing found: the first word of a line may be "import" (py/repl.c)
        String importWord = "import ";
        return before.equals(word) && importWord.startsWith(word)
            ? importWord.substring(word.length())
            : "";
      }
      String common = found.get(0);
      for (String n : found) {
        int i = 0;
        while (i < common.length() && i < n.length() && common.charAt(i) == n.charAt(i)) {
          i++;
        }
        common = common.substring(0, i);
      }
      if (found.size() == 1 || common.length() > word.length()) {
        return common.substring(word.length());
      }
      listing.accept(listing(found));
      return null;
    };
  }

  /** The matches in 16-column slots, 4 to a line, as py/repl.c prints them. */
  static String listing(List<String> names) {
    final int slot = 16;
    final int max = 4 * slot;
    StringBuilder list = new StringBuilder();
    int lineLen = max;
    for (String n : names) {
      int gap = (lineLen + slot - 1) / slot * slot - lineLen;
      if (gap < 2) {
        gap += slot;
      }
      if (lineLen + gap + n.length() <= max) {
        list.append(" ".repeat(gap)).append(n);
        lineLen += gap + n.length();
      } else {
        list.append("\r\n").append(n);
        lineLen = n.length();
      }
    }
    return list.append("\r\n").toString();
  }

  /** Starts an input: prints the prompt; auto-indent is on for an input's first line. */
  void begin(StringBuilder input, String ps) {
    line = input;
    start = line.length();
    cursor = start;
    escape = Escape.NONE;
    historyAt = -1;
    prompt = ps;
    out.accept(ps);
    if (line.length() == 0) {
      autoIndent = true;
    }
    indent();
  }

  /** A continuation line of the same input ({@code \n} already appended): prompt and indent. */
  void continueInput(String ps) {
    begin(line, ps); // the input is not empty: auto-indent stays as the first line left it
  }

  /**
   * Whether the board's REPL asks for another line ({@code ... }) after this input, as py/repl.c
   * decides: an open triple quote or bracket, a trailing backslash, or a compound statement whose
   * last line is not empty. Not a parse: {@code x = (} continues, a syntax error runs.
   */
  static boolean continuesWithInput(String input) {
    if (input.isEmpty()) {
      return false;
    }
    boolean compound = input.charAt(0) == '@';
    for (String word :
        new String[] {"if", "while", "for", "try", "with", "def", "class", "async"}) {
      if (input.startsWith(word)
          && (input.length() == word.length() || !isIdent(input.charAt(word.length())))) {
        compound = true;
      }
    }
    final int none = 0;
    final int single = 1;
    final int dbl = 2;
    final int tripleSingle = 3;
    final int tripleDouble = 4;
    int quote = none;
    int parens = 0;
    int brackets = 0;
    int braces = 0;
    int n = input.length();
    for (int i = 0; i < n; i++) {
      char c = input.charAt(i);
      char next = i + 1 < n ? input.charAt(i + 1) : 0;
      char after = i + 2 < n ? input.charAt(i + 2) : 0;
      if (c == '\'' || c == '"') {
        int one = c == '\'' ? single : dbl;
        int three = c == '\'' ? tripleSingle : tripleDouble;
        if ((quote == none || quote == three) && next == c && after == c) {
          i += 2;
          quote = quote == none ? three : none;
        } else if (quote == none || quote == one) {
          quote = quote == none ? one : none;
        }
      } else if (c == '\\' && (next == '\'' || next == '"' || next == '\\')) {
        if (quote != none) {
          i++;
        }
      } else if (quote == none) {
        switch (c) {
          case '(' -> parens++;
          case ')' -> parens--;
          case '[' -> brackets++;
          case ']' -> brackets--;
          case '{' -> braces++;
          case '}' -> braces--;
          default -> {
            // not a bracket
          }
        }
      }
    }
    if (quote == tripleSingle || quote == tripleDouble) {
      return true;
    }
    if ((parens > 0 || brackets > 0 || braces > 0) && quote == none) {
      return true;
    }
    char last = input.charAt(n - 1);
    return last == '\\' || (compound && last != '\n');
  }

  private static boolean isIdent(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** The line being edited (without the earlier lines of the input). */
  String current() {
    return line.substring(start);
  }

  /**
   * One byte from the terminal.
   *
   * @return {@link #MORE}; {@link #ENTER}; or a control character (Ctrl-A to Ctrl-E at an empty
   *     line, Ctrl-C at any) for the REPL to act on
   */
  int process(int c) {
    int lastLength = line.length();
    int back = 0;
    boolean fromCursor = false;
    int forward = 0;
    switch (escape) {
      case NONE -> {
        if (c >= SerialRepl.CTRL_A && c <= SerialRepl.CTRL_E && line.length() == start) {
          return c; // a command at an empty line
        } else if (c == SerialRepl.CTRL_A) {
          back = cursor - start; // home
        } else if (c == SerialRepl.CTRL_B) {
          back = cursor > start ? 1 : 0;
        } else if (c == SerialRepl.CTRL_C) {
          return c;
        } else if (c == SerialRepl.CTRL_D) {
          fromCursor = deleteAtCursor();
        } else if (c == SerialRepl.CTRL_E) {
          forward = line.length() - cursor; // end
        } else if (c == 6) { // Ctrl-F
          forward = cursor < line.length() ? 1 : 0;
        } else if (c == 11) { // Ctrl-K: kill to the end of the line
          line.setLength(cursor);
          fromCursor = true;
        } else if (c == 14) { // Ctrl-N
          int[] r = historyDown();
          back = r[0];
          fromCursor = r[1] != 0;
          forward = r[2];
        } else if (c == 16) { // Ctrl-P
          int[] r = historyUp();
          back = r[0];
          fromCursor = r[1] != 0;
          forward = r[2];
        } else if (c == 21) { // Ctrl-U: kill to the start of the line
          line.delete(start, cursor);
          back = cursor - start;
          fromCursor = true;
        } else if (c == '\r') {
          out.accept("\r\n");
          remember(current());
          return ENTER;
        } else if (c == 27) {
          escape = Escape.ESC;
        } else if (c == 8 || c == 127) {
          if (cursor > start) {
            // an indent of spaces only goes back a whole level at once
            int spaces = 0;
            for (int i = start; i < cursor; i++) {
              if (line.charAt(i) != ' ') {
                spaces = 0;
                break;
              }
              spaces++;
            }
            int n = spaces < 4 ? 1 : 4;
            line.delete(cursor - n, cursor);
            back = n;
            fromCursor = true;
          }
        } else if (justIndented && (c == '\t' || c == ' ')) {
          // typing one's own indent after an automatic one turns auto-indent off for the input
          // (so that pasted code keeps its indent); a space takes back 3 of the 4 spaces
          autoIndent = false;
          if (c == ' ') {
            back = 3;
            line.setLength(line.length() - 3);
          }
        } else if (c == '\t') {
          String insert;
          if (line.length() != 0 && cursor > 0 && Character.isWhitespace(line.charAt(cursor - 1))) {
            insert = "    ";
          } else {
            insert = completion.complete(line.substring(start, cursor));
          }
          if (insert == null) {
            out.accept(prompt);
            out.accept(line.substring(start, cursor));
            fromCursor = true;
          } else if (!insert.isEmpty()) {
            line.insert(cursor, insert);
            fromCursor = true;
            forward = insert.length();
          }
        } else if (c >= 32 && c <= 126) {
          line.insert(cursor, (char) c);
          fromCursor = true;
          forward = 1;
        }
      }
      case ESC -> {
        escape =
            switch (c) {
              case '[' -> Escape.BRACKET;
              case 'O' -> Escape.O;
              default -> Escape.NONE;
            };
      }
      case BRACKET -> {
        if (c >= '0' && c <= '9') {
          escape = Escape.BRACKET_DIGIT;
          escapeDigit = (char) c;
        } else {
          escape = Escape.NONE;
          int[] r = {0, 0, 0};
          switch (c) {
            case 'A' -> r = historyUp();
            case 'B' -> r = historyDown();
            case 'C' -> r[2] = cursor < line.length() ? 1 : 0;
            case 'D' -> r[0] = cursor > start ? 1 : 0;
            case 'H' -> r[0] = cursor - start;
            case 'F' -> r[2] = line.length() - cursor;
            default -> {
              // an unknown sequence is ignored
            }
          }
          back = r[0];
          fromCursor = r[1] != 0;
          forward = r[2];
        }
      }
      case BRACKET_DIGIT -> {
        if (c == '~') {
          switch (escapeDigit) {
            case '1', '7' -> back = cursor - start;
            case '4', '8' -> forward = line.length() - cursor;
            case '3' -> fromCursor = deleteAtCursor();
            default -> {
              // an unknown key
            }
          }
        }
        escape = Escape.NONE;
      }
      case O -> {
        if (c == 'H') {
          back = cursor - start;
        } else if (c == 'F') {
          forward = line.length() - cursor;
        }
        escape = Escape.NONE;
      }
    }
    redraw(lastLength, back, fromCursor, forward);
    justIndented = false;
    return MORE;
  }

  private boolean deleteAtCursor() {
    if (cursor < line.length()) {
      line.deleteCharAt(cursor);
      return true;
    }
    return false;
  }

  /** Up: the previous line of the history, if there is one; {back, fromCursor, forward}. */
  private int[] historyUp() {
    if (historyAt + 1 < HISTORY_SIZE && historyAt + 1 < history.size()) {
      historyAt++;
      line.setLength(start);
      line.append(history.get(historyAt));
      return new int[] {cursor - start, 1, line.length() - start};
    }
    return new int[] {0, 0, 0};
  }

  /** Down: the next line of the history, or an empty line after the newest. */
  private int[] historyDown() {
    if (historyAt >= 0) {
      historyAt--;
      line.setLength(start);
      if (historyAt >= 0) {
        line.append(history.get(historyAt));
      }
      return new int[] {cursor - start, 1, line.length() - start};
    }
    return new int[] {0, 0, 0};
  }

  /** A line that is not empty and not the newest one already goes to the history. */
  void remember(String text) {
    if (!text.isEmpty() && (history.isEmpty() || !history.get(0).equals(text))) {
      history.add(0, text);
      if (history.size() > HISTORY_SIZE) {
        history.remove(HISTORY_SIZE);
      }
    }
  }

  /** Redraws after an edit with as few bytes as the board sends (readline.c's redraw). */
  private void redraw(int lastLength, int back, boolean fromCursor, int forward) {
    StringBuilder o = new StringBuilder();
    if (back > 0) {
      o.append(cursorBack(back));
      cursor -= back;
    }
    if (fromCursor) {
      if (line.length() < lastLength) {
        o.append("\u001b[K");
      }
      o.append(line, cursor, line.length());
      o.append(cursorBack(line.length() - (cursor + forward)));
      cursor += forward;
    } else if (forward > 0) {
      o.append(line, cursor, cursor + forward);
      cursor += forward;
    }
    if (o.length() > 0) {
      out.accept(o.toString());
    }
  }

  /** Up to 4 backspaces, else the VT100 sequence. */
  private static String cursorBack(int n) {
    if (n <= 0) {
      return "";
    }
    return n <= 4 ? "\b".repeat(n) : "\u001b[" + n + "D";
  }

  /** After a newline: the board's automatic indent, when auto-indent is on for this input. */
  private void indent() {
    if (!autoIndent) {
      return;
    }
    int n = indentLevels(line);
    while (n-- > 0) {
      line.append("    ");
      out.accept("    ");
      cursor += 4;
      justIndented = true;
    }
  }

  /**
   * How many levels of 4 spaces the board puts at the start of the line after {@code input} (which
   * ends with the {@code \n} of the line before): the indent of the line before, one level more
   * after a {@code :}; none after two lines of spaces only, so that Enter on empty lines ends a
   * block as on the board.
   */
  static int indentLevels(CharSequence input) {
    int len = input.length();
    if (len <= 1 || input.charAt(len - 1) != '\n') {
      return 0;
    }
    int i = len - 1;
    while (i > 0 && input.charAt(i - 1) != '\n') {
      i--;
    }
    int j = i;
    while (j < len && input.charAt(j) == ' ') {
      j++;
    }
    if (i > 0 && j + 1 == len) {
      // the line before was spaces only: no indent when the one before it was too
      for (int k = i - 1; k > 0; k--) {
        if (input.charAt(k - 1) == '\n') {
          return 0;
        } else if (input.charAt(k - 1) != ' ') {
          break;
        }
      }
    }
    int n = (j - i) / 4;
    if (input.charAt(len - 2) == ':') {
      n++;
    }
    return n;
  }

  /** The bytes of a latin-1 string. */
  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
