package dev.otasim.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Release assets as GitHub serves them (spec/github-api.md, "Release assets"; issue 17 item 3):
 * listed in {@code assets[]}, downloaded through github.com's 302 to the objects host, or through
 * the API's asset URL with {@code Accept: application/octet-stream}.
 */
class ReleaseAssetTest {
  private static final byte[] FIRMWARE = "0123456789".getBytes(StandardCharsets.US_ASCII);
  private final FakeGitHub github = FakeGitHub.create();

  @BeforeEach
  void publish() {
    github
        .repository("me/app")
        .release("v1.0.0", files -> files.file("main.py", "print(1)\n"))
        .release("v1.1.0", files -> files.file("main.py", "print(2)\n"))
        .asset("v1.1.0", "firmware.bin", FIRMWARE)
        .asset("v1.1.0", "notes.json", "{}".getBytes(StandardCharsets.US_ASCII));
    github.start();
  }

  @AfterEach
  void close() {
    github.close();
  }

  private RawHttp.Response get(String host, String target, String... headers) throws IOException {
    return RawHttp.get10(github.address(), host, target, headers);
  }

  private RawHttp.Response follow(String location, String... headers) throws IOException {
    URI uri = URI.create(location);
    return get(uri.getHost(), uri.getRawPath() + "?" + uri.getRawQuery(), headers);
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",]*)").matcher(json);
    assertThat(m.find()).as(name + " in " + json).isTrue();
    return m.group(1);
  }

  @Nested
  class TheReleaseJson {
    @Test
    void listsEachAssetWithGitHubsFieldsInItsOrder() throws IOException {
      String release =
          get("api.github.com", "/repos/me/app/releases/latest", "User-Agent: t").text();

      String assets =
          release.substring(release.indexOf("\"assets\":"), release.indexOf(",\"tarball_url\""));
      assertThat(assets)
          .startsWith(
              "\"assets\":[{\"url\":\"https://api.github.com/repos/me/app/releases/assets/"
                  + "318615466\",\"id\":318615466,\"node_id\":\"MDEyOlJlbGVhc2VBc3NldDMxODYxNTQ2Ng==\","
                  + "\"name\":\"firmware.bin\",\"label\":\"\",\"uploader\":{\"login\":\"me\",")
          .contains(
              "\"site_admin\":false},\"content_type\":\"application/octet-stream\","
                  + "\"state\":\"uploaded\",\"size\":10,\"digest\":\"sha256:"
                  + "84d89877f0d4041efb6bf91a16f0248f2fd573e6af05c19f96bedb9f882f7882\","
                  + "\"download_count\":0,\"created_at\":\"2025-12-31T00:08:00Z\","
                  + "\"updated_at\":\"2025-12-31T00:08:00Z\",\"browser_download_url\":"
                  + "\"https://github.com/me/app/releases/download/v1.1.0/firmware.bin\"}")
          .contains(
              "\"name\":\"notes.json\"",
              "\"content_type\":\"application/json\"",
              "\"size\":2",
              "\"created_at\":\"2025-12-31T00:09:00Z\"");
      assertThat(
              get("api.github.com", "/repos/me/app/releases/tags/v1.0.0", "User-Agent: t").text())
          .contains("\"assets\":[]");
    }
  }

  @Nested
  class Downloading {
    @Test
    void githubComRedirectsToTheObjectsHostWhichServesTheBytes() throws IOException {
      RawHttp.Response redirect =
          get("github.com", "/me/app/releases/download/v1.1.0/firmware.bin");
      String location = redirect.header("location").orElseThrow();
      RawHttp.Response bytes = follow(location);

      assertThat(redirect.statusLine()).isEqualTo("HTTP/1.1 302 Found");
      assertThat(location)
          .matches(
              "https://release-assets\\.githubusercontent\\.com/github-production-release-asset/"
                  + "865292734/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                  + "\\?sp=r&sv=2018-11-09&sr=b&spr=https&se=2026-01-01T00%3A05%3A00Z"
                  + "&rscd=attachment%3B\\+filename%3Dfirmware\\.bin"
                  + "&rsct=application%2Foctet-stream&sig=[A-Za-z0-9%]+"
                  + "&response-content-disposition=attachment%3B%20filename%3Dfirmware\\.bin"
                  + "&response-content-type=application%2Foctet-stream");
      assertThat(bytes.statusLine()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(bytes.body()).isEqualTo(FIRMWARE);
      assertThat(bytes.headerNames())
          .containsExactly(
              "content-type",
              "last-modified",
              "etag",
              "server",
              "x-ms-version",
              "x-ms-blob-type",
              "content-disposition",
              "x-ms-server-encrypted",
              "accept-ranges",
              "date",
              "content-length",
              "connection");
      assertThat(bytes.header("content-disposition")).hasValue("attachment; filename=firmware.bin");
      assertThat(github.unexpected()).isEmpty();
    }

    @Test
    void theLatestReleasesDownloadRedirectsToItsTag() throws IOException {
      RawHttp.Response latest = get("github.com", "/me/app/releases/latest/download/notes.json");

      assertThat(latest.status()).isEqualTo(302);
      assertThat(latest.header("location"))
          .hasValue("https://github.com/me/app/releases/download/v1.1.0/notes.json");
    }

    @Test
    void theApiAssetUrlGivesJsonOrWithOctetStreamARedirectToTheBytes() throws IOException {
      String url = "/repos/me/app/releases/assets/318615466";

      RawHttp.Response json = get("api.github.com", url, "User-Agent: t");
      RawHttp.Response redirect =
          get("api.github.com", url, "User-Agent: t", "Accept: application/octet-stream");

      assertThat(json.status()).isEqualTo(200);
      assertThat(json.text())
          .startsWith("{\"url\":\"https://api.github.com" + url + "\",\"id\":318615466,")
          .endsWith("/releases/download/v1.1.0/firmware.bin\"}");
      assertThat(redirect.statusLine()).isEqualTo("HTTP/1.1 302 Found");
      assertThat(redirect.body()).isEmpty();
      assertThat(redirect.header("x-ratelimit-remaining")).hasValue("58");
      assertThat(follow(redirect.header("location").orElseThrow()).body()).isEqualTo(FIRMWARE);
    }

    @Test
    void theObjectsHostAnswersARangeWithPartialContent() throws IOException {
      String location =
          get("github.com", "/me/app/releases/download/v1.1.0/firmware.bin")
              .header("location")
              .orElseThrow();

      RawHttp.Response part = follow(location, "Range: bytes=4-");
      RawHttp.Response past = follow(location, "Range: bytes=10-");

      assertThat(part.statusLine()).isEqualTo("HTTP/1.1 206 Partial Content");
      assertThat(part.header("content-range")).hasValue("bytes 4-9/10");
      assertThat(part.text()).isEqualTo("456789");
      assertThat(past.status()).isEqualTo(416);
      assertThat(past.header("content-range")).hasValue("bytes */10");
    }

    @Test
    void aMissingAssetIsGitHubsOrdinary404AndAnUnknownBlobIsUnexpected() throws IOException {
      RawHttp.Response missing = get("github.com", "/me/app/releases/download/v1.1.0/nope.bin");
      RawHttp.Response blob =
          get("release-assets.githubusercontent.com", "/github-production-release-asset/1/x");

      assertThat(missing.status()).isEqualTo(404);
      assertThat(blob.status()).isEqualTo(404);
      assertThat(blob.text()).contains("<Code>BlobNotFound</Code>");
      assertThat(github.unexpected()).hasSize(1);
      assertThat(github.nearMisses())
          .contains(
              "GET release-assets.githubusercontent.com/github-production-release-asset/"
                  + "865292734/{asset blob}");
    }
  }

  @Test
  void refusesAnAssetForAReleaseThatDoesNotExist() {
    Repository repository = github.repository("me/app");

    assertThatThrownBy(() -> repository.asset("v9.0.0", "fw.bin", FIRMWARE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no release v9.0.0 in me/app to attach fw.bin to; add the release first");
    assertThatThrownBy(() -> repository.asset("v1.1.0", "firmware.bin", FIRMWARE))
        .hasMessage("release v1.1.0 of me/app already has an asset firmware.bin");
    assertThatThrownBy(() -> repository.asset("v1.1.0", "bin/fw.bin", FIRMWARE))
        .hasMessage(
            "not a valid asset name: \"bin/fw.bin\"; name the file as it is downloaded, such as"
                + " \"firmware.bin\" (no slash)");
  }
}
