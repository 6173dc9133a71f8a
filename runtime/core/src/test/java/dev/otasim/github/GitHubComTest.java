package dev.otasim.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * github.com's redirects updaters follow: the latest release, raw files, and archive links to
 * codeload (spec/github-api.md; issue 17 item 3: they were 404 where GitHub gives 302).
 */
class GitHubComTest {
  private final FakeGitHub github = FakeGitHub.create();

  @BeforeEach
  void publish() {
    github
        .repository("me/app")
        .release("v1.0.0", files -> files.file("main.py", "print('v1')\n"))
        .release("v1.1.0", files -> files.file("main.py", "print('v1.1')\n"));
    github.start();
  }

  @AfterEach
  void close() {
    github.close();
  }

  private RawHttp.Response get(String host, String target) throws IOException {
    return RawHttp.get10(github.address(), host, target);
  }

  @Test
  void redirectsTheLatestReleaseAndRawFiles() throws IOException {
    RawHttp.Response latest = get("github.com", "/me/app/releases/latest");
    RawHttp.Response raw = get("github.com", "/me/app/raw/v1.0.0/main.py");

    assertThat(latest.status()).isEqualTo(302);
    assertThat(latest.header("location")).contains("https://github.com/me/app/releases/tag/v1.1.0");
    assertThat(raw.status()).isEqualTo(302);
    assertThat(raw.header("location"))
        .contains("https://raw.githubusercontent.com/me/app/v1.0.0/main.py");
    assertThat(get("raw.githubusercontent.com", "/me/app/v1.0.0/main.py").text())
        .isEqualTo("print('v1')\n");
    assertThat(github.unexpected()).isEmpty();
  }

  @Test
  void redirectsAnArchiveLinkToCodeloadWhichNamesTheFolderAfterTheTag() throws IOException {
    RawHttp.Response link = get("github.com", "/me/app/archive/refs/tags/v1.1.0.zip");

    assertThat(link.status()).isEqualTo(302);
    assertThat(link.header("location"))
        .contains("https://codeload.github.com/me/app/zip/refs/tags/v1.1.0");
    RawHttp.Response archive = get("codeload.github.com", "/me/app/zip/refs/tags/v1.1.0");
    List<String> entries = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive.body()))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        entries.add(e.getName());
      }
    }
    assertThat(entries).containsExactly("app-1.1.0/", "app-1.1.0/main.py");
    assertThat(get("github.com", "/me/app/archive/refs/tags/v9.zip").status()).isEqualTo(404);
    assertThat(get("github.com", "/me/app/pulls").status()).isEqualTo(404);
    assertThat(github.unexpected())
        .extracting(Exchange::request)
        .containsExactly("GET github.com/me/app/pulls");
  }
}
