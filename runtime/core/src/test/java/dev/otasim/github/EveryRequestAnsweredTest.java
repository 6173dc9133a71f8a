package dev.otasim.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No request to a GitHub host is answered 501 (issue 17 item 3): a route that is not simulated gets
 * what GitHub answers an unknown route, 404, and a near-miss report; HEAD is answered as GET
 * without the body.
 */
class EveryRequestAnsweredTest {
  private final FakeGitHub github = FakeGitHub.create();

  @BeforeEach
  void publish() {
    github
        .repository("me/app")
        .release("v1.0.0", files -> files.file("main.py", "print(1)\n"))
        .asset("v1.0.0", "fw.bin", new byte[] {1, 2, 3});
    github.start();
  }

  @AfterEach
  void close() {
    github.close();
  }

  @ParameterizedTest
  @CsvSource({
    "GET, api.github.com, /repos/me/app/pulls",
    "GET, api.github.com, /repos/me/app/actions/runs",
    "POST, api.github.com, /repos/me/app/releases",
    "DELETE, api.github.com, /repos/me/app/git/refs/tags/v1.0.0",
    "GET, api.github.com, /user",
    "PUT, raw.githubusercontent.com, /me/app/v1.0.0/main.py",
    "GET, codeload.github.com, /me/app/tar/v1.0.0",
    "GET, github.com, /me/app/pulls",
    "POST, github.com, /me/app/releases/download/v1.0.0/fw.bin",
    "GET, release-assets.githubusercontent.com, /elsewhere",
    "GET, objects.githubusercontent.com, /github-production-release-asset-2e65be/1/x",
  })
  void anUnsimulatedRouteIsGitHubsUnexpected404(String method, String host, String target)
      throws IOException {
    RawHttp.Response response =
        RawHttp.send(
            github.address(),
            List.of(
                method + " " + target + " HTTP/1.0",
                "Host: " + host,
                "User-Agent: test",
                "Content-Length: 0",
                "Connection: close"));

    assertThat(response.status()).isEqualTo(404);
    assertThat(github.unexpected()).hasSize(1);
    assertThat(github.nearMisses())
        .startsWith("Unexpected request " + method + " " + host + target + "; closest scripted:");
  }

  @Test
  void headIsAnsweredAsGetWithoutTheBody() throws IOException {
    RawHttp.Response head =
        RawHttp.send(
            github.address(),
            List.of(
                "HEAD /me/app/v1.0.0/main.py HTTP/1.0",
                "Host: raw.githubusercontent.com",
                "Connection: close"));
    RawHttp.Response api =
        RawHttp.send(
            github.address(),
            List.of(
                "HEAD /repos/me/app/releases/latest HTTP/1.1",
                "Host: api.github.com",
                "User-Agent: test",
                "Connection: close"));

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("content-length")).hasValue("9");
    assertThat(head.body()).isEmpty();
    assertThat(api.status()).isEqualTo(200);
    assertThat(api.header("transfer-encoding")).isEmpty();
    assertThat(Integer.parseInt(api.header("content-length").orElseThrow())).isGreaterThan(1000);
    assertThat(api.body()).isEmpty();
    assertThat(github.unexpected()).isEmpty();
  }
}
