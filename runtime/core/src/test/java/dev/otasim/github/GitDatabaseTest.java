package dev.otasim.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The git database endpoints an updater uses to follow a branch or resolve a tag itself: refs,
 * commits and blobs (spec/github-api.md, "Git database"; issue 17 item 3).
 */
class GitDatabaseTest {
  private static final String FILE = "print('" + "x".repeat(80) + "')\n";
  private final FakeGitHub github = FakeGitHub.create();

  @BeforeEach
  void publish() {
    github
        .repository("me/app")
        .release("v1.0.0", files -> files.file("main.py", FILE))
        .branch("dev", files -> files.file("main.py", "print('dev')\n"));
    github.start();
  }

  @AfterEach
  void close() {
    github.close();
  }

  private RawHttp.Response api(String target) throws IOException {
    return RawHttp.get10(github.address(), "api.github.com", target, "User-Agent: test");
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
    assertThat(m.find()).as(name + " in " + json).isTrue();
    return m.group(1);
  }

  @Test
  void resolvesTagsAndBranchesToTheirCommits() throws IOException {
    String tagCommit = field(api("/repos/me/app/commits/v1.0.0").text(), "sha");
    String devCommit = field(api("/repos/me/app/commits/dev").text(), "sha");

    RawHttp.Response tag = api("/repos/me/app/git/ref/tags/v1.0.0");
    RawHttp.Response head = api("/repos/me/app/git/refs/heads/dev");
    RawHttp.Response missing = api("/repos/me/app/git/ref/tags/v9.9.9");

    assertThat(tag.status()).isEqualTo(200);
    assertThat(tag.text())
        .startsWith("{\"ref\":\"refs/tags/v1.0.0\",\"node_id\":\"")
        .endsWith(
            "\"url\":\"https://api.github.com/repos/me/app/git/refs/tags/v1.0.0\",\"object\":"
                + "{\"sha\":\""
                + tagCommit
                + "\",\"type\":\"commit\",\"url\":\"https://api.github.com/repos/me/app/git/"
                + "commits/"
                + tagCommit
                + "\"}}");
    assertThat(field(head.text(), "ref")).isEqualTo("refs/heads/dev");
    assertThat(head.text()).contains("\"sha\":\"" + devCommit + "\"");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(field(missing.text(), "message")).isEqualTo("Not Found");
    assertThat(github.unexpected()).isEmpty();
  }

  @Test
  void servesACommitWithItsTreeAndABlobInWrappedBase64() throws IOException {
    String commit = field(api("/repos/me/app/git/ref/tags/v1.0.0").text(), "sha");
    String tree = field(api("/repos/me/app/git/trees/v1.0.0").text(), "sha");
    String blobSha = GitHash.blob(FILE.getBytes(StandardCharsets.UTF_8));

    RawHttp.Response commitJson = api("/repos/me/app/git/commits/" + commit);
    RawHttp.Response blob = api("/repos/me/app/git/blobs/" + blobSha);

    assertThat(commitJson.status()).isEqualTo(200);
    assertThat(commitJson.text())
        .contains(
            "\"tree\":{\"sha\":\""
                + tree
                + "\",\"url\":\"https://api.github.com/repos/me/app/git/trees/"
                + tree
                + "\"}")
        .contains("\"parents\":[]");
    assertThat(blob.status()).isEqualTo(200);
    assertThat(blob.text())
        .contains("\"sha\":\"" + blobSha + "\"")
        .contains("\"size\":" + FILE.length() + ",")
        .contains("\"encoding\":\"base64\"");
    String content = field(blob.text(), "content").replace("\\n", "\n");
    assertThat(content.split("\n")[0]).hasSize(60);
    assertThat(
            new String(java.util.Base64.getMimeDecoder().decode(content), StandardCharsets.UTF_8))
        .isEqualTo(FILE);
    assertThat(api("/repos/me/app/git/blobs/" + "0".repeat(40)).status()).isEqualTo(404);
    assertThat(github.unexpected())
        .extracting(Exchange::request)
        .containsExactly("GET api.github.com/repos/me/app/git/blobs/" + "0".repeat(40));
  }

  @Test
  void anAnnotatedTagsRefPointsAtItsTagObjectWhichPointsAtTheCommit() throws IOException {
    github.repository("me/app").release("v1.1.0", files -> files.file("main.py", "v1.1\n"));
    github.repository("me/app").annotate("v1.1.0", "Release 1.1\n");
    String commit = field(api("/repos/me/app/commits/v1.1.0").text(), "sha");

    RawHttp.Response ref = api("/repos/me/app/git/ref/tags/v1.1.0");
    String tagSha = ref.text().replaceAll(".*\"object\":\\{\"sha\":\"([0-9a-f]{40})\".*", "$1");
    RawHttp.Response tag = api("/repos/me/app/git/tags/" + tagSha);
    RawHttp.Response lightweight = api("/repos/me/app/git/ref/tags/v1.0.0");

    assertThat(tagSha).isNotEqualTo(commit).hasSize(40);
    assertThat(ref.text())
        .endsWith(
            "\"object\":{\"sha\":\""
                + tagSha
                + "\",\"type\":\"tag\",\"url\":\"https://api.github.com/repos/me/app/git/tags/"
                + tagSha
                + "\"}}");
    assertThat(tag.status()).isEqualTo(200);
    assertThat(tag.text())
        .startsWith("{\"node_id\":\"")
        .endsWith(
            "\"sha\":\""
                + tagSha
                + "\",\"url\":\"https://api.github.com/repos/me/app/git/tags/"
                + tagSha
                + "\",\"html_url\":\"https://github.com/me/app/releases/tag/v1.1.0\","
                + "\"tag\":\"v1.1.0\",\"message\":\"Release 1.1\\n\",\"tagger\":{\"name\":\"me\","
                + "\"email\":\"me@users.noreply.github.com\",\"date\":\"2025-12-31T00:00:00Z\"},"
                + "\"object\":{\"sha\":\""
                + commit
                + "\",\"type\":\"commit\",\"url\":\"https://api.github.com/repos/me/app/git/commits/"
                + commit
                + "\"},\"verification\":{\"verified\":false,\"reason\":\"unsigned\","
                + "\"signature\":null,\"payload\":null,\"verified_at\":null}}");
    assertThat(lightweight.text()).contains("\"type\":\"commit\"");
    assertThat(github.unexpected()).isEmpty();
  }

  @Test
  void aLightweightTagHasNoTagObject() throws IOException {
    String commit = field(api("/repos/me/app/commits/v1.0.0").text(), "sha");

    RawHttp.Response tag = api("/repos/me/app/git/tags/" + commit);

    assertThat(tag.status()).isEqualTo(404);
    assertThat(tag.text())
        .isEqualTo(
            "{\"message\":\"Not Found\",\"documentation_url\":"
                + "\"https://docs.github.com/rest/git/tags#get-a-tag\",\"status\":\"404\"}");
  }

  @Test
  void listsRefsByPrefixAndGivesEachCommitItsParent() throws IOException {
    github.repository("me/app").release("v1.1.0", files -> files.file("main.py", "v1.1\n"));
    String first = field(api("/repos/me/app/commits/v1.0.0").text(), "sha");
    String second = field(api("/repos/me/app/commits/v1.1.0").text(), "sha");

    String tags = api("/repos/me/app/git/refs/tags").text();
    String heads = api("/repos/me/app/git/matching-refs/heads/d").text();
    String none = api("/repos/me/app/git/matching-refs/tags/v9").text();
    String commit = api("/repos/me/app/git/commits/" + second).text();

    assertThat(tags)
        .startsWith("[{\"ref\":\"refs/tags/v1.0.0\",")
        .contains("},{\"ref\":\"refs/tags/v1.1.0\",")
        .doesNotContain("refs/heads");
    assertThat(heads).startsWith("[{\"ref\":\"refs/heads/dev\",").doesNotContain("refs/heads/main");
    assertThat(none).isEqualTo("[]");
    assertThat(commit)
        .contains("\"message\":\"v1.1.0\"")
        .endsWith(
            "\"parents\":[{\"sha\":\""
                + first
                + "\",\"url\":\"https://api.github.com/repos/me/app/git/commits/"
                + first
                + "\",\"html_url\":\"https://github.com/me/app/commit/"
                + first
                + "\"}]}");
  }

  @Test
  void servesATreeByItsOwnShaWithPathsRelativeToIt() throws IOException {
    github
        .repository("me/app")
        .release("v2.0.0", files -> files.file("app/main.py", "x\n").file("app/lib/a.py", "a\n"));
    String commit = field(api("/repos/me/app/git/ref/tags/v2.0.0").text(), "sha");
    String root =
        api("/repos/me/app/git/commits/" + commit)
            .text()
            .replaceAll(".*\"tree\":\\{\"sha\":\"([0-9a-f]{40})\".*", "$1");
    String app =
        api("/repos/me/app/git/trees/" + root)
            .text()
            .replaceAll(
                ".*\"path\":\"app\",\"mode\":\"040000\",\"type\":\"tree\",\"sha\":\"([0-9a-f]{40})\".*",
                "$1");

    RawHttp.Response whole = api("/repos/me/app/git/trees/" + root + "?recursive=1");
    RawHttp.Response sub = api("/repos/me/app/git/trees/" + app + "?recursive=1");

    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.text()).startsWith("{\"sha\":\"" + root + "\",");
    assertThat(all(whole.text(), "path"))
        .containsExactly("app", "app/lib", "app/lib/a.py", "app/main.py");
    assertThat(sub.text()).startsWith("{\"sha\":\"" + app + "\",");
    assertThat(all(sub.text(), "path")).containsExactly("lib", "lib/a.py", "main.py");
    assertThat(github.unexpected()).isEmpty();
  }

  private static java.util.List<String> all(String json, String name) {
    java.util.List<String> out = new java.util.ArrayList<>();
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
