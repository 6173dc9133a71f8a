package dev.otasim.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API's conditional requests: the same request with the ETag in {@code If-None-Match} gets 304
 * without a body, and a 304 does not count against the rate limit (spec/github-api.md; issue 17
 * item 3).
 */
class ConditionalRequestTest {
  private final FakeGitHub github = FakeGitHub.create();

  @BeforeEach
  void publish() {
    github.repository("me/app").release("v1.0.0", files -> files.file("main.py", "x"));
    github.start();
  }

  @AfterEach
  void close() {
    github.close();
  }

  private RawHttp.Response latest(String... extra) throws IOException {
    String[] headers = new String[extra.length + 1];
    headers[0] = "User-Agent: t";
    System.arraycopy(extra, 0, headers, 1, extra.length);
    return RawHttp.get10(
        github.address(), "api.github.com", "/repos/me/app/releases/latest", headers);
  }

  @Test
  void answersAMatchingIfNoneMatchWith304WithoutCountingIt() throws IOException {
    RawHttp.Response first = latest();
    String etag = first.header("etag").orElseThrow();

    RawHttp.Response again = latest("If-None-Match: " + etag);
    RawHttp.Response strong = latest("If-None-Match: " + etag.substring(2));
    RawHttp.Response other = latest("If-None-Match: W/\"0000\"");

    assertThat(etag).startsWith("W/\"");
    assertThat(first.header("x-ratelimit-remaining")).contains("59");
    assertThat(again.statusLine()).isEqualTo("HTTP/1.1 304 Not Modified");
    assertThat(again.body()).isEmpty();
    assertThat(again.header("etag")).contains(etag);
    assertThat(again.header("x-ratelimit-remaining")).contains("59");
    assertThat(again.header("x-ratelimit-used")).contains("1");
    assertThat(strong.status()).isEqualTo(304);
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.header("x-ratelimit-remaining")).contains("58");
    assertThat(github.unexpected()).isEmpty();
  }
}
