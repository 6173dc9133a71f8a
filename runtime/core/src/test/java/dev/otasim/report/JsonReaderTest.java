package dev.otasim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
  @Test
  void readsObjectsInOrderArraysAndPlainValues() {
    assertThat(JsonReader.parse("x", "{\"b\": [1, \"\\u00e9\", true, null], \"a\": {}}"))
        .isEqualTo(Map.of("b", java.util.Arrays.asList(1.0, "é", true, null), "a", Map.of()));
    assertThat(((Map<?, ?>) JsonReader.parse("x", "{\"b\": 1, \"a\": 2}")).keySet().toString())
        .isEqualTo("[b, a]");
    assertThat(JsonReader.parse("x", " [ ] ")).isEqualTo(List.of());
  }

  @Test
  void aFileOfBracketsIsAMistakeNotAStackOverflow() {
    String bomb = "[".repeat(100_000);
    assertThatThrownBy(() -> JsonReader.parse("shard.json is not a fleet report's JSON", bomb))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "shard.json is not a fleet report's JSON: expected at most 64 nested objects and"
                + " arrays at character 65");
  }

  @Test
  void anEscapeWithoutFourHexDigitsIsAMistake() {
    assertThatThrownBy(() -> JsonReader.parse("x.json is wrong", "\"\\uZZZZ\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x.json is wrong: expected four hex digits at character 4");
  }

  @Test
  void aFlatObjectRefusesNestingWhereItStarts() {
    assertThat(JsonReader.parseFlatObject("r", "{\"private\": true, \"n\": 2}"))
        .containsExactly(Map.entry("private", true), Map.entry("n", 2.0));
    assertThatThrownBy(() -> JsonReader.parseFlatObject("repo.json: plain", "{\"a\": [1]}"))
        .hasMessage(
            "repo.json: plain: expected a string, number, true, false or null at character 7");
    assertThatThrownBy(() -> JsonReader.parseFlatObject("repo.json: plain", "[1]"))
        .hasMessage("repo.json: plain: expected '{' at character 1");
  }

  @Test
  void somethingAfterTheValueIsAMistake() {
    assertThatThrownBy(() -> JsonReader.parse("x", "{} {}"))
        .hasMessage("x: expected the end of the file at character 4");
    assertThatThrownBy(() -> JsonReader.parse("x", "[1 2]"))
        .hasMessage("x: expected ',' or ']' at character 4");
  }
}
