package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtaSimCommandTest extends CommandLineHarness {

  @Test
  void noCommandIsAUsageErrorThatListsTheCommands() {
    int code = run();

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "otasim: name a command, e.g. otasim demo (otasim help COMMAND shows its options)"
                + System.lineSeparator()
                + "Usage: otasim [-hV] [COMMAND]")
        .contains("  demo ")
        .contains("  gate ");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void versionNamesTheBuildAndTheJava() {
    int code = run("--version");

    assertThat(code).isZero();
    // Tests run from target/classes, which carry no manifest version; the jar's -V shows Maven's.
    assertThat(out.toString())
        .startsWith("otasim (classes, not a packaged jar)" + System.lineSeparator() + "Java 17");
  }

  @Test
  void shellHelpShowsItsMagicsWithoutAFormatWarning() {
    int code = run("shell", "--help");

    assertThat(code).isZero();
    // picocli wraps the text at 80 columns, possibly right after the '%'
    assertThat(out.toString().replaceAll("%\\s+", "%").replaceAll("\\s+", " "))
        .contains("a second Ctrl-D exits; %help lists the magics.");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void demoShowsTheCycleAndAVerdict() {
    int code = run("demo");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("boot 1 (power on)")
        .contains("boot 2 (after machine.reset())")
        .contains("  flash   \u2502 rename next -> main")
        .contains("  console \u2502 app: version v1.1.0 running")
        .contains(
            "\u2714 updated v1.0.0 \u2192 v1.1.0 in 3 boots, 6 requests, 2 files downloaded;");
  }

  @Nested
  class Run {
    @TempDir Path dir;

    private Path board;
    private Path releases;

    private void given(String mainPy) throws IOException {
      board = Files.createDirectories(dir.resolve("board"));
      releases = Files.createDirectories(dir.resolve("releases"));
      Files.writeString(board.resolve("main.py"), mainPy);
      Files.createDirectories(releases.resolve("v1.10.0/main"));
      Files.writeString(releases.resolve("v1.10.0/main/app.py"), "print('v1.10')\n");
      Files.createDirectories(releases.resolve("v1.9.0/main"));
      Files.writeString(releases.resolve("v1.9.0/main/app.py"), "print('v1.9')\n");
    }

    @Test
    void bootsTheBoardFolderAgainstTheReleasesFolder() throws IOException {
      given(
          """
          import network, time, urequests
          w = network.WLAN(network.STA_IF)
          w.active(True)
          w.connect('home', 'secret')
          while not w.isconnected():
              time.sleep_ms(100)
          r = urequests.get('https://api.github.com/repos/me/app/releases/latest',
                            headers={'User-Agent': 'test'})
          print('latest', r.json()['tag_name'])
          """);
      Path journal = dir.resolve("journal.txt");

      int code =
          run(
              "run",
              "--board",
              board.toString(),
              "--releases",
              releases.toString(),
              "--repo",
              "me/app",
              "--wifi",
              "home:secret",
              "--journal",
              journal.toString());

      assertThat(code).isZero();
      assertThat(out.toString())
          .contains("console \u2502 latest v1.10.0")
          .contains("\u2714 settled after 1 boot: main.py returned");
      assertThat(Files.readString(journal))
          .contains("http GET https://api.github.com/repos/me/app/releases/latest -> 200");
    }

    @Test
    void followsABranchGivenWithRefAndFetchesRawFilesWithoutHeaders() throws IOException {
      // given: no releases, a default branch "master" and a branch "dev"
      given(
          """
          import network, time, urequests
          w = network.WLAN(network.STA_IF)
          w.active(True)
          w.connect('home', 'secret')
          while not w.isconnected():
              time.sleep_ms(100)
          raw = 'https://raw.githubusercontent.com/me/app/'
          for ref in ('master', 'dev'):
              r = urequests.get(raw + ref + '/main/app.py')
              print(ref, r.status_code, r.text.strip())
          r = urequests.get('https://api.github.com/repos/me/app/contents/main',
                            headers={'User-Agent': 'test'})
          print('default', [e['name'] for e in r.json()])
          """);
      Path master = Files.createDirectories(dir.resolve("master/main"));
      Files.writeString(master.resolve("app.py"), "print('master')\n");
      Files.writeString(master.resolve("util.py"), "x = 1\n");
      Path dev = Files.createDirectories(dir.resolve("dev/main"));
      Files.writeString(dev.resolve("app.py"), "print('dev')\n");

      // when
      int code =
          run(
              "run",
              "--board",
              board.toString(),
              "--ref",
              "master=" + dir.resolve("master"),
              "--ref",
              "dev=" + dir.resolve("dev"),
              "--default-branch",
              "master",
              "--repo",
              "me/app");

      // then
      assertThat(code).isZero();
      assertThat(out.toString())
          .contains("console \u2502 master 200 print('master')")
          .contains("console \u2502 dev 200 print('dev')")
          .contains("console \u2502 default ['app.py', 'util.py']");
    }

    @Test
    void aRefThatIsNotNameEqualsDirIsAUsageError() throws IOException {
      given("pass\n");

      int code = run("run", "--board", board.toString(), "--ref", "master", "--repo", "me/app");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .startsWith("otasim: --ref 'master' is not NAME=DIR, such as master=app/");
    }

    @Test
    void failsWhenTheLastBootRaises() throws IOException {
      given("import os\nos.remove('nothing')\n");

      int code =
          run(
              "run",
              "--board",
              board.toString(),
              "--releases",
              releases.toString(),
              "--repo",
              "me/app");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_FAILED);
      assertThat(out.toString())
          .contains("\u2718 did not settle: boot 1 ended with OSError: [Errno 2] ENOENT");
    }

    @Test
    void aBoardWithoutMainPyOrBootPyIsAUsageErrorBeforeAnyBoot() throws IOException {
      given("pass\n");
      Files.delete(board.resolve("main.py"));

      int code =
          run(
              "run",
              "--board",
              board.toString(),
              "--releases",
              releases.toString(),
              "--repo",
              "me/app");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: --board "
                  + board
                  + " has neither main.py nor boot.py, so the board would boot to its REPL and"
                  + " run nothing of yours; put the code that calls your updater in "
                  + board.resolve("main.py")
                  + System.lineSeparator());
      assertThat(out.toString()).isEmpty();
    }

    @Test
    void aNameWithALineBreakCannotStartAWorkflowCommandInTheError() throws IOException {
      given("pass\n");

      int code =
          run(
              "run",
              "--board",
              dir.resolve("x\n::stop-commands::pwned").toString(),
              "--releases",
              releases.toString(),
              "--repo",
              "me/app");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .startsWith("otasim: --board " + dir.resolve("x") + System.lineSeparator().charAt(0))
          .contains("\n> ::stop-commands::pwned is not a folder")
          .doesNotContain("\n::");
    }

    @Test
    void missingBoardFolderIsAUsageErrorThatNamesTheFix() throws IOException {
      given("pass\n");

      int code =
          run(
              "run",
              "--board",
              dir.resolve("nope").toString(),
              "--releases",
              releases.toString(),
              "--repo",
              "me/app");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: --board "
                  + dir.resolve("nope")
                  + " is not a folder; give the folder whose files go on the board's flash"
                  + " (boot.py, main.py, your updater)"
                  + System.lineSeparator());
    }

    @Test
    void saveOntoAnExistingFileIsRefusedBeforeAnyBoot() throws IOException {
      given("print('hi')\n");
      Path file = Files.writeString(dir.resolve("flash.txt"), "mine");

      int code =
          run(
              "run",
              "--board",
              board.toString(),
              "--releases",
              releases.toString(),
              "--repo",
              "me/app",
              "--save",
              file.toString());

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(out.toString()).isEmpty();
      assertThat(err.toString())
          .isEqualTo(
              "otasim: --save "
                  + file
                  + " is a file; give a folder (it is made if missing)"
                  + System.lineSeparator());
      assertThat(file).hasContent("mine");
    }

    @Test
    void aJournalAndASaveOnTheSamePathAreRefusedBeforeAnyBoot() throws IOException {
      // found by CliFuzzTest: the journal was written, then saving the flash failed on it
      given("print('hi')\n");
      Path both = dir.resolve("out");

      int code =
          run(
              "run",
              "--board",
              board.toString(),
              "--releases",
              releases.toString(),
              "--repo",
              "me/app",
              "--journal",
              both.toString(),
              "--save",
              both.toString());

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: --journal and --save both name "
                  + both
                  + "; give them different paths"
                  + System.lineSeparator());
      assertThat(both).doesNotExist();
    }

    @Test
    void aJournalInAMissingFolderIsRefusedBeforeAnyBoot() throws IOException {
      given("print('hi')\n");
      Path journal = dir.resolve("nope/journal.txt");

      int code =
          run(
              "run",
              "--board",
              board.toString(),
              "--releases",
              releases.toString(),
              "--repo",
              "me/app",
              "--journal",
              journal.toString());

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: --journal "
                  + journal
                  + ": the folder "
                  + dir.resolve("nope")
                  + " does not exist; create it first"
                  + System.lineSeparator());
    }

    @Test
    void aBoardFolderWithALinkIsAUsageErrorNamingIt() throws IOException {
      given("print('hi')\n");
      Files.createSymbolicLink(board.resolve("passwd"), Path.of("/etc/passwd"));

      int code =
          run(
              "run",
              "--board",
              board.toString(),
              "--releases",
              releases.toString(),
              "--repo",
              "me/app");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: --board "
                  + board
                  + ": passwd is a symbolic link (to /etc/passwd); otasim reads only regular files"
                  + " and folders from the host, replace it with the file itself"
                  + System.lineSeparator());
    }

    @Test
    void missingOptionsAreNamed() {
      int code = run("run", "--repo", "me/app");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .startsWith(
              "otasim: give --board DIR, --repo OWNER/NAME and --releases DIR and/or --ref"
                  + " NAME=DIR, or --board DIR and --github DIR and/or --serve URL=DIR (missing:"
                  + " --board --releases or --ref)");
    }

    @Test
    void malformedWifiIsAUsageError() throws IOException {
      given("pass\n");

      int code =
          run(
              "run",
              "--board",
              board.toString(),
              "--releases",
              releases.toString(),
              "--repo",
              "me/app",
              "--wifi",
              "home");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .startsWith("otasim: --wifi 'home' is not SSID:PASSWORD, such as home:secret");
    }
  }
}
