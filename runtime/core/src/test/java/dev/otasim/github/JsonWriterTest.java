package dev.otasim.github;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonWriterTest {
  @Test
  void writesCompactJsonWithEscapedStrings() {
    String json =
        new JsonWriter()
            .beginObject()
            .field("s", "quote \" backslash \\ newline \n tab \t bell \u0007 é")
            .field("n", 42)
            .field("b", false)
            .field("null", (String) null)
            .name("a")
            .beginArray()
            .beginObject()
            .endObject()
            .beginArray()
            .endArray()
            .value(1)
            .endArray()
            .endObject()
            .toString();

    assertThat(json)
        .isEqualTo(
            "{\"s\":\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 é\","
                + "\"n\":42,\"b\":false,\"null\":null,\"a\":[{},[],1]}");
  }
}
