package dev.otasim.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otasim.github.NetworkFault.DisconnectAfter;
import dev.otasim.github.NetworkFault.RateLimited;
import dev.otasim.github.NetworkFault.Redirect;
import dev.otasim.github.NetworkFault.ResetConnection;
import dev.otasim.github.NetworkFault.SlowTrickle;
import dev.otasim.github.NetworkFault.Stall;
import dev.otasim.github.NetworkFault.Status;
import dev.otasim.github.NetworkFault.TruncatedBody;
import dev.otasim.github.NetworkFault.WrongContentLength;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

// stalls and slow bodies against 500 ms client timeouts
@Isolated
class FaultsTest {
  static final String RAW = "raw.githubusercontent.com";
  static final String API = "api.github.com";
  static final String MAIN_PY = "/owner/app/v1.1.0/main.py";
  static final String LATEST = "/repos/owner/app/releases/latest";

  /** 1000 bytes of Python, so cuts at 100 land inside the body. */
  static final String SOURCE = ("print('v1.1.0')  # " + "x".repeat(80) + "\n").repeat(10);

  FakeGitHub github = FakeGitHub.create();
  OkHttpClient okhttp =
      new OkHttpClient.Builder()
          .dns(host -> List.of(InetAddress.getLoopbackAddress()))
          .followRedirects(false)
          .retryOnConnectionFailure(false)
          .readTimeout(Duration.ofMillis(500))
          .build();

  @BeforeEach
  void release() {
    assertThat(SOURCE).hasSize(1000);
    github.repository("owner/app").release("v1.1.0", files -> files.file("main.py", SOURCE));
  }

  @AfterEach
  void close() {
    github.close();
    okhttp.dispatcher().executorService().shutdown();
    okhttp.connectionPool().evictAll();
  }

  InetSocketAddress server() {
    return github.start().address();
  }

  /** Every byte of a raw GET, read to EOF as MicroPython's requests does with HTTP/1.0. */
  byte[] bytes(String host, String target) throws IOException {
    return RawHttp.bytes10(server(), host, target, 3_000);
  }

  RawHttp.Response get(String host, String target) throws IOException {
    return RawHttp.get10(server(), host, target, FakeGitHubTest.UA);
  }

  Response http11(String host, String target) throws IOException {
    int port = server().getPort();
    return okhttp
        .newCall(new Request.Builder().url("http://" + host + ":" + port + target).build())
        .execute();
  }

  static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  @Nested
  class OnTheWire {
    @Test
    void stallLeavesTheClientWaitingUntilItsReadTimesOut() throws IOException {
      // given
      github.on("GET", RAW, MAIN_PY).fault(new Stall());

      // when / then: nothing arrives, and the connection stays open
      assertThatThrownBy(() -> RawHttp.bytes10(server(), RAW, MAIN_PY, 300))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessage("Read timed out");
      assertThat(github.exchanges())
          .map(Exchange::toString)
          .containsExactly(
              "GET raw.githubusercontent.com/owner/app/v1.1.0/main.py -> 200 (1000 B),"
                  + " stall (never answers)");
    }

    @Test
    void stallTimesOutAnHttp11Client() {
      github.on("GET", API, LATEST).fault(new Stall());

      assertThatThrownBy(() -> http11(API, LATEST)).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void closingTheServerEndsAStalledConnection() throws Exception {
      // given: a client stalled with no timeout of its own
      github.on("*", "*", "*").fault(new Stall());
      try (Socket socket = new Socket()) {
        socket.connect(server());
        socket.getOutputStream().write(request(RAW, MAIN_PY));
        awaitExchanges(1);

        // when (a close that waited for the stall would hold the test to its timeout)
        github.close();

        // then: the server neither waits for the stall nor leaves the client hanging
        socket.setSoTimeout(30_000);
        assertThat(socket.getInputStream().read()).isEqualTo(-1);
      }
    }

    @Test
    void truncatedBodyAnnouncesTheWholeLengthThenEndsEarly() throws IOException {
      github.on("GET", RAW, MAIN_PY).fault(new TruncatedBody(100));

      RawHttp.Response response = RawHttp.parse(bytes(RAW, MAIN_PY));

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("content-length")).hasValue("1000");
      assertThat(response.text()).isEqualTo(SOURCE.substring(0, 100));
    }

    @Test
    void truncatedBodyUnchunksJsonForHttp11ClientsAndCutsIt() throws IOException {
      // given: a release JSON, which HTTP/1.1 clients normally get chunked
      github.on("GET", API, LATEST).fault(new TruncatedBody(100));

      // when
      try (Response response = http11(API, LATEST)) {
        // then
        assertThat(response.header("transfer-encoding")).isNull();
        long announced = Long.parseLong(response.header("content-length"));
        assertThat(announced).isGreaterThan(1024);
        assertThatThrownBy(() -> response.body().bytes())
            .isInstanceOf(java.net.ProtocolException.class)
            .hasMessage("unexpected end of stream");
      }
    }

    @Test
    void disconnectAfterSendsExactlyThatManyBytesOfTheResponse() throws IOException {
      // given: the first answer is whole, the next two are cut inside the headers and the body
      github.on("GET", RAW, MAIN_PY).onRequest(2).fault(new DisconnectAfter(20));
      github.on("GET", RAW, MAIN_PY).onRequest(3).fault(new DisconnectAfter(1100));

      // when
      byte[] whole = bytes(RAW, MAIN_PY);
      byte[] inHeaders = bytes(RAW, MAIN_PY);
      byte[] inBody = bytes(RAW, MAIN_PY);

      // then
      assertThat(latin1(inHeaders)).isEqualTo("HTTP/1.1 200 OK\r\ncon");
      int head = latin1(whole).indexOf("\r\n\r\n") + 4; // the same length in every response
      assertThat(inBody).hasSize(1100);
      assertThat(latin1(inBody)).endsWith("\r\n\r\n" + SOURCE.substring(0, 1100 - head));
      assertThat(whole).hasSize(head + 1000);
    }

    @Test
    void disconnectAfterZeroBytesEndsTheStreamWithNothing() throws IOException {
      github.on("GET", RAW, MAIN_PY).fault(new DisconnectAfter(0));

      assertThat(bytes(RAW, MAIN_PY)).isEmpty();
    }

    @Test
    void resetConnectionFailsTheClientsReadWithAReset() {
      github.on("GET", RAW, MAIN_PY).fault(new ResetConnection());

      assertThatThrownBy(() -> bytes(RAW, MAIN_PY))
          .isInstanceOf(SocketException.class)
          .hasMessage("Connection reset");
    }

    @Test
    void resetConnectionFailsAnHttp11Client() {
      github.on("GET", API, LATEST).fault(new ResetConnection());

      assertThatThrownBy(() -> http11(API, LATEST))
          .isInstanceOf(SocketException.class)
          .hasMessage("Connection reset");
    }

    @Test
    void resetsTheFaultedConnectionAndNoOther() throws IOException {
      // given: two connections open at once, only the second one's request is reset
      github.on("GET", RAW, MAIN_PY).onRequest(1).fault(new ResetConnection());
      try (Socket first = new Socket();
          Socket second = new Socket()) {
        first.connect(server());
        second.connect(server());
        second.setSoTimeout(3_000);
        first.setSoTimeout(3_000);

        // when
        second.getOutputStream().write(request(RAW, MAIN_PY));
        InputStream reset = second.getInputStream();
        assertThatThrownBy(reset::read).isInstanceOf(SocketException.class);
        OutputStream out = first.getOutputStream();
        out.write(request(RAW, MAIN_PY));

        // then
        RawHttp.Response response = RawHttp.parse(first.getInputStream().readAllBytes());
        assertThat(response.text()).isEqualTo(SOURCE);
      }
    }

    @Test
    void wrongContentLengthSmallerSendsTheWholeBodyAnyway() throws IOException {
      github.on("GET", RAW, MAIN_PY).fault(new WrongContentLength(10));

      RawHttp.Response response = RawHttp.parse(bytes(RAW, MAIN_PY));

      assertThat(response.header("content-length")).hasValue("10");
      assertThat(response.text()).isEqualTo(SOURCE);
      assertThat(github.exchanges())
          .map(Exchange::toString)
          .containsExactly(
              "GET raw.githubusercontent.com/owner/app/v1.1.0/main.py -> 200 (10 B),"
                  + " wrong Content-Length: 10");
    }

    @Test
    void wrongContentLengthLargerEndsTheStreamBeforeTheAnnouncedEnd() throws IOException {
      github.on("GET", RAW, MAIN_PY).fault(new WrongContentLength(5000));

      RawHttp.Response response = RawHttp.parse(bytes(RAW, MAIN_PY));

      assertThat(response.header("content-length")).hasValue("5000");
      assertThat(response.text()).isEqualTo(SOURCE);
    }

    @Test
    void wrongContentLengthSmallerLeavesAnHttp11ClientWithThatMuch() throws IOException {
      github.on("GET", RAW, MAIN_PY).fault(new WrongContentLength(10));

      try (Response response = http11(RAW, MAIN_PY)) {
        assertThat(response.body().string()).isEqualTo(SOURCE.substring(0, 10));
      }
    }

    @Test
    void slowTrickleArrivesCompleteButTakesItsTime() throws IOException {
      // given: 1000 B at 250 B per 20 ms
      github.on("GET", RAW, MAIN_PY).fault(new SlowTrickle(250, Duration.ofMillis(20)));

      // when
      long start = System.nanoTime();
      RawHttp.Response response = RawHttp.parse(bytes(RAW, MAIN_PY));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      // then
      assertThat(response.text()).isEqualTo(SOURCE);
      assertThat(millis).isGreaterThanOrEqualTo(60);
    }

    @Test
    void statusOnTheApiIsGitHubsErrorJsonWithTheModelsRateLimitHeaders() throws IOException {
      github.on("GET", API, LATEST).fault(new Status(503));

      RawHttp.Response response = get(API, LATEST);

      assertThat(response.statusLine()).isEqualTo("HTTP/1.1 503 Service Unavailable");
      assertThat(response.text())
          .isEqualTo(
              "{\"message\":\"Service Unavailable\","
                  + "\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"503\"}");
      assertThat(response.header("content-type")).hasValue("application/json; charset=utf-8");
      assertThat(response.header("content-length"))
          .hasValue(Integer.toString(response.body().length));
      assertThat(response.header("x-ratelimit-remaining")).hasValue("59");
      assertThat(response.header("etag")).isEmpty();
      assertThat(response.headerNames()).doesNotHaveDuplicates();
    }

    @Test
    void statusOnRawIsPlainText() throws IOException {
      github.on("GET", RAW, MAIN_PY).fault(new Status(500));

      RawHttp.Response response = get(RAW, MAIN_PY);

      assertThat(response.statusLine()).isEqualTo("HTTP/1.1 500 Internal Server Error");
      assertThat(response.text()).isEqualTo("500: Internal Server Error");
      assertThat(response.header("content-type")).hasValue("text/plain; charset=utf-8");
      assertThat(response.header("cache-control")).isEmpty();
    }

    @Test
    void rateLimitedIsGitHubsForbiddenWithNoRequestsRemaining() throws IOException {
      github.on("GET", API, LATEST).fault(new RateLimited());

      RawHttp.Response response = get(API, LATEST);

      assertThat(response.statusLine()).isEqualTo("HTTP/1.1 403 Forbidden");
      assertThat(response.text())
          .isEqualTo(
              "{\"message\":\"API rate limit exceeded for 127.0.0.1. (But here's the good news:"
                  + " Authenticated requests get a higher rate limit. Check out the documentation"
                  + " for more details.)\",\"documentation_url\":\"https://docs.github.com/rest/"
                  + "overview/resources-in-the-rest-api#rate-limiting\"}");
      assertThat(response.header("x-ratelimit-limit")).hasValue("60");
      assertThat(response.header("x-ratelimit-remaining")).hasValue("0");
      assertThat(response.header("x-ratelimit-used")).hasValue("60");
      assertThat(response.header("x-ratelimit-resource")).hasValue("core");
      assertThat(response.header("x-ratelimit-reset")).hasValue("1767229200");
    }

    @Test
    void redirectSendsTheLocationAndAnEmptyBody() throws IOException {
      github
          .on("GET", RAW, MAIN_PY)
          .fault(new Redirect("https://objects.githubusercontent.com/x/main.py", 307));

      RawHttp.Response response = get(RAW, MAIN_PY);

      assertThat(response.statusLine()).isEqualTo("HTTP/1.1 307 Temporary Redirect");
      assertThat(response.header("location"))
          .hasValue("https://objects.githubusercontent.com/x/main.py");
      assertThat(response.header("content-length")).hasValue("0");
      assertThat(response.body()).isEmpty();
    }

    @Test
    void headerCaseIsTheConfiguredOneInReplacedResponses() throws IOException {
      github.setHeaderCase(HeaderCase.CANONICAL);
      github.on("GET", API, LATEST).fault(new RateLimited());

      RawHttp.Response response = get(API, LATEST);

      assertThat(response.header("X-RateLimit-Remaining")).hasValue("0");
      assertThat(response.header("Content-Length")).isPresent();
      assertThat(response.headerNames()).contains("X-GitHub-Request-Id", "Date");
    }
  }

  @Nested
  class Selection {
    @Test
    void timesOneFaultsOnlyTheFirstMatchingRequest() throws IOException {
      github.on("GET", RAW, MAIN_PY).times(1).fault(new Status(502));

      assertThat(get(RAW, MAIN_PY).status()).isEqualTo(502);
      assertThat(get(RAW, MAIN_PY).status()).isEqualTo(200);
      assertThat(get(RAW, MAIN_PY).status()).isEqualTo(200);
    }

    @Test
    void onRequestFaultsOnlyTheNthMatchingRequest() throws IOException {
      github.on("GET", RAW, MAIN_PY).onRequest(3).fault(new Status(502));

      assertThat(List.of(status(), status(), status(), status()))
          .containsExactly(200, 200, 502, 200);
    }

    @Test
    void alwaysFaultsEveryMatchingRequestAndNoOther() throws IOException {
      github.on("GET", RAW, MAIN_PY).always().fault(new Status(502));

      assertThat(List.of(status(), status())).containsExactly(502, 502);
      assertThat(get(API, LATEST).status()).isEqualTo(200);
    }

    @Test
    void fromFaultsTheNthAndLaterRequests() throws IOException {
      github.on("GET", RAW, MAIN_PY).from(2).fault(new Status(502));

      assertThat(List.of(status(), status(), status())).containsExactly(200, 502, 502);
    }

    @Test
    void globsMatchAnyRefAndPrefixes() throws IOException {
      github.repository("owner/app").release("v1.2.0", files -> files.file("main.py", "x"));
      github.on("GET", RAW, "/owner/app/*/main.py").fault(new Status(500));
      github.on("*", API, "/repos/owner/**").fault(new Status(503));

      assertThat(get(RAW, "/owner/app/v1.2.0/main.py").status()).isEqualTo(500);
      assertThat(get(RAW, "/owner/app/refs/tags/v1.2.0/main.py").status()).isEqualTo(200);
      assertThat(get(API, "/repos/owner/app/contents/main.py?ref=v1.2.0").status()).isEqualTo(503);
    }

    @Test
    void aLaterRuleWinsButEveryMatchingRuleCounts() throws IOException {
      // given: an "every time" rule, then one for the 2nd request only
      github.on("GET", RAW, MAIN_PY).fault(new Status(500));
      github.on("GET", RAW, "/owner/app/**").onRequest(2).fault(new Status(503));

      assertThat(List.of(status(), status(), status())).containsExactly(500, 503, 500);
    }

    @Test
    void faultsAreRecordedWithTheExchangesTheySpoiled() throws IOException {
      github.on("GET", RAW, MAIN_PY).onRequest(2).fault(new TruncatedBody(100));

      bytes(RAW, MAIN_PY);
      bytes(RAW, MAIN_PY);

      assertThat(github.exchanges())
          .map(Exchange::toString)
          .containsExactly(
              "GET raw.githubusercontent.com/owner/app/v1.1.0/main.py -> 200 (1000 B)",
              "GET raw.githubusercontent.com/owner/app/v1.1.0/main.py -> 200 (1000 B),"
                  + " truncated body after 100 B");
      assertThat(github.exchanges().get(1).fault()).contains(new TruncatedBody(100));
    }

    @Test
    void installedRulesAreListed() {
      FaultRule rule = github.on("GET", RAW, MAIN_PY).times(2).fault(new Stall());

      assertThat(github.faults()).containsExactly(rule);
      assertThat(rule)
          .hasToString(
              "GET raw.githubusercontent.com/owner/app/v1.1.0/main.py, the first 2 times:"
                  + " stall (never answers)");
    }

    @Test
    void faultedRequestsStillCountAgainstTheRateLimit() throws IOException {
      github.setRateLimit(1);
      github.on("GET", API, LATEST).onRequest(1).fault(new ResetConnection());

      assertThatThrownBy(() -> bytes(API, LATEST)).isInstanceOf(SocketException.class);
      assertThat(get(API, LATEST).status()).isEqualTo(403);
    }

    int status() throws IOException {
      return get(RAW, MAIN_PY).status();
    }
  }

  static byte[] request(String host, String target) {
    return ("GET "
            + target
            + " HTTP/1.0\r\nHost: "
            + host
            + "\r\nUser-Agent: otasim-test\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Waits for the server to have taken {@code n} requests: a minute at most, far more than a loaded
   * machine needs, since the wait ends as soon as they arrive.
   */
  void awaitExchanges(int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (github.exchanges().size() < n && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(github.exchanges()).hasSize(n);
  }
}
