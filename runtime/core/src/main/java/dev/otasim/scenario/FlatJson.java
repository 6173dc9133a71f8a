package dev.otasim.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON object of plain values ({@code "key": "text" | true | false | null | number}), as a
 * settings file such as repo.json holds; anything nested is refused with the place it starts.
 */
final class FlatJson {
  private final String file;
  private final String text;
  private int at;

  private FlatJson(String file, String text) {
    this.file = file;
    this.text = text;
  }

  /**
   * The object's keys and values: {@link String}, {@link Boolean}, {@link Double} or {@code null}.
   *
   * @throws IllegalArgumentException naming the file and the character where reading failed
   */
  static Map<String, Object> parse(String file, String text) {
    return new FlatJson(file, text).object();
  }

  private Map<String, Object> object() {
    Map<String, Object> out = new LinkedHashMap<>();
    expect('{');
    if (peek() == '}') {
      at++;
    } else {
      while (true) {
        String key = string();
        expect(':');
        out.put(key, value());
        char c = next();
        if (c == '}') {
          break;
        }
        if (c != ',') {
          throw wrong("',' or '}'");
        }
      }
    }
    if (peek() != 0) {
      throw wrong("the end of the file");
    }
    return out;
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
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
      throw wrong("a string, number, true, false or null");
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
            + ": not a JSON object of plain values: expected "
            + wanted
            + " at character "
            + (Math.max(at, 0) + 1));
  }
}
