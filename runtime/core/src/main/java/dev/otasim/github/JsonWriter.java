package dev.otasim.github;

import dev.otasim.report.JsonString;

/**
 * A compact JSON writer, producing what GitHub's API sends: no whitespace, non-ASCII text as UTF-8,
 * control characters escaped.
 *
 * <p>It checks nothing about nesting; the documents it writes are few and fixed.
 */
final class JsonWriter {
  private final StringBuilder out = new StringBuilder();
  private boolean first = true;
  private boolean afterName;

  JsonWriter beginObject() {
    beforeValue();
    out.append('{');
    first = true;
    return this;
  }

  JsonWriter endObject() {
    out.append('}');
    first = false;
    return this;
  }

  JsonWriter beginArray() {
    beforeValue();
    out.append('[');
    first = true;
    return this;
  }

  JsonWriter endArray() {
    out.append(']');
    first = false;
    return this;
  }

  JsonWriter name(String name) {
    beforeValue();
    string(name);
    out.append(':');
    afterName = true;
    return this;
  }

  /** Writes {@code value} as a string, or {@code null}. */
  JsonWriter value(String value) {
    beforeValue();
    if (value == null) {
      out.append("null");
    } else {
      string(value);
    }
    return this;
  }

  JsonWriter value(long value) {
    beforeValue();
    out.append(value);
    return this;
  }

  JsonWriter value(boolean value) {
    beforeValue();
    out.append(value);
    return this;
  }

  /** Shorthand for {@code name(name).value(value)}. */
  JsonWriter field(String name, String value) {
    return name(name).value(value);
  }

  JsonWriter field(String name, long value) {
    return name(name).value(value);
  }

  JsonWriter field(String name, boolean value) {
    return name(name).value(value);
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
    } else if (!first) {
      out.append(',');
    }
    first = false;
  }

  private void string(String s) {
    out.append(JsonString.quote(s));
  }
}
