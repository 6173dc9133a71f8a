package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code otasim run --github DIR}: several repositories in one run, laid out as
 * DIR/OWNER/NAME/{releases,branches,repo.json}, beside the one-repository shorthand (issue 17).
 */
class RunGitHubFolderTest extends CommandLineHarness {
  private static final String MAIN =
      """
      import network, time, requests
      w = network.WLAN(network.STA_IF)
      w.active(True)
      w.connect('home', 'secret')
      while not w.isconnected():
          time.sleep_ms(100)
      H = {'User-Agent': 'two-repos'}
      for repo in ('me/updater', 'me/app', 'me/extra'):
          r = requests.get('https://api.github.com/repos/%s/releases/latest' % repo, headers=H)
          print(repo, r.status_code, r.json().get('tag_name'))
          r.close()
      r = requests.get('https://raw.githubusercontent.com/me/app/dev/app.py')
      print('dev:', r.text.strip())
      r.close()
      """;

  @TempDir Path dir;

  private Path write(String path, String text) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private void layOut() throws IOException {
    write("board/main.py", MAIN);
    write("gh/me/updater/releases/v1.0.0/ota.py", "# updater 1.0\n");
    write("gh/me/app/releases/v2.0.0/app.py", "print('2.0')\n");
    write("gh/me/app/releases/v2.10.0/app.py", "print('2.10')\n");
    write("gh/me/app/releases/v2.9.0/app.py", "print('2.9')\n");
    write("gh/me/app/branches/dev/app.py", "print('dev')\n");
    write("gh/me/app/repo.json", "{\"default_branch\": \"dev\", \"private\": false}\n");
  }

  @Test
  void servesEveryRepositoryOfTheFolderBesideTheShorthand() throws IOException {
    layOut();
    write("extra/v0.1.0/x.py", "x\n");

    int code =
        run(
            "run",
            "--board",
            dir.resolve("board").toString(),
            "--github",
            dir.resolve("gh").toString(),
            "--repo",
            "me/extra",
            "--releases",
            dir.resolve("extra").toString());

    assertThat(code).as(out + "" + err).isZero();
    assertThat(out.toString())
        .contains("console │ me/updater 200 v1.0.0\n")
        .contains("console │ me/app 200 v2.10.0\n")
        .contains("console │ me/extra 200 v0.1.0\n")
        .contains("console │ dev: print('dev')\n")
        .doesNotContain("unexpected requests");
  }

  @Test
  void servesTheFoldersAssetsAndAnnotatedTags() throws IOException {
    layOut();
    write("gh/me/app/assets/v2.10.0/fw.bin", "firmware 2.10");
    write("gh/me/app/repo.json", "{\"annotated_tags\": true}");
    write(
        "board/main.py",
        """
        import network, time, requests
        w = network.WLAN(network.STA_IF)
        w.active(True)
        w.connect('home', 'secret')
        while not w.isconnected():
            time.sleep_ms(100)
        H = {'User-Agent': 'assets'}
        api = 'https://api.github.com/repos/me/app/'
        r = requests.get(api + 'releases/latest', headers=H)
        asset = r.json()['assets'][0]
        r.close()
        print(asset['name'], asset['size'], asset['content_type'])
        r = requests.get(asset['browser_download_url'])
        r = requests.get(r.headers['location'])
        print(r.status_code, r.content)
        r = requests.get(api + 'git/ref/tags/v2.9.0', headers=H)
        print(r.json()['object']['type'])
        """);

    int code = run("run", "--board", dir.resolve("board").toString(), "--github", dir + "/gh");

    assertThat(code).as(out + "" + err).isZero();
    assertThat(out.toString())
        .contains("console │ fw.bin 13 application/octet-stream\n")
        .contains("console │ 200 b'firmware 2.10'\n")
        .contains("console │ tag\n")
        .doesNotContain("unexpected requests");
  }

  @Test
  void aPrivateRepositoryTakesTheToken() throws IOException {
    layOut();
    write("gh/me/app/repo.json", "{\"private\": true}");

    int without = run("run", "--board", dir.resolve("board").toString(), "--github", dir + "/gh");
    String refused = err.toString();
    int with =
        run(
            "run",
            "--board",
            dir.resolve("board").toString(),
            "--github",
            dir + "/gh",
            "--token",
            "t0k");

    assertThat(without).isEqualTo(2);
    assertThat(refused)
        .startsWith(
            "otasim: --github: me/app is private (repo.json), which needs --token: the fake"
                + " GitHub hides a private repository from requests without it\n");
    // the updater sends no token: the private repository is hidden from it, as on GitHub
    assertThat(with).isZero();
    assertThat(out.toString()).contains("console │ me/app 404 None\n");
  }

  @Test
  void namesEachMistakeInTheLayout() throws IOException {
    layOut();
    List<String> messages = new ArrayList<>();
    String board = dir.resolve("board").toString();
    String gh = dir.resolve("gh").toString();
    Runnable runIt =
        () -> {
          err.getBuffer().setLength(0);
          assertThat(run("run", "--board", board, "--github", gh)).isEqualTo(2);
          messages.add(err.toString().lines().findFirst().orElse(""));
        };

    write("gh/me/app/assets/v3.0.0/fw.bin", "x");
    runIt.run();
    Files.delete(dir.resolve("gh/me/app/assets/v3.0.0/fw.bin"));
    Files.delete(dir.resolve("gh/me/app/assets/v3.0.0"));
    Files.delete(dir.resolve("gh/me/app/assets"));
    write("gh/me/app/release/v3/app.py", "x");
    runIt.run();
    Files.delete(dir.resolve("gh/me/app/release/v3/app.py"));
    Files.delete(dir.resolve("gh/me/app/release/v3"));
    Files.delete(dir.resolve("gh/me/app/release"));
    write("gh/me/app/repo.json", "{\"default\": \"dev\"}");
    runIt.run();
    write("gh/me/app/repo.json", "{\"private\": \"yes\"}");
    runIt.run();
    write("gh/me/app/repo.json", "{\"private\": true,}");
    runIt.run();
    Files.delete(dir.resolve("gh/me/app/repo.json"));
    Files.createDirectories(dir.resolve("gh/nobody"));
    runIt.run();

    Path app = dir.resolve("gh/me/app");
    assertThat(messages)
        .containsExactly(
            "otasim: --github: "
                + app.resolve("assets/v3.0.0")
                + ": there is no release v3.0.0 to attach these assets to; name the folder after"
                + " a tag under "
                + app.resolve("releases")
                + "/",
            "otasim: --github: "
                + app
                + " holds release, which a repository folder does not have; it holds"
                + " releases/TAG/, branches/BRANCH/, assets/TAG/ and repo.json",
            "otasim: --github: "
                + app.resolve("repo.json")
                + ": unknown key \"default\"; it may hold \"default_branch\" (a string),"
                + " \"private\" and \"annotated_tags\" (true or false)",
            "otasim: --github: "
                + app.resolve("repo.json")
                + ": \"default_branch\" must be a string, \"private\" and \"annotated_tags\""
                + " true or false",
            "otasim: --github: "
                + app.resolve("repo.json")
                + ": not a JSON object of plain values: expected '\"' at character 18",
            "otasim: --github "
                + gh
                + ": "
                + dir.resolve("gh/nobody")
                + " holds no repository folder; lay out "
                + dir.resolve("gh/nobody/NAME/releases/TAG")
                + "/");
  }
}
