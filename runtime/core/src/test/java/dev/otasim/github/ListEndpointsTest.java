package dev.otasim.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lists updaters walk, paginated with GitHub's {@code Link} header (spec/github-api.md,
 * "Endpoints"; issue 17 item 3): {@code commits?sha=&path=}, {@code branches}, {@code branches/B}
 * and {@code tags}.
 */
class ListEndpointsTest {
  private static final String LINK = "https://api.github.com/repositories/865292734/";
  private final FakeGitHub github = FakeGitHub.create();

  @BeforeEach
  void publish() {
    github
        .repository("me/app")
        .release("v1.0.0", f -> f.file("main.py", "print(1)\n").file("lib/a.py", "a\n"))
        .release("v1.1.0", f -> f.file("main.py", "print(2)\n").file("lib/a.py", "a\n"))
        .release("v1.2.0", f -> f.file("main.py", "print(2)\n").file("lib/a.py", "b\n"))
        .branch("dev", f -> f.file("main.py", "dev 1\n"))
        .branch("dev", f -> f.file("main.py", "dev 2\n"));
    github.start();
  }

  @AfterEach
  void close() {
    github.close();
  }

  private RawHttp.Response api(String target) throws IOException {
    return RawHttp.get10(github.address(), "api.github.com", target, "User-Agent: test");
  }

  /** The values of {@code "name":"..."} in order of appearance. */
  private static List<String> all(String json, String name) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private String sha(String ref) throws IOException {
    return all(api("/repos/me/app/commits/" + ref).text(), "sha").get(0);
  }

  @Test
  void listsTheDefaultBranchsCommitsNewestFirstPageByPage() throws IOException {
    RawHttp.Response first = api("/repos/me/app/commits?per_page=1");
    RawHttp.Response middle = api("/repos/me/app/commits?per_page=1&page=2");
    RawHttp.Response last = api("/repos/me/app/commits?per_page=1&page=3");
    RawHttp.Response all = api("/repos/me/app/commits");

    assertThat(all(first.text(), "message")).containsExactly("v1.2.0");
    assertThat(all(middle.text(), "message")).containsExactly("v1.1.0");
    assertThat(first.header("link"))
        .hasValue(
            "<"
                + LINK
                + "commits?per_page=1&page=2>; rel=\"next\", <"
                + LINK
                + "commits?per_page=1&page=3>; rel=\"last\"");
    assertThat(middle.header("link"))
        .hasValue(
            "<"
                + LINK
                + "commits?per_page=1&page=1>; rel=\"prev\", <"
                + LINK
                + "commits?per_page=1&page=3>; rel=\"next\", <"
                + LINK
                + "commits?per_page=1&page=3>; rel=\"last\", <"
                + LINK
                + "commits?per_page=1&page=1>; rel=\"first\"");
    assertThat(last.header("link"))
        .hasValue(
            "<"
                + LINK
                + "commits?per_page=1&page=2>; rel=\"prev\", <"
                + LINK
                + "commits?per_page=1&page=1>; rel=\"first\"");
    assertThat(all(all.text(), "message")).containsExactly("v1.2.0", "v1.1.0", "v1.0.0");
    assertThat(all.header("link")).isEmpty();
  }

  @Test
  void filtersByPathToTheCommitsThatChangedIt() throws IOException {
    String lib = api("/repos/me/app/commits?path=lib").text();
    String file = api("/repos/me/app/commits?sha=v1.1.0&path=main.py").text();
    String none = api("/repos/me/app/commits?path=nothing.py").text();

    assertThat(all(lib, "message")).containsExactly("v1.2.0", "v1.0.0");
    assertThat(all(file, "message")).containsExactly("v1.1.0", "v1.0.0");
    assertThat(none).isEqualTo("[]");
  }

  @Test
  void followsABranchByItsPushesAndKeepsTheClientsParametersInTheLinks() throws IOException {
    String head = sha("dev");

    RawHttp.Response page = api("/repos/me/app/commits?sha=dev&path=main.py&per_page=1");

    assertThat(all(page.text(), "message")).containsExactly("Push to dev");
    assertThat(all(page.text(), "sha").get(0)).isEqualTo(head);
    assertThat(page.header("link"))
        .hasValue(
            "<"
                + LINK
                + "commits?sha=dev&path=main.py&per_page=1&page=2>; rel=\"next\", <"
                + LINK
                + "commits?sha=dev&path=main.py&per_page=1&page=2>; rel=\"last\"");
    assertThat(api("/repos/me/app/commits?sha=nope").status()).isEqualTo(404);
  }

  @Test
  void listsBranchesAndOpensOne() throws IOException {
    String branches = api("/repos/me/app/branches").text();
    RawHttp.Response dev = api("/repos/me/app/branches/dev");
    RawHttp.Response missing = api("/repos/me/app/branches/nope");

    assertThat(branches)
        .isEqualTo(
            "[{\"name\":\"dev\",\"commit\":{\"sha\":\""
                + sha("dev")
                + "\",\"url\":\"https://api.github.com/repos/me/app/commits/"
                + sha("dev")
                + "\"},\"protected\":false},{\"name\":\"main\",\"commit\":{\"sha\":\""
                + sha("main")
                + "\",\"url\":\"https://api.github.com/repos/me/app/commits/"
                + sha("main")
                + "\"},\"protected\":false}]");
    assertThat(dev.text())
        .startsWith("{\"name\":\"dev\",\"commit\":{\"sha\":\"" + sha("dev") + "\",")
        .endsWith(
            "\"_links\":{\"self\":\"https://api.github.com/repos/me/app/branches/dev\","
                + "\"html\":\"https://github.com/me/app/tree/dev\"},\"protected\":false,"
                + "\"protection\":{\"enabled\":false,\"required_status_checks\":"
                + "{\"enforcement_level\":\"off\",\"contexts\":[],\"checks\":[]}},"
                + "\"protection_url\":\"https://api.github.com/repos/me/app/branches/dev/"
                + "protection\"}");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text())
        .isEqualTo(
            "{\"message\":\"Branch not found\",\"documentation_url\":"
                + "\"https://docs.github.com/rest/branches/branches#get-a-branch\","
                + "\"status\":\"404\"}");
  }

  @Test
  void listsTagsNewestReleaseFirstWithTheirPeeledCommits() throws IOException {
    RawHttp.Response tags = api("/repos/me/app/tags?per_page=2");

    assertThat(all(tags.text(), "name")).containsExactly("v1.2.0", "v1.1.0");
    assertThat(tags.text())
        .startsWith(
            "[{\"name\":\"v1.2.0\",\"zipball_url\":"
                + "\"https://api.github.com/repos/me/app/zipball/refs/tags/v1.2.0\","
                + "\"tarball_url\":\"https://api.github.com/repos/me/app/tarball/refs/tags/v1.2.0\","
                + "\"commit\":{\"sha\":\""
                + sha("v1.2.0")
                + "\",");
    assertThat(tags.header("link"))
        .hasValue(
            "<"
                + LINK
                + "tags?per_page=2&page=2>; rel=\"next\", <"
                + LINK
                + "tags?per_page=2&page=2>; rel=\"last\"");
    assertThat(github.unexpected()).isEmpty();
  }

  @Test
  void opensACommitWithWhatChangedSinceItsParent() throws IOException {
    String json = api("/repos/me/app/commits/v1.2.0").text();

    assertThat(json)
        .contains("\"parents\":[{\"sha\":\"" + sha("v1.1.0") + "\",")
        .endsWith(
            "\"stats\":{\"total\":2,\"additions\":1,\"deletions\":1},\"files\":[{\"sha\":"
                + "\"61780798228d17af2d34fce4cfbdf35556832472\",\"filename\":\"lib/a.py\","
                + "\"status\":\"modified\",\"additions\":1,\"deletions\":1,\"changes\":2,"
                + "\"blob_url\":\"https://github.com/me/app/blob/"
                + sha("v1.2.0")
                + "/lib/a.py\",\"raw_url\":\"https://github.com/me/app/raw/"
                + sha("v1.2.0")
                + "/lib/a.py\",\"contents_url\":\"https://api.github.com/repos/me/app/contents/"
                + "lib/a.py?ref="
                + sha("v1.2.0")
                + "\"}]}");
  }
}
