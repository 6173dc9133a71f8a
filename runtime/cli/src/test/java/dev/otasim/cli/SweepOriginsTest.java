package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code otasim sweep} over the servers {@code run} knows besides one repository: a server of one's
 * own ({@code --serve}) and several repositories ({@code --github}), with the version to reach
 * named by {@code --new-version}/{@code --new-app} (issue 17, item 4).
 */
class SweepOriginsTest extends CommandLineHarness {
  private static final Path OWN_SERVER = Path.of("../../examples/own-server");

  /**
   * Our own two-repository updater: me/fleet's latest release names the version the boards run,
   * me/app's tree at that tag holds the app. It stages the app in /next and swaps it in by two
   * renames, /old covering a power cut between them.
   */
  private static final String TWO_REPOS =
      """
      import os
      import time
      import machine
      import network
      import requests

      H = {'User-Agent': 'fleet'}


      def have(path):
          try:
              os.stat(path)
              return True
          except OSError:
              return False


      def rmtree(path):
          if have(path):
              for name in os.listdir(path):
                  os.remove(path + '/' + name)
              os.rmdir(path)


      if have('/old'):
          if have('/app'):
              rmtree('/old')
          else:
              os.rename('/old', '/app')
      rmtree('/next')
      w = network.WLAN(network.STA_IF)
      w.active(True)
      w.connect('home', 'secret')
      while not w.isconnected():
          time.sleep_ms(100)
      with open('/app/.version') as f:
          current = f.read()
      r = requests.get('https://api.github.com/repos/me/fleet/releases/latest', headers=H)
      wanted = r.json()['tag_name']
      r.close()
      if wanted != current:
          os.mkdir('/next')
          for name in ('app.py', 'util.py'):
              r = requests.get('https://raw.githubusercontent.com/me/app/%s/%s' % (wanted, name))
              with open('/next/' + name, 'wb') as f:
                  f.write(r.content)
              r.close()
          with open('/next/.version', 'w') as f:
              f.write(wanted)
          os.rename('/app', '/old')
          os.rename('/next', '/app')
          rmtree('/old')
          machine.reset()
      print('running', current)
      """;

  @TempDir Path dir;

  private void write(String path, String text) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void cutsPowerInsideADownloadFromTheOwnServer() {
    int code =
        run(
            "sweep",
            "--board",
            OWN_SERVER.resolve("board").toString(),
            "--serve",
            "http://192.168.1.10:8000/=" + OWN_SERVER.resolve("srv"),
            "--app-dir",
            "/app",
            "--version-file",
            "/app/.version",
            "--new-version",
            "1.1.0",
            "--new-app",
            OWN_SERVER.resolve("srv/app").toString(),
            "--threads",
            "2",
            "--quiet",
            "--html",
            dir.resolve("sweep.html").toString());

    assertThat(code).as(out + "" + err).isZero();
    assertThat(out.toString())
        .startsWith(
            "otasim sweep \u2014 http://192.168.1.10:8000/\n"
                + "power cut sweep of http://192.168.1.10:8000/: 1.0.0 -> 1.1.0\n"
                + "clean run: 29 events, 2 boots, recovered new\n")
        .contains(
            "    6     1  recovered new   http GET http://192.168.1.10:8000/app/blink.py -> 200"
                + " (81 B)\n"
                + "    7     1  recovered new   open next/blink.py wb\n"
                + "    8     1  recovered new   write next/blink.py 81 B\n"
                + "    9     1  recovered new   close next/blink.py\n")
        .contains("http://192.168.1.10:8000/, power cut: 27 points, ")
        .contains(": 27 recovered new, 0 recovered old, 0 bricked\n")
        .endsWith("\u2714 the board recovered at every point\n");
  }

  @Test
  void sweepsAnUpdaterThatFollowsTwoRepositories() throws IOException {
    write("board/main.py", TWO_REPOS);
    write("board/app/.version", "v1.0.0");
    write("board/app/app.py", "print('app 1.0')\n");
    write("gh/me/fleet/releases/v1.1.0/fleet.json", "{}\n");
    write("gh/me/app/releases/v1.0.0/app.py", "print('app 1.0')\n");
    write("gh/me/app/releases/v1.1.0/app.py", "print('app 1.1')\n");
    write("gh/me/app/releases/v1.1.0/util.py", "X = 1\n");

    int code =
        run(
            "sweep",
            "--board",
            dir.resolve("board").toString(),
            "--github",
            dir.resolve("gh").toString(),
            "--app-dir",
            "/app",
            "--version-file",
            "/app/.version",
            "--new-version",
            "v1.1.0",
            "--new-app",
            dir.resolve("gh/me/app/releases/v1.1.0").toString(),
            "--threads",
            "2",
            "--quiet",
            "--html",
            dir.resolve("sweep.html").toString());

    assertThat(code).as(out + "" + err).isZero();
    assertThat(out.toString())
        .startsWith(
            "otasim sweep \u2014 me/app, me/fleet\n"
                + "power cut sweep of me/app, me/fleet: v1.0.0 -> v1.1.0\n")
        .contains(
            "recovered new   http GET https://api.github.com/repos/me/fleet/releases/latest"
                + " -> 200 (")
        .contains(
            "recovered new   http GET"
                + " https://raw.githubusercontent.com/me/app/v1.1.0/util.py -> 200 (6 B)\n")
        .contains(" recovered new, 0 recovered old, 0 bricked\n")
        .endsWith("\u2714 the board recovered at every point\n");
  }

  @Test
  void withoutReleasesTheSweepAsksForTheNewVersion() {
    int code =
        run(
            "sweep",
            "--board",
            OWN_SERVER.resolve("board").toString(),
            "--serve",
            "http://192.168.1.10:8000/=" + OWN_SERVER.resolve("srv"),
            "--html",
            dir.resolve("sweep.html").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "otasim: a sweep must know the version the board reaches: give --new-version VERSION"
                + " (and --new-app DIR, the folder of the app it installs), or --releases DIR,"
                + " whose newest tag is that version\n");
  }
}
