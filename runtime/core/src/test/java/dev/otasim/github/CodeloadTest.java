package dev.otasim.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * codeload.github.com's archives, where the API's tarball and zipball redirect: real tar.gz and zip
 * files whose entries sit under {@code owner-repo-shortsha/} (issue 17 item 3; it answered 501
 * before).
 */
class CodeloadTest {
  private final FakeGitHub github = FakeGitHub.create();
  private String sha;

  @BeforeEach
  void publish() throws IOException {
    github
        .repository("me/app")
        .release(
            "v1.0.0",
            files -> files.file("main.py", "print('v1')\n").file("lib/util.py", "X = 1\n"));
    github.start();
    String commit =
        RawHttp.get10(
                github.address(), "api.github.com", "/repos/me/app/commits/v1.0.0", "User-Agent: t")
            .text();
    sha = commit.substring(commit.indexOf("\"sha\":\"") + 7, commit.indexOf("\"sha\":\"") + 47);
  }

  @AfterEach
  void close() {
    github.close();
  }

  private RawHttp.Response codeload(String target) throws IOException {
    return RawHttp.get10(github.address(), "codeload.github.com", target);
  }

  @Test
  void servesATarGzUnderOwnerRepoShortSha() throws IOException {
    RawHttp.Response response = codeload("/me/app/legacy.tar.gz/refs/tags/v1.0.0");

    assertThat(response.status()).isEqualTo(200);
    String folder = "me-app-" + sha.substring(0, 7);
    assertThat(response.header("content-type")).contains("application/x-gzip");
    assertThat(response.header("content-disposition"))
        .contains("attachment; filename=" + folder + ".tar.gz");
    byte[] tar;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      tar = in.readAllBytes();
    }
    assertThat(tar.length % 10240).isZero();
    List<String> entries = new ArrayList<>();
    String pax = null;
    String util = null;
    for (int at = 0; at + 512 <= tar.length && tar[at] != 0; ) {
      String name = text(tar, at, 100);
      char type = (char) tar[at + 156];
      int size = Integer.parseInt(text(tar, at + 124, 12).trim(), 8);
      String content = new String(tar, at + 512, size, StandardCharsets.UTF_8);
      entries.add(type + " " + name);
      if (type == 'g') {
        pax = content;
      }
      if (name.endsWith("util.py")) {
        util = content;
      }
      at += 512 + (size + 511) / 512 * 512;
    }
    assertThat(entries)
        .containsExactly(
            "g pax_global_header",
            "5 " + folder + "/",
            "5 " + folder + "/lib/",
            "0 " + folder + "/lib/util.py",
            "0 " + folder + "/main.py");
    assertThat(pax).isEqualTo("52 comment=" + sha + "\n");
    assertThat(util).isEqualTo("X = 1\n");
  }

  @Test
  void servesAZipWithTheCommitAsItsComment() throws IOException {
    RawHttp.Response response = codeload("/me/app/legacy.zip/refs/heads/main");

    assertThat(response.status()).isEqualTo(200);
    String folder = "me-app-" + sha.substring(0, 7);
    List<String> entries = new ArrayList<>();
    String main = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        entries.add(e.getName());
        if (e.getName().endsWith("main.py")) {
          main = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    assertThat(entries)
        .containsExactly(
            folder + "/", folder + "/lib/", folder + "/lib/util.py", folder + "/main.py");
    assertThat(main).isEqualTo("print('v1')\n");
    String tail = new String(response.body(), StandardCharsets.ISO_8859_1);
    assertThat(tail).endsWith(sha);
  }

  @Test
  void anUnknownRefIsAnUnexpected404NotA501() throws IOException {
    RawHttp.Response response = codeload("/me/app/legacy.zip/refs/tags/v9");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.text()).isEqualTo("404: Not Found");
    assertThat(github.unexpected()).hasSize(1);
  }

  private static String text(byte[] block, int at, int length) {
    byte[] field = Arrays.copyOfRange(block, at, at + length);
    int end = 0;
    while (end < field.length && field[end] != 0) {
      end++;
    }
    return new String(field, 0, end, StandardCharsets.UTF_8);
  }
}
