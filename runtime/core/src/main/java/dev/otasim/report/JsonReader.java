package dev.otasim.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON from a file a user, a shard or a hostile repository supplies: objects as maps in
 * order, arrays as lists, numbers as {@link Double}, strings, booleans and null as themselves.
 * Every mistake is an {@link IllegalArgumentException} that says what was expected and at which
 * character, never another exception; nesting is bounded, so a file of brackets cannot exhaust the
 * stack.
 */
public final class JsonReader {
  /** Deeper than any file otasim reads or writes, far below what the stack holds. */
  static final int MAX_DEPTH = 64;

  private final String problem;
  private final String text;
  private final boolean flat;
  private int at;
  private int depth;

  private JsonReader(String problem, String text, boolean flat) {
    this.problem = problem;
    this.text = text;
    this.flat = flat;
  }

  /**
   * Parses {@code text}.
   *
   * @param problem how a mistake's message starts, e.g. {@code "shard.json is not a fleet report's
   *     JSON"}; {@code ": expected ... at character N"} follows it
   */
  public static Object parse(String problem, String text) {
    JsonReader r = new JsonReader(problem, text, false);
    Object v = r.value();
    r.end();
    return v;
  }

  /**
   * Parses an object of plain values ({@code "key": "text" | true | false | null | number}), as a
   * settings file holds; anything nested is refused at the place it starts.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseFlatObject(String problem, String text) {
    JsonReader r = new JsonReader(problem, text, true);
    if (r.peek() != '{') {
      r.expect('{');
    }
    Map<String, Object> v = (Map<String, Object>) r.value();
    r.end();
    return v;
  }

  private void end() {
    if (peek() != 0) {
      throw wrong("the end of the file");
    }
  }

  private Object value() {
    char c = peek();
    if ((c == '{' || c == '[') && flat && depth > 0) {
      throw wrong("a string, number, true, false or null");
    }
    if ((c == '{' || c == '[') && ++depth > MAX_DEPTH) {
      throw wrong("at most " + MAX_DEPTH + " nested objects and arrays");
    }
    switch (c) {
      case '{' -> {
        at++;
        Map<String, Object> out = new LinkedHashMap<>();
        if (peek() == '}') {
          at++;
        } else {
          do {
            String key = string();
            expect(':');
            out.put(key, value());
          } while (comma('}'));
        }
        depth--;
        return out;
      }
      case '[' -> {
        at++;
        List<Object> out = new ArrayList<>();
        if (peek() == ']') {
          at++;
        } else {
          do {
            out.add(value());
          } while (comma(']'));
        }
        depth--;
        return out;
      }
      case '"' -> {
        return string();
      }
      default -> {
        for (String word : new String[] {"true", "false", "null"}) {
          if (text.startsWith(word, at)) {
            at += word.length();
            return word.equals("null") ? null : Boolean.valueOf(word);
          }
        }
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
          at++;
        }
        try {
          return Double.parseDouble(text.substring(start, at));
        } catch (NumberFormatException e) {
          at = start;
          throw wrong(flat ? "a string, number, true, false or null" : "a value");
        }
      }
    }
  }

  /** After a member: true on a comma, false on {@code close}. */
  private boolean comma(char close) {
    char n = next();
    if (n == close) {
      return false;
    }
    if (n != ',') {
      at--;
      throw wrong("',' or '" + close + "'");
    }
    return true;
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\' && at < text.length()) {
        char e = text.charAt(at++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            if (at + 4 > text.length()
                || !text.substring(at, at + 4).chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
              throw wrong("four hex digits");
            }
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          default -> out.append(e);
        }
      } else {
        out.append(c);
      }
    }
    throw wrong("the string's closing '\"'");
  }

  private void expect(char c) {
    if (next() != c) {
      at--;
      throw wrong("'" + c + "'");
    }
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private char peek() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    return at < text.length() ? text.charAt(at) : 0;
  }

  private IllegalArgumentException wrong(String wanted) {
    return new IllegalArgumentException(
        problem + ": expected " + wanted + " at character " + (Math.max(at, 0) + 1));
  }
}
