package dev.otasim.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FakeGitHubTest {
  static final String UA = "User-Agent: otasim-test";

  FakeGitHub github = FakeGitHub.create();
  Repository app = github.repository("owner/app");
  OkHttpClient okhttp =
      new OkHttpClient.Builder()
          .dns(host -> List.of(InetAddress.getLoopbackAddress()))
          .followRedirects(false)
          .build();

  @AfterEach
  void close() {
    github.close();
    okhttp.dispatcher().executorService().shutdown();
    okhttp.connectionPool().evictAll();
  }

  InetSocketAddress server() {
    return github.start().address();
  }

  RawHttp.Response api(String target, String... headers) throws IOException {
    return RawHttp.get10(server(), "api.github.com", target, withUa(headers));
  }

  RawHttp.Response raw(String target, String... headers) throws IOException {
    return RawHttp.get10(server(), "raw.githubusercontent.com", target, withUa(headers));
  }

  static String[] withUa(String... headers) {
    String[] all = new String[headers.length + 1];
    all[0] = UA;
    System.arraycopy(headers, 0, all, 1, headers.length);
    return all;
  }

  /** An HTTP/1.1 request through OkHttp, which sends a User-Agent and keeps connections alive. */
  Response http11(String host, String target) throws IOException {
    int port = server().getPort();
    return okhttp
        .newCall(new Request.Builder().url("http://" + host + ":" + port + target).build())
        .execute();
  }

  /** Removes the indentation and line breaks a text block adds to compact JSON. */
  static String compact(String json) {
    return json.replaceAll("\n\\s*", "");
  }

  @Nested
  class LatestRelease {
    @Test
    void isTheNewestPublishedReleaseSkippingDraftsAndPrereleases() throws IOException {
      // given
      app.release("v1.0.0", files -> files.file("main.py", "print('v1.0.0')\n"))
          .release("v1.1.0", files -> files.file("main.py", "print('v1.1.0')\n"))
          .prerelease("v1.2.0-rc1", files -> files.file("main.py", "print('rc')\n"))
          .draft("v2.0.0", files -> files.file("main.py", "print('draft')\n"));

      // when
      RawHttp.Response response = api("/repos/owner/app/releases/latest");

      // then
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("content-type")).hasValue("application/json; charset=utf-8");
      assertThat(response.text())
          .contains("\"tag_name\":\"v1.1.0\"")
          .contains("\"draft\":false,\"prerelease\":false")
          .contains("\"tarball_url\":\"https://api.github.com/repos/owner/app/tarball/v1.1.0\"")
          .contains("\"assets\":[]");
      assertThat(github.unexpected()).isEmpty();
    }

    @Test
    void isAsLargeAsGitHubsSoTheDeviceSpendsTheSameMemory() throws IOException {
      // given: a typical small project
      app.release(
          "v1.0.0",
          files ->
              files
                  .file("main.py", "import app\n")
                  .file("boot.py", "\n")
                  .file("lib/ota.py", "x\n")
                  .file("lib/app.py", "y\n"));

      RawHttp.Response response = api("/repos/owner/app/releases/latest");

      assertThat(response.body().length).isBetween(2_000, 4_000);
    }

    @Test
    void isGitHubsNotFoundJsonWhenNothingIsPublished() throws IOException {
      // given: only a draft and a pre-release
      app.draft("v1.0.0", files -> files.file("main.py", "x\n"))
          .prerelease("v1.1.0-rc1", files -> files.file("main.py", "x\n"));

      // when
      RawHttp.Response response = api("/repos/owner/app/releases/latest");

      // then: an answer GitHub gives, so not unexpected
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.text())
          .isEqualTo(
              "{\"message\":\"Not Found\",\"documentation_url\":"
                  + "\"https://docs.github.com/rest/releases/releases#get-the-latest-release\","
                  + "\"status\":\"404\"}");
      assertThat(github.unexpected()).isEmpty();
    }

    @Test
    void datesReleasesFromTheClockInCreationOrder() throws IOException {
      app.release("v1", files -> files.file("a", "1")).release("v2", files -> files.file("a", "2"));

      assertThat(api("/repos/owner/app/releases/tags/v1").text())
          .contains(
              "\"created_at\":\"2025-12-30T00:00:00Z\",\"published_at\":\"2025-12-30T00:07:00Z\"");
      assertThat(api("/repos/owner/app/releases/latest").text())
          .contains(
              "\"created_at\":\"2025-12-31T00:00:00Z\",\"published_at\":\"2025-12-31T00:07:00Z\"");
    }
  }

  @Nested
  class ReleaseList {
    @Test
    void isNewestFirstAndPaginatedWithALinkHeader() throws IOException {
      for (int i = 1; i <= 5; i++) {
        int n = i;
        app.release("v" + n, files -> files.file("main.py", "v" + n));
      }

      RawHttp.Response response = api("/repos/owner/app/releases?per_page=2&page=2");

      String text = response.text();
      assertThat(text.indexOf("\"tag_name\":\"v3\""))
          .isPositive()
          .isLessThan(text.indexOf("\"tag_name\":\"v2\""));
      assertThat(text).doesNotContain("\"tag_name\":\"v1\"").doesNotContain("\"tag_name\":\"v4\"");
      String base =
          "https://api.github.com/repositories/" + app.id() + "/releases?per_page=2&page=";
      assertThat(response.header("link"))
          .hasValue(
              "<"
                  + base
                  + "1>; rel=\"prev\", <"
                  + base
                  + "3>; rel=\"next\", <"
                  + base
                  + "3>; rel=\"last\", <"
                  + base
                  + "1>; rel=\"first\"");
    }
  }

  @Nested
  class Contents {
    @BeforeEach
    void twoReleases() {
      app.release("v1.0.0", files -> files.file("hello.txt", "hello\n").file("lib/x.py", "z\n"))
          .release("v1.1.0", files -> files.file("hello.txt", "hello again\n"));
    }

    @Test
    void listsADirectoryWithGitBlobShas() throws IOException {
      RawHttp.Response response = api("/repos/owner/app/contents/?ref=v1.0.0");

      assertThat(response.text())
          .isEqualTo(
              compact(
                  """
                  [{"name":"hello.txt","path":"hello.txt",
                    "sha":"ce013625030ba8dba906f756967f9e9ca394464a","size":6,
                    "url":"https://api.github.com/repos/owner/app/contents/hello.txt?ref=v1.0.0",
                    "html_url":"https://github.com/owner/app/blob/v1.0.0/hello.txt",
                    "git_url":"https://api.github.com/repos/owner/app/git/blobs/ce013625030ba8dba906f756967f9e9ca394464a",
                    "download_url":"https://raw.githubusercontent.com/owner/app/v1.0.0/hello.txt",
                    "type":"file",
                    "_links":{"self":"https://api.github.com/repos/owner/app/contents/hello.txt?ref=v1.0.0",
                      "git":"https://api.github.com/repos/owner/app/git/blobs/ce013625030ba8dba906f756967f9e9ca394464a",
                      "html":"https://github.com/owner/app/blob/v1.0.0/hello.txt"}},
                   {"name":"lib","path":"lib",
                    "sha":"38265eec54c812e0ceefa68ea5ae471197298ba0","size":0,
                    "url":"https://api.github.com/repos/owner/app/contents/lib?ref=v1.0.0",
                    "html_url":"https://github.com/owner/app/tree/v1.0.0/lib",
                    "git_url":"https://api.github.com/repos/owner/app/git/trees/38265eec54c812e0ceefa68ea5ae471197298ba0",
                    "download_url":null,
                    "type":"dir",
                    "_links":{"self":"https://api.github.com/repos/owner/app/contents/lib?ref=v1.0.0",
                      "git":"https://api.github.com/repos/owner/app/git/trees/38265eec54c812e0ceefa68ea5ae471197298ba0",
                      "html":"https://github.com/owner/app/tree/v1.0.0/lib"}}]
                  """));
    }

    @Test
    void givesAFileAsBase64WrappedEverySixtyCharacters() throws IOException {
      byte[] bytes = new byte[100];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) i;
      }
      app.release("v2", files -> files.file("blob.bin", bytes));

      String text = api("/repos/owner/app/contents/blob.bin?ref=v2").text();

      String base64 = java.util.Base64.getEncoder().encodeToString(bytes);
      assertThat(text)
          .contains(
              "\"type\":\"file\",\"content\":\""
                  + base64.substring(0, 60)
                  + "\\n"
                  + base64.substring(60, 120)
                  + "\\n"
                  + base64.substring(120)
                  + "\\n\",\"encoding\":\"base64\",\"_links\":");
    }

    @Test
    void readsTheDefaultBranchWhenNoRefIsGiven() throws IOException {
      String text = api("/repos/owner/app/contents/hello.txt").text();

      assertThat(text)
          .contains("\"content\":\"aGVsbG8gYWdhaW4K\\n\"")
          .contains(
              "\"download_url\":\"https://raw.githubusercontent.com/owner/app/main/hello.txt\"");
    }

    @Test
    void isNotFoundForAMissingPathButThatIsNotUnexpected() throws IOException {
      RawHttp.Response response = api("/repos/owner/app/contents/nope.py?ref=v1.0.0");

      assertThat(response.status()).isEqualTo(404);
      assertThat(response.text())
          .isEqualTo(
              "{\"message\":\"Not Found\",\"documentation_url\":"
                  + "\"https://docs.github.com/rest/repos/contents#get-repository-content\","
                  + "\"status\":\"404\"}");
      assertThat(github.unexpected()).isEmpty();
    }

    @Test
    void listsAGitTreeRecursively() throws IOException {
      String text = api("/repos/owner/app/git/trees/v1.0.0?recursive=1").text();

      assertThat(text)
          .startsWith("{\"sha\":\"")
          .contains(
              "{\"path\":\"lib\",\"mode\":\"040000\",\"type\":\"tree\","
                  + "\"sha\":\"38265eec54c812e0ceefa68ea5ae471197298ba0\",")
          .contains(
              "{\"path\":\"lib/x.py\",\"mode\":\"100644\",\"type\":\"blob\","
                  + "\"sha\":\"b68025345d5301abad4d9ec9166f455243a0d746\",\"size\":2,")
          .endsWith("],\"truncated\":false}");
    }
  }

  @Nested
  class RawFiles {
    @BeforeEach
    void release() {
      app.release("v1.0.0", files -> files.file("lib/ota.py", "print('ota')\n"));
    }

    @Test
    void areServedByTagAndByRefsTags() throws IOException {
      RawHttp.Response byTag = raw("/owner/app/v1.0.0/lib/ota.py");
      RawHttp.Response byRef = raw("/owner/app/refs/tags/v1.0.0/lib/ota.py");
      RawHttp.Response byBranch = raw("/owner/app/refs/heads/main/lib/ota.py");

      assertThat(byTag.text()).isEqualTo("print('ota')\n");
      assertThat(byTag.header("content-type")).hasValue("text/plain; charset=utf-8");
      assertThat(byRef.text()).isEqualTo("print('ota')\n");
      assertThat(byBranch.text()).isEqualTo("print('ota')\n");
    }

    @Test
    void areNotFoundAsPlainText() throws IOException {
      RawHttp.Response response = raw("/owner/app/v1.0.0/missing.py");

      assertThat(response.status()).isEqualTo(404);
      assertThat(response.header("content-type")).hasValue("text/plain; charset=utf-8");
      assertThat(response.text()).isEqualTo("404: Not Found");
    }

    @Test
    void areNotRateLimited() throws IOException {
      github.setRateLimit(1);

      for (int i = 0; i < 3; i++) {
        assertThat(raw("/owner/app/v1.0.0/lib/ota.py").status()).isEqualTo(200);
      }
      assertThat(raw("/owner/app/v1.0.0/lib/ota.py").header("x-ratelimit-remaining")).isEmpty();
    }
  }

  @Nested
  class Branches {
    @Test
    void serveRawFilesContentsTreesAndCommitsByBranchTagOrSha() throws IOException {
      // given: releases, a default branch "master" ahead of them, and a feature branch
      app.release("v1.0.0", files -> files.file("main.py", "v1"))
          .branch("master", files -> files.file("main.py", "master").file("lib/x.py", "x"))
          .branch("dev", files -> files.file("main.py", "dev"))
          .defaultBranch("master");

      // when
      RawHttp.Response rawMaster = raw("/owner/app/master/main.py");
      RawHttp.Response rawDev = raw("/owner/app/dev/main.py");
      RawHttp.Response rawTag = raw("/owner/app/v1.0.0/main.py");
      RawHttp.Response contentsDefault = api("/repos/owner/app/contents/main.py");
      RawHttp.Response contentsDev = api("/repos/owner/app/contents/main.py?ref=dev");
      RawHttp.Response tree = api("/repos/owner/app/git/trees/master?recursive=1");
      RawHttp.Response commit = api("/repos/owner/app/commits/dev");
      String sha = commit.text().replaceFirst("^\\{\"sha\":\"([0-9a-f]{40})\".*", "$1");
      RawHttp.Response rawBySha = raw("/owner/app/" + sha + "/main.py");
      RawHttp.Response commitBySha = api("/repos/owner/app/commits/" + sha);

      // then
      assertThat(rawMaster.text()).isEqualTo("master");
      assertThat(rawDev.text()).isEqualTo("dev");
      assertThat(rawTag.text()).isEqualTo("v1");
      assertThat(contentsDefault.text()).contains("\"path\":\"main.py\"").contains("?ref=master");
      assertThat(contentsDev.text()).contains("?ref=dev");
      assertThat(tree.text()).contains("\"path\":\"lib/x.py\"");
      assertThat(commit.status()).isEqualTo(200);
      assertThat(sha).hasSize(40);
      assertThat(rawBySha.text()).isEqualTo("dev");
      assertThat(commitBySha.text()).startsWith("{\"sha\":\"" + sha + "\"");
      assertThat(github.unexpected()).isEmpty();
    }

    @Test
    void anUnknownBranchIsGitHubs404() throws IOException {
      app.branch("master", files -> files.file("main.py", "m"));

      assertThat(raw("/owner/app/main/main.py").status()).isEqualTo(404);
      assertThat(api("/repos/owner/app/commits/nope").status()).isEqualTo(422);
    }

    @Test
    void withoutAPushedDefaultBranchItIsAtTheNewestRelease() throws IOException {
      app.release("v1.0.0", files -> files.file("main.py", "v1"))
          .release("v1.1.0", files -> files.file("main.py", "v1.1"));

      assertThat(raw("/owner/app/main/main.py").text()).isEqualTo("v1.1");
    }
  }

  @Nested
  class Rules {
    @Test
    void refuseApiRequestsWithoutUserAgent() throws IOException {
      app.release("v1", files -> files.file("main.py", "x"));

      RawHttp.Response response =
          RawHttp.get10(server(), "api.github.com", "/repos/owner/app/releases/latest");

      assertThat(response.status()).isEqualTo(403);
      assertThat(response.text())
          .isEqualTo(
              "Request forbidden by administrative rules. Please make sure your request has a"
                  + " User-Agent header");
    }

    @Test
    void serveRawAndCodeloadWithoutUserAgent() throws IOException {
      app.release("v1", files -> files.file("main.py", "x"));

      RawHttp.Response raw =
          RawHttp.get10(server(), "raw.githubusercontent.com", "/owner/app/v1/main.py");
      RawHttp.Response codeload =
          RawHttp.get10(server(), "codeload.github.com", "/owner/app/legacy.tar.gz/refs/tags/v1");

      assertThat(raw.status()).isEqualTo(200);
      assertThat(raw.text()).isEqualTo("x");
      assertThat(codeload.status()).isEqualTo(200);
    }

    @Test
    void hidePrivateRepositoriesFromClientsWithoutTheirToken() throws IOException {
      // given
      app.release("v1", files -> files.file("main.py", "x")).makePrivate("s3cret");

      // when
      RawHttp.Response anonymous = api("/repos/owner/app/releases/latest");
      RawHttp.Response wrongToken =
          api("/repos/owner/app/releases/latest", "Authorization: token wrong");
      RawHttp.Response withToken =
          api("/repos/owner/app/releases/latest", "Authorization: token s3cret");
      RawHttp.Response withBearer =
          api("/repos/owner/app/releases/latest", "Authorization: Bearer s3cret");
      RawHttp.Response rawAnonymous = raw("/owner/app/v1/main.py");
      RawHttp.Response rawWithToken = raw("/owner/app/v1/main.py", "Authorization: token s3cret");

      // then
      assertThat(anonymous.status()).isEqualTo(404);
      assertThat(wrongToken.status()).isEqualTo(401);
      assertThat(wrongToken.text())
          .isEqualTo(
              "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\","
                  + "\"status\":\"401\"}");
      assertThat(withToken.status()).isEqualTo(200);
      assertThat(withBearer.status()).isEqualTo(200);
      assertThat(rawAnonymous.text()).isEqualTo("404: Not Found");
      assertThat(rawWithToken.text()).isEqualTo("x");
      assertThat(github.unexpected()).isEmpty();
    }

    @Test
    void limitAnonymousClientsToSixtyApiRequestsAnHour() throws IOException {
      // given
      app.release("v1", files -> files.file("main.py", "x"));
      for (int i = 1; i <= 60; i++) {
        Response response = http11("api.github.com", "/repos/owner/app/releases/latest");
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.header("x-ratelimit-remaining")).isEqualTo(Integer.toString(60 - i));
        response.close();
      }

      // when
      RawHttp.Response refused = api("/repos/owner/app/releases/latest");

      // then
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.text())
          .isEqualTo(
              "{\"message\":\"API rate limit exceeded for 127.0.0.1. (But here's the good news:"
                  + " Authenticated requests get a higher rate limit. Check out the documentation"
                  + " for more details.)\",\"documentation_url\":"
                  + "\"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting\"}");
      assertThat(refused.header("x-ratelimit-limit")).hasValue("60");
      assertThat(refused.header("x-ratelimit-remaining")).hasValue("0");
      assertThat(refused.header("x-ratelimit-used")).hasValue("60");
      assertThat(refused.header("x-ratelimit-reset")).hasValue("1767229200"); // 01:00 UTC
      assertThat(refused.header("x-ratelimit-resource")).hasValue("core");
    }

    @Test
    void giveTokenHoldersFiveThousandRequests() throws IOException {
      app.release("v1", files -> files.file("main.py", "x"));
      github.acceptToken("t0ken").setRateLimit(0);

      RawHttp.Response response =
          api("/repos/owner/app/releases/latest", "Authorization: token t0ken");

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("x-ratelimit-limit")).hasValue("5000");
      assertThat(response.header("x-ratelimit-remaining")).hasValue("4999");
    }
  }

  @Nested
  class Wire {
    @BeforeEach
    void release() {
      app.release("v1", files -> files.file("main.py", "print('hi')\n"));
    }

    @Test
    void closesHttp10ConnectionsAfterAResponseWithContentLength() throws IOException {
      // when: RawHttp reads until EOF, failing after 5 s if the server keeps the socket open
      RawHttp.Response response = api("/repos/owner/app/releases/latest");

      // then
      assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(response.header("content-length"))
          .hasValue(Integer.toString(response.body().length));
      assertThat(response.header("transfer-encoding")).isEmpty();
      assertThat(response.header("connection")).hasValue("close");
    }

    @Test
    void chunksLargeJsonForHttp11AndClosesWhenAsked() throws IOException {
      RawHttp.Response response =
          RawHttp.send(
              server(),
              List.of(
                  "GET /repos/owner/app/releases/latest HTTP/1.1",
                  "Host: api.github.com",
                  UA,
                  "Connection: close"));

      assertThat(response.header("transfer-encoding")).hasValue("chunked");
      assertThat(response.header("content-length")).isEmpty();
      assertThat(response.text()).startsWith("400\r\n{\"url\":").endsWith("\r\n0\r\n\r\n");
    }

    @Test
    void sendsSmallJsonToHttp11ClientsWithContentLength() throws IOException {
      try (Response response = http11("api.github.com", "/repos/owner/app/releases/tags/nope")) {
        assertThat(response.code()).isEqualTo(404);
        String body =
            "{\"message\":\"Not Found\",\"documentation_url\":"
                + "\"https://docs.github.com/rest/releases/releases#get-a-release-by-tag-name\","
                + "\"status\":\"404\"}";
        assertThat(response.header("content-length")).isEqualTo(Integer.toString(body.length()));
        assertThat(response.header("transfer-encoding")).isNull();
        assertThat(response.body().string()).isEqualTo(body);
      }
      try (Response response = http11("api.github.com", "/repos/owner/app/releases/latest")) {
        assertThat(response.body().string()).contains("\"tag_name\":\"v1\"");
      }
    }

    @Test
    void spellsHeaderNamesInLowerCaseByDefault() throws IOException {
      RawHttp.Response response = api("/repos/owner/app/releases/latest");

      assertThat(response.headerNames())
          .contains("content-length", "x-ratelimit-remaining", "content-type")
          .allSatisfy(name -> assertThat(name).isEqualTo(name.toLowerCase(Locale.ROOT)));
    }

    @Test
    void spellsHeaderNamesCanonicallyWhenConfigured() throws IOException {
      github.setHeaderCase(HeaderCase.CANONICAL);

      RawHttp.Response response = api("/repos/owner/app/releases/latest");

      assertThat(response.headerNames())
          .contains("Content-Length", "X-RateLimit-Remaining", "Content-Type", "ETag")
          .doesNotContain("content-length");
    }

    @Test
    void redirectsTarballsToCodeloadWithAnAbsoluteLocation() throws IOException {
      RawHttp.Response tarball = api("/repos/owner/app/tarball/v1");
      RawHttp.Response zipball = api("/repos/owner/app/zipball/main");

      assertThat(tarball.status()).isEqualTo(302);
      assertThat(tarball.header("location"))
          .hasValue("https://codeload.github.com/owner/app/legacy.tar.gz/refs/tags/v1");
      assertThat(zipball.header("location"))
          .hasValue("https://codeload.github.com/owner/app/legacy.zip/refs/heads/main");
      assertThat(
              RawHttp.get10(
                      server(), "codeload.github.com", "/owner/app/legacy.tar.gz/refs/tags/v1", UA)
                  .status())
          .isEqualTo(200);
    }
  }

  @Nested
  class Unexpected {
    @Test
    void areAnsweredAtOnceRecordedAndFailVerify() throws IOException {
      // given
      app.release("v1.0.0", files -> files.file("main.py", "x"));

      // when
      RawHttp.Response response = api("/repos/x/y/releases/latest");
      RawHttp.Response rawResponse = raw("/owner/app/v9/main.py");

      // then
      assertThat(response.status()).isEqualTo(404);
      assertThat(rawResponse.text()).isEqualTo("404: Not Found");
      assertThat(github.unexpected()).hasSize(2);
      assertThatThrownBy(github::verify)
          .isInstanceOf(AssertionError.class)
          .hasMessage(
              """
              Unexpected request GET api.github.com/repos/x/y/releases/latest; closest scripted:
                GET api.github.com/repos/owner/app/releases/latest: repository x/y, scripted owner/app
                (31 other scripted routes further off)
              Unexpected request GET raw.githubusercontent.com/owner/app/v9/main.py; closest scripted:
                GET raw.githubusercontent.com/owner/app/{v1.0.0|main}/{path}: ref v9, scripted {v1.0.0|main}
                (31 other scripted routes further off)""");
    }

    @Test
    void nearMissesNameTheMethodPathAndHeaderThatDiffer() throws IOException {
      app.release("v1.0.0", files -> files.file("main.py", "x"));
      RawHttp.get10(server(), "api.github.com", "/repos/owner/app/releases/lates", UA);
      RawHttp.get10(server(), "api.github.com", "/repos/owner/app/git/trees/v2?recursive=1", UA);

      assertThat(github.nearMisses())
          .isEqualTo(
              """
              Unexpected request GET api.github.com/repos/owner/app/releases/lates; closest scripted:
                GET api.github.com/repos/owner/app/releases/latest: path …/lates, scripted …/latest
                GET api.github.com/repos/owner/app/releases/{id}: path …/lates, scripted …/{id}
                GET api.github.com/repos/owner/app/releases/{id}/assets: path …/lates, scripted …/{id}/assets
                (29 other scripted routes further off)
              Unexpected request GET api.github.com/repos/owner/app/git/trees/v2?recursive=1; closest scripted:
                GET api.github.com/repos/owner/app/git/trees/{v1.0.0|main}: ref v2, scripted {v1.0.0|main}
                (31 other scripted routes further off)""");
    }

    @Test
    void includeRequestsToHostsGitHubDoesNotHave() throws IOException {
      RawHttp.get10(server(), "example.com", "/", UA);

      assertThat(github.unexpected())
          .map(Exchange::toString)
          .containsExactly("GET example.com/ -> 404 (14 B)");
    }
  }

  @Nested
  class Interceptors {
    @Test
    void replaceTheModelsResponseForTheRequestsTheyMatch() throws IOException {
      // given: the seam faults will use
      app.release("v1", files -> files.file("main.py", "x"));
      github.intercept(
          request -> request.target().endsWith("/latest"),
          (request, proceed) ->
              new mockwebserver3.MockResponse.Builder()
                  .code(500)
                  .body("boom")
                  .onResponseEnd(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE)
                  .build());

      // when
      RawHttp.Response intercepted = api("/repos/owner/app/releases/latest");
      RawHttp.Response modelled = api("/repos/owner/app/releases/tags/v1");

      // then
      assertThat(intercepted.status()).isEqualTo(500);
      assertThat(intercepted.text()).isEqualTo("boom");
      assertThat(modelled.status()).isEqualTo(200);
      assertThat(github.exchanges())
          .map(Exchange::toString)
          .first()
          .isEqualTo("GET api.github.com/repos/owner/app/releases/latest -> 500 (4 B)");
    }
  }

  @Nested
  class Exchanges {
    @Test
    void recordEveryRequestInOrder() throws IOException {
      app.release("v1", files -> files.file("main.py", "print(1)\n"));

      api("/repos/owner/app/releases/latest");
      raw("/owner/app/v1/main.py");

      assertThat(github.exchanges())
          .map(Exchange::toString)
          .containsExactly(
              "GET api.github.com/repos/owner/app/releases/latest -> 200 ("
                  + github.exchanges().get(0).bodyBytes()
                  + " B)",
              "GET raw.githubusercontent.com/owner/app/v1/main.py -> 200 (9 B)");
      Exchange first = github.exchanges().get(0);
      assertThat(first.httpVersion()).isEqualTo("HTTP/1.0");
      assertThat(first.requestHeaders())
          .containsExactly(
              entry("Host", "api.github.com"),
              entry("Connection", "close"),
              entry("User-Agent", "otasim-test"));
    }

    @Test
    void needAStartedServerToHaveAnAddress() {
      assertThatThrownBy(github::address)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("this FakeGitHub is not listening yet; call start() first");
    }

    @Test
    void startIsIdempotent() {
      InetSocketAddress first = github.start().address();

      assertThat(github.start().address()).isEqualTo(first);
    }
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
