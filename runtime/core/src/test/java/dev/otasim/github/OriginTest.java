package dev.otasim.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers of one's own (spec/github-api.md, "Servers of one's own"): a folder served as Python's
 * http.server or nginx serve one, the user's routes, and their exchanges recorded and faulted with
 * GitHub's.
 */
class OriginTest {
  private final FakeGitHub github = FakeGitHub.create();

  @AfterEach
  void close() {
    github.close();
  }

  private RawHttp.Response get(Origin origin, String target, String... extra) throws IOException {
    return RawHttp.get10(github.address(origin), origin.host(), target, extra);
  }

  @Nested
  class PythonHttpServer {
    private final Origin lan =
        github
            .origin("http://192.168.1.10:8000/")
            .file("version.json", "{\"version\": \"1.1.0\"}\n")
            .file("app/main.py", "print('v1.1')\n");

    @Test
    void servesAFileWithItsHeadersInItsOrderAndSpelling() throws IOException {
      github.start();

      RawHttp.Response response = get(lan, "/app/main.py");

      assertThat(response.statusLine()).isEqualTo("HTTP/1.0 200 OK");
      assertThat(response.headerNames())
          .containsExactly("Server", "Date", "Content-type", "Content-Length", "Last-Modified");
      assertThat(response.header("Server")).contains("SimpleHTTP/0.6 Python/3.12.3");
      assertThat(response.header("Content-type")).contains("text/x-python");
      assertThat(response.header("Content-Length")).contains("14");
      assertThat(response.header("Last-Modified")).contains("Thu, 01 Jan 2026 00:00:00 GMT");
      assertThat(response.text()).isEqualTo("print('v1.1')\n");
      assertThat(get(lan, "/version.json").header("Content-type")).contains("application/json");
    }

    @Test
    void answersAMissingFileWithItsHtmlErrorPage() throws IOException {
      github.start();

      RawHttp.Response response = get(lan, "/app/nope.py");

      assertThat(response.statusLine()).isEqualTo("HTTP/1.0 404 Not Found");
      assertThat(response.headerNames())
          .containsExactly("Server", "Date", "Connection", "Content-Type", "Content-Length");
      assertThat(response.header("Content-Type")).contains("text/html;charset=utf-8");
      assertThat(response.text())
          .contains("<p>Error code: 404</p>")
          .contains("<p>Message: File not found.</p>")
          .contains("<p>Error code explanation: 404 - Nothing matches the given URI.</p>");
      assertThat(github.unexpected()).isEmpty();
    }

    @Test
    void redirectsAFolderToItsSlashAndListsIt() throws IOException {
      github.start();

      RawHttp.Response moved = get(lan, "/app?x=1");
      RawHttp.Response listing = get(lan, "/app/");

      assertThat(moved.statusLine()).isEqualTo("HTTP/1.0 301 Moved Permanently");
      assertThat(moved.header("Location")).contains("/app/?x=1");
      assertThat(moved.header("Content-Length")).contains("0");
      assertThat(listing.status()).isEqualTo(200);
      assertThat(listing.text())
          .contains("<title>Directory listing for /app/</title>")
          .contains("<li><a href=\"main.py\">main.py</a></li>");
    }

    @Test
    void ignoresRangeAnswersIfModifiedSinceAndRefusesPost() throws IOException {
      github.start();

      RawHttp.Response ranged = get(lan, "/app/main.py", "Range: bytes=0-4");
      RawHttp.Response unchanged =
          get(lan, "/app/main.py", "If-Modified-Since: Thu, 01 Jan 2026 00:00:00 GMT");
      RawHttp.Response post =
          RawHttp.send(
              github.address(lan),
              List.of("POST /report HTTP/1.0", "Host: 192.168.1.10", "Content-Length: 0"));

      assertThat(ranged.status()).isEqualTo(200);
      assertThat(ranged.text()).isEqualTo("print('v1.1')\n");
      assertThat(unchanged.statusLine()).isEqualTo("HTTP/1.0 304 Not Modified");
      assertThat(unchanged.body()).isEmpty();
      assertThat(post.statusLine()).isEqualTo("HTTP/1.0 501 Not Implemented");
      assertThat(post.text()).contains("<p>Message: Unsupported method (&#x27;POST&#x27;).</p>");
    }

    @Test
    void recordsItsExchangesWithGitHubsAndFaultsThem() throws IOException {
      github.on("GET", "192.168.1.10", "/app/*").fault(new NetworkFault.Status(503));
      github.start();

      RawHttp.Response faulted = get(lan, "/app/main.py");
      get(lan, "/version.json");

      assertThat(faulted.status()).isEqualTo(503);
      assertThat(github.exchanges())
          .extracting(Exchange::toString)
          .containsExactly(
              "GET 192.168.1.10/app/main.py -> 503 (367 B), status 503 Service Unavailable",
              "GET 192.168.1.10/version.json -> 200 (21 B)");
    }
  }

  @Nested
  class Nginx {
    @TempDir Path dir;

    private Origin host() throws IOException {
      Files.createDirectories(dir.resolve("fw"));
      Files.writeString(dir.resolve("fw/app.bin"), "0123456789");
      return github.origin("https://updates.example.org/ota/").serve(dir);
    }

    @Test
    void servesAFolderReadFromTheHostWithRangesAndETags() throws IOException {
      Origin host = host();
      github.start();

      RawHttp.Response whole = get(host, "/ota/fw/app.bin");
      RawHttp.Response part = get(host, "/ota/fw/app.bin", "Range: bytes=2-5");
      RawHttp.Response same =
          get(host, "/ota/fw/app.bin", "If-None-Match: " + whole.header("ETag").orElseThrow());

      assertThat(host.style()).isEqualTo(ServerStyle.NGINX);
      assertThat(whole.statusLine()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(whole.headerNames())
          .containsExactly(
              "Server",
              "Date",
              "Content-Type",
              "Content-Length",
              "Last-Modified",
              "Connection",
              "ETag",
              "Accept-Ranges");
      assertThat(whole.header("ETag")).contains("\"6955b900-a\"");
      assertThat(whole.header("Connection")).contains("close");
      assertThat(part.statusLine()).isEqualTo("HTTP/1.1 206 Partial Content");
      assertThat(part.header("Content-Range")).contains("bytes 2-5/10");
      assertThat(part.text()).isEqualTo("2345");
      assertThat(same.statusLine()).isEqualTo("HTTP/1.1 304 Not Modified");
      assertThat(same.body()).isEmpty();
    }

    @Test
    void answersMissingFilesFoldersAndOtherMethodsAsNginx() throws IOException {
      Origin host = host();
      github.start();

      RawHttp.Response missing = get(host, "/ota/fw/nope.bin");
      RawHttp.Response folder = get(host, "/ota/fw");
      RawHttp.Response noIndex = get(host, "/ota/fw/");
      RawHttp.Response outside = get(host, "/elsewhere.bin");

      assertThat(missing.statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
      assertThat(missing.text())
          .isEqualTo(
              "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
                  + "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n"
                  + "</body>\r\n</html>\r\n");
      assertThat(folder.status()).isEqualTo(301);
      assertThat(folder.header("Location")).contains("https://updates.example.org/ota/fw/");
      assertThat(noIndex.status()).isEqualTo(403);
      assertThat(outside.status()).isEqualTo(404);
      assertThat(github.unexpected())
          .extracting(Exchange::request)
          .containsExactly("GET updates.example.org/elsewhere.bin");
      assertThat(github.nearMisses()).contains("GET updates.example.org/ota/fw/app.bin");
    }
  }

  @Nested
  class Routes {
    @Test
    void answersTheUsersRoutesKeepingTheirStateBeforeAnyFile() throws IOException {
      List<String> reports = new ArrayList<>();
      Origin app =
          github
              .origin("http://10.0.0.5/")
              .file("checkin", "a file the route hides")
              .route(
                  "POST",
                  "/report",
                  request -> {
                    reports.add(request.bodyText());
                    return OriginResponse.json(201, "{\"reports\": " + reports.size() + "}");
                  })
              .route(
                  "GET",
                  "/checkin",
                  request ->
                      OriginResponse.json(200, "{\"id\": \"" + request.query() + "\"}")
                          .withHeader("X-Fleet", "blue"));
      github.start();

      List<String> post =
          List.of(
              "POST /report HTTP/1.0",
              "Host: 10.0.0.5",
              "Content-Length: 14\r\n\r\n{\"v\": \"1.1.0\"}");
      RawHttp.Response first = RawHttp.send(github.address(app), post);
      RawHttp.Response second = RawHttp.send(github.address(app), post);
      RawHttp.Response checkin = get(app, "/checkin?device=7");

      assertThat(reports).containsExactly("{\"v\": \"1.1.0\"}", "{\"v\": \"1.1.0\"}");
      assertThat(first.statusLine()).isEqualTo("HTTP/1.0 201 Created");
      assertThat(second.text()).isEqualTo("{\"reports\": 2}");
      assertThat(checkin.text()).isEqualTo("{\"id\": \"device=7\"}");
      assertThat(checkin.headerNames())
          .containsExactly("Server", "Date", "Content-Type", "Content-Length", "X-Fleet");
      assertThat(github.exchanges())
          .extracting(Exchange::request)
          .containsExactly(
              "POST 10.0.0.5/report", "POST 10.0.0.5/report", "GET 10.0.0.5/checkin?device=7");
    }

    @Test
    void aRouteThatThrowsIsAnUnexpected500NamingIt() throws IOException {
      Origin app =
          github
              .origin("http://10.0.0.5/")
              .route(
                  "GET",
                  "/boom",
                  request -> {
                    throw new IllegalStateException("no fleet");
                  });
      github.start();

      RawHttp.Response response = get(app, "/boom");

      assertThat(response.status()).isEqualTo(500);
      assertThat(response.text())
          .isEqualTo(
              "otasim: the route GET /boom of http://10.0.0.5/ threw"
                  + " java.lang.IllegalStateException: no fleet\n");
      assertThat(github.unexpected()).hasSize(1);
    }
  }

  @Test
  void refusesAnOriginItCannotServe() {
    assertThatThrownBy(() -> github.origin("ftp://example.org/"))
        .hasMessage(
            "origin 'ftp://example.org/' is not an http:// or https:// URL, such as"
                + " http://192.168.1.10:8000/ or https://updates.example.org/ota/");
    assertThatThrownBy(() -> github.origin("https://api.github.com/"))
        .hasMessageContaining("is one of GitHub's hosts");
    github.origin("http://10.0.0.5/a/");
    assertThatThrownBy(() -> github.origin("http://10.0.0.5:80/b/"))
        .hasMessage(
            "origin http://10.0.0.5/b/: http://10.0.0.5/a/ is already served on that host and"
                + " port; serve one folder per host and port, with the other files in a"
                + " sub-folder");
  }

  @Test
  void anOriginAddedAfterStartListensAndIsAnnounced() {
    github.start();
    List<Origin> announced = new ArrayList<>();
    github.onOriginAdded(announced::add);

    Origin late = github.origin("http://10.0.0.9:8080/");

    assertThat(announced).containsExactly(late);
    InetSocketAddress address = github.address(late);
    assertThat(address.getPort()).isNotEqualTo(github.address().getPort());
  }
}
