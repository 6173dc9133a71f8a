package dev.otasim.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON a fleet report writes, to merge shards: objects as maps in order, arrays as lists,
 * numbers as {@link Double}, and strings, booleans and null as themselves.
 */
final class Json {
  private final String file;
  private final String text;
  private int at;

  private Json(String file, String text) {
    this.file = file;
    this.text = text;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming {@code file} and the character where reading failed
   */
  static Object parse(String file, String text) {
    Json j = new Json(file, text);
    Object v = j.value();
    if (j.peek() != 0) {
      throw j.wrong("the end of the file");
    }
    return v;
  }

  private Object value() {
    char c = peek();
    switch (c) {
      case '{' -> {
        at++;
        Map<String, Object> out = new LinkedHashMap<>();
        if (peek() == '}') {
          at++;
          return out;
        }
        while (true) {
          if (peek() != '"') {
            throw wrong("a key");
          }
          String key = string();
          expect(':');
          out.put(key, value());
          char n = next();
          if (n == '}') {
            return out;
          }
          if (n != ',') {
            at--;
            throw wrong("',' or '}'");
          }
        }
      }
      case '[' -> {
        at++;
        List<Object> out = new ArrayList<>();
        if (peek() == ']') {
          at++;
          return out;
        }
        while (true) {
          out.add(value());
          char n = next();
          if (n == ']') {
            return out;
          }
          if (n != ',') {
            at--;
            throw wrong("',' or ']'");
          }
        }
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
          throw wrong("a value");
        }
      }
    }
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
            if (at + 4 > text.length()) {
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
        file
            + " is not a fleet report's JSON: expected "
            + wanted
            + " at character "
            + (Math.max(at, 0) + 1));
  }
}
