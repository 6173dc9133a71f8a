package dev.otasim.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Faults on every server the device talks to, not only GitHub's hosts (issue 17, item 4): an own
 * server's failure looks like that server's, a rule can select one repository's requests on every
 * host, and the fault matrix gives each server only the faults it can send.
 */
class FaultsEverywhereTest {
  private final FakeGitHub github = FakeGitHub.create();

  @AfterEach
  void close() {
    github.close();
  }

  @Nested
  class OwnServers {
    @Test
    void aStatusFaultOnHttpServerIsItsOwnErrorPage() throws IOException {
      Origin lan = github.origin("http://192.168.1.10:8000/").file("version.json", "{}");
      github.on("GET", "192.168.1.10", "/version.json").fault(new NetworkFault.Status(503));
      github.start();

      RawHttp.Response response =
          RawHttp.get10(github.address(lan), "192.168.1.10", "/version.json");

      assertThat(response.statusLine()).isEqualTo("HTTP/1.0 503 Service Unavailable");
      assertThat(response.headerNames())
          .containsExactly("Server", "Date", "Connection", "Content-Type", "Content-Length");
      assertThat(response.header("Server")).contains("SimpleHTTP/0.6 Python/3.12.3");
      assertThat(response.text())
          .contains("<p>Error code: 503</p>")
          .contains("<p>Message: Service Unavailable.</p>")
          .contains(
              "<p>Error code explanation: 503 - The server cannot process the request due to a"
                  + " high load.</p>");
    }

    @Test
    void aStatusFaultOnNginxIsNginxsPage() throws IOException {
      Origin host = github.origin("https://updates.example.org/ota/").file("v.txt", "1.1.0");
      github.on("*", "updates.example.org", "/ota/**").fault(new NetworkFault.Status(500));
      github.start();

      RawHttp.Response response =
          RawHttp.get10(github.address(host), "updates.example.org", "/ota/v.txt");

      assertThat(response.statusLine()).isEqualTo("HTTP/1.1 500 Internal Server Error");
      assertThat(response.header("Server")).contains("nginx");
      assertThat(response.header("Content-Length")).contains("170");
      assertThat(response.text())
          .isEqualTo(
              "<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n"
                  + "<center><h1>500 Internal Server Error</h1></center>\r\n"
                  + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    }

    @Test
    void aHostPatternWithAPortSelectsThatServerOfTwoOnOneHost() throws IOException {
      Origin first = github.origin("http://192.168.1.10:8080/").file("v.txt", "1");
      Origin second = github.origin("http://192.168.1.10:9090/").file("v.txt", "2");
      github.on("GET", "192.168.1.10:9090", "/v.txt").fault(new NetworkFault.Status(503));
      github.start();

      int firstStatus = RawHttp.get10(github.address(first), "192.168.1.10", "/v.txt").status();
      int secondStatus = RawHttp.get10(github.address(second), "192.168.1.10", "/v.txt").status();

      assertThat(List.of(firstStatus, secondStatus)).containsExactly(200, 503);
      assertThat(github.faults())
          .extracting(FaultRule::toString)
          .containsExactly(
              "GET 192.168.1.10:9090/v.txt, every time: status 503 Service Unavailable");
    }

    @Test
    void aHostPatternWithoutAPortSelectsEveryServerOnTheHost() throws IOException {
      Origin first = github.origin("http://192.168.1.10:8080/").file("v.txt", "1");
      Origin second = github.origin("http://192.168.1.10:9090/").file("v.txt", "2");
      github.on("GET", "192.168.1.10", "/v.txt").fault(new NetworkFault.Status(503));
      github.start();

      int firstStatus = RawHttp.get10(github.address(first), "192.168.1.10", "/v.txt").status();
      int secondStatus = RawHttp.get10(github.address(second), "192.168.1.10", "/v.txt").status();

      assertThat(List.of(firstStatus, secondStatus)).containsExactly(503, 503);
    }

    @Test
    void theMatrixFaultsOneServerOfTwoOnOneHost() {
      Exchange first =
          new Exchange(
              "GET",
              "192.168.1.10",
              "/v.txt",
              "HTTP/1.0",
              Map.of(),
              200,
              1,
              Optional.empty(),
              8080);
      Exchange second =
          new Exchange(
              "GET",
              "192.168.1.10",
              "/v.txt",
              "HTTP/1.0",
              Map.of(),
              200,
              1,
              Optional.empty(),
              9090);

      FaultMatrix matrix =
          FaultMatrix.of(List.of(first, second), List.of(new NetworkFault.Status(500)));

      assertThat(matrix.cases())
          .extracting(c -> c.rule().toString())
          .containsExactly(
              "GET 192.168.1.10:8080/v.txt, the first time: status 500 Internal Server Error",
              "GET 192.168.1.10:9090/v.txt, the first time: status 500 Internal Server Error");
      assertThat(matrix.cases().get(1).rule().pattern().matches(first)).isFalse();
    }

    @Test
    void aPortThatSelectsNothingOfItsOwnIsRefusedWithTheFix() {
      assertThatThrownBy(() -> github.on("GET", "api.github.com:443", "/x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "GitHub's hosts are told apart by name, not port: \"api.github.com:443\"; give"
                  + " \"api.github.com\"");
      assertThatThrownBy(() -> github.on("GET", "*:8080", "/x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "a host pattern with a port names the host too: \"*:8080\"; give the server's name"
                  + " or address with it, such as \"192.168.1.10:8080\"");
      assertThatThrownBy(() -> github.on("GET", "192.168.1.10:70000", "/x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "a port is 1 to 65535: \"192.168.1.10:70000\"; give the port the server was"
                  + " started on, or \"192.168.1.10\" for every port");
      assertThatThrownBy(() -> github.on("GET", "192.168.1.10:", "/x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "a host pattern is a name or IPv4 address, with \":port\" or without:"
                  + " \"192.168.1.10:\"");
    }

    @Test
    void theMatrixGivesAnOwnServerNoGitHubRateLimit() {
      Exchange own =
          new Exchange("GET", "192.168.1.10", "/version.json", "HTTP/1.0", Map.of(), 200, 2);
      Exchange api =
          new Exchange(
              "GET",
              "api.github.com",
              "/repos/me/app/releases/latest",
              "HTTP/1.0",
              Map.of(),
              200,
              9);

      FaultMatrix matrix =
          FaultMatrix.of(
              List.of(own, api),
              List.of(new NetworkFault.RateLimited(), new NetworkFault.Status(500)));

      assertThat(matrix.toString())
          .isEqualTo(
              "request 1 GET 192.168.1.10/version.json: status 500 Internal Server Error\n"
                  + "request 2 GET api.github.com/repos/me/app/releases/latest: rate limited"
                  + " (403)\n"
                  + "request 2 GET api.github.com/repos/me/app/releases/latest: status 500"
                  + " Internal Server Error");
    }
  }

  @Nested
  class Repositories {
    private RawHttp.Response get(String host, String target) throws IOException {
      return RawHttp.get10(github.address(), host, target, "User-Agent: t");
    }

    @Test
    void aRuleOnARepositorySelectsItsRequestsOnEveryHostAndNoOtherRepositorys() throws IOException {
      github.repository("me/app").release("v1.0.0", t -> t.file("app.py", "print(1)\n"));
      github.repository("me/lib").release("v1.0.0", t -> t.file("lib.py", "X = 1\n"));
      github.onRepository("GET", "Me/App").times(2).fault(new NetworkFault.Status(502));
      github.start();

      int apiStatus = get("api.github.com", "/repos/me/app/releases/latest").status();
      int otherStatus = get("api.github.com", "/repos/me/lib/releases/latest").status();
      int rawStatus = get("raw.githubusercontent.com", "/me/app/v1.0.0/app.py").status();
      int againStatus = get("raw.githubusercontent.com", "/me/app/v1.0.0/app.py").status();

      assertThat(List.of(apiStatus, otherStatus, rawStatus, againStatus))
          .containsExactly(502, 200, 502, 200);
      assertThat(github.faults())
          .extracting(FaultRule::toString)
          .containsExactly("GET about me/app, the first 2 times: status 502 Bad Gateway");
    }

    @Test
    void aRuleOnARepositoryReachesItsAssetDownloadsWhichNameItById() throws IOException {
      github.repository("Me/App").release("v1.0.0", t -> t.file("app.py", "print(1)\n"));
      github.repository("Me/App").asset("v1.0.0", "fw.bin", new byte[] {1, 2, 3});
      github.repository("me/lib").release("v1.0.0", t -> t.file("lib.py", "X = 1\n"));
      github.repository("me/lib").asset("v1.0.0", "fw.bin", new byte[] {4, 5});
      github.start();
      String app = objectsTarget("/me/app/releases/download/v1.0.0/fw.bin");
      String lib = objectsTarget("/me/lib/releases/download/v1.0.0/fw.bin");
      github.onRepository("GET", "me/app").times(1).fault(new NetworkFault.Status(502));

      int appBytes = get("release-assets.githubusercontent.com", app).status();
      int appAgain = get("release-assets.githubusercontent.com", app).status();
      int libBytes = get("release-assets.githubusercontent.com", lib).status();

      assertThat(List.of(appBytes, appAgain, libBytes)).containsExactly(502, 200, 200);
    }

    /** Where github.com's 302 for a download points, as a target on the objects host. */
    private String objectsTarget(String download) throws IOException {
      RawHttp.Response redirect = get("github.com", download);
      assertThat(redirect.status()).isEqualTo(302);
      String location = redirect.header("location").or(() -> redirect.header("Location")).get();
      return location.replaceFirst("^https://[^/]+", "");
    }
  }
}
