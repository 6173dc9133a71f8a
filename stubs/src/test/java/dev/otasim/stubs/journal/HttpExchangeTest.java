package dev.otasim.stubs.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The journal's http line shows the start of a non-2xx body on one line (issue 11). */
class HttpExchangeTest {
  @Test
  void showsTheBodyStartAfterTheStatus() {
    Event e =
        new Event.HttpExchange(
            "GET",
            "https://api.github.com/repos/o/a/releases/latest",
            403,
            96,
            Event.HttpExchange.bodyStart("no User-Agent\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(e)
        .hasToString(
            "http GET https://api.github.com/repos/o/a/releases/latest -> 403 (96 B)"
                + " \"no User-Agent\\n\"");
    assertThat(new Event.HttpExchange("GET", "http://h/x", 200, 5))
        .hasToString("http GET http://h/x -> 200 (5 B)");
  }

  @Test
  void escapesQuotesBackslashesAndControlsAndKeepsUtf8() {
    byte[] body = "{\"a\":\"b\\c\"}\r\n\t\u0001é€".getBytes(StandardCharsets.UTF_8);
    assertThat(Event.HttpExchange.bodyStart(body))
        .isEqualTo("\"{\\\"a\\\":\\\"b\\\\c\\\"}\\r\\n\\t\\x01é€\"");
    assertThat(Event.HttpExchange.bodyStart(new byte[] {(byte) 0xff, 'x'})).isEqualTo("\"\\xffx\"");
    assertThat(Event.HttpExchange.bodyStart(new byte[0])).isEmpty();
  }

  @Test
  void cutsAfter200BytesWithAnEllipsisAndNeverHalfACharacter() {
    String exact = "x".repeat(200);
    assertThat(Event.HttpExchange.bodyStart(exact.getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("\"" + exact + "\"");
    assertThat(Event.HttpExchange.bodyStart((exact + "y").getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("\"" + exact + "\"…");
    // 199 ASCII bytes, then a 2-byte character the cut splits: its first byte shows escaped
    byte[] split = ("x".repeat(199) + "é").getBytes(StandardCharsets.UTF_8);
    assertThat(Event.HttpExchange.bodyStart(split)).isEqualTo("\"" + "x".repeat(199) + "\\xc3\"…");
  }
}
