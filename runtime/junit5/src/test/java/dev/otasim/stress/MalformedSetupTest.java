package dev.otasim.stress;

import static dev.otasim.assertions.OtaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.github.FakeGitHub;
import dev.otasim.junit.OtaSimulatorTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Setups that cannot work fail at once, with a message that names the problem and the fix. */
class MalformedSetupTest {
  @Nested
  class Flash {
    private final Device device = Device.create();

    @Test
    void relativePathAsksForTheLeadingSlash() {
      assertThatThrownBy(() -> device.flash().put("relative.py", "x = 1"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "flash paths are absolute, like \"/main.py\": \"relative.py\"; add the leading /");
    }

    @Test
    void dotDotSegmentsAreRejectedInsteadOfBecomingAFileNamedDotDot() {
      assertThatThrownBy(() -> device.flash().put("/lib/../main.py", "x = 1"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("flash paths are normalised, without \".\" or \"..\": \"/lib/../main.py\"");
    }

    @Test
    void fileWhereADirectoryIsNeededNamesTheFile() {
      device.flash().put("/main.py", "x = 1");

      assertThatThrownBy(() -> device.flash().put("/main.py/app.py", "y = 2"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "cannot put /main.py/app.py: /main.py is a file, not a directory; remove it first or"
                  + " choose another path");
      assertThat(device.flash().tree()).isEqualTo("/main.py  5 B\n");
    }

    @Test
    void directoryWhereAFileIsNeededSaysSo() {
      device.flash().put("/lib/ota.py", "x = 1");

      assertThatThrownBy(() -> device.flash().put("/lib", "y = 2"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("cannot put /lib: it is a directory on the flash; a file needs another name");
    }

    @Test
    void theRootIsNoFile() {
      assertThatThrownBy(() -> device.flash().put("/", "x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("cannot put /: it is the root directory; name a file");
    }
  }

  @Nested
  class Config {
    @Test
    void everySetterNamesTheValueItRejects() {
      DeviceConfig.Builder b = DeviceConfig.builder();

      assertThatThrownBy(() -> b.setFlashBlocks(3))
          .hasMessage("flashBlocks (3) must be at least 4");
      assertThatThrownBy(() -> b.setHeapBytes(0)).hasMessage("heapBytes (0) must be positive");
      assertThatThrownBy(() -> b.setMaxBoots(0)).hasMessage("maxBoots (0) must be positive");
      assertThatThrownBy(() -> b.setMaxAllocBytes(-1))
          .hasMessage("maxAllocBytes (-1) must be positive");
      assertThatThrownBy(() -> b.setBootTimeLimit(Duration.ZERO))
          .hasMessage("bootTimeLimit (PT0S) must be positive");
      assertThatThrownBy(() -> b.setBootTimeLimit(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("limit");
      assertThatThrownBy(() -> b.setImage(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("image");
    }

    @Test
    void firmwareVersionsThatCannotBeParsedAtBootAreRejectedUpFront() {
      // 99999999999 passed the pattern before and broke the first boot with a
      // NumberFormatException
      assertThatThrownBy(() -> DeviceConfig.builder().setFirmware("99999999999.1"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("firmware (99999999999.1) must look like 1.27.0 or 1.22");
      assertThatThrownBy(() -> DeviceConfig.builder().setFirmware("v1.22"))
          .hasMessage("firmware (v1.22) must look like 1.27.0 or 1.22");
    }
  }

  @Nested
  class GitHub {
    @Test
    void repositoryNeedsOwnerSlashName() {
      try (FakeGitHub github = FakeGitHub.create()) {
        assertThatThrownBy(() -> github.repository("noslash"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(
                "'noslash' is not a GitHub repository: give OWNER/NAME, such as me/thermostat");
        assertThatThrownBy(() -> github.repository("a/b/c"))
            .hasMessage(
                "'a/b/c' is not a GitHub repository: give OWNER/NAME, such as me/thermostat");
      }
    }

    @Test
    void releaseTagMustBeAGitTag() {
      try (FakeGitHub github = FakeGitHub.create()) {
        var repo = github.repository("owner/app");

        for (String tag : new String[] {"", "v 1.0", "../v1", "v1/", "v1:2"}) {
          assertThatThrownBy(() -> repo.release(tag, t -> t.file("main.py", "x")))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessage(
                  "not a valid tag name: \""
                      + tag
                      + "\"; use a git tag such as \"v1.2.0\" (no spaces, \"..\" or ~^:?*[\\, and"
                      + " no leading or trailing /)");
        }
      }
    }

    @Test
    void releaseTagIsUnique() {
      try (FakeGitHub github = FakeGitHub.create()) {
        var repo = github.repository("owner/app").release("v1", t -> t.file("main.py", "x"));

        assertThatThrownBy(() -> repo.release("v1", t -> t.file("main.py", "y")))
            .hasMessage("release v1 already exists in owner/app; tags are unique");
      }
    }

    @Test
    void releaseFilePathsAreRelativeAndCannotCollide() {
      try (FakeGitHub github = FakeGitHub.create()) {
        var repo = github.repository("owner/app");

        assertThatThrownBy(() -> repo.release("v1", t -> t.file("/main.py", "x")))
            .hasMessage("path must be relative and name a file, like \"lib/ota.py\": \"/main.py\"");
        assertThatThrownBy(() -> repo.release("v2", t -> t.file("lib/../x.py", "x")))
            .hasMessage("path must not contain empty, \".\" or \"..\" segments: \"lib/../x.py\"");
        assertThatThrownBy(
                () -> repo.release("v3", t -> t.file("lib", "x").file("lib/ota.py", "y")))
            .hasMessage("\"lib/ota.py\" and \"lib\" cannot both exist: one would be a directory");
      }
    }

    @Test
    void aClosedFakeGitHubRefusesToStartOrGiveItsFormerAddress() {
      FakeGitHub github = FakeGitHub.create().start();
      github.close();

      assertThatThrownBy(github::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("this FakeGitHub is closed; create another");
      assertThatThrownBy(github::address).hasMessage("this FakeGitHub is closed; create another");
      assertThatThrownBy(() -> Device.create().connect(github))
          .hasMessage("this FakeGitHub is closed; create another");
    }

    @Test
    void connectingADeviceToAnUnstartedFakeGitHubSaysToStartIt() {
      try (FakeGitHub github = FakeGitHub.create()) {
        assertThatThrownBy(() -> Device.create().connect(github))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("this FakeGitHub is not listening yet; call start() first");
      }
    }
  }

  @Nested
  @OtaSimulatorTest(bootTimeLimitMillis = 15_000)
  class DeviceCode {
    @Test
    void syntaxErrorInMainPyPrintsTheBoardsTraceback(Device device) {
      device.flash().put("/main.py", "print('ok')\nx = = 1\n");

      BootResult boot = device.boot();

      assertThat(boot)
          .endedWith(BootOutcome.EXCEPTION)
          .raised("SyntaxError: invalid syntax")
          .printedExactly(
              """
              Traceback (most recent call last):
                File "main.py", line 2
              SyntaxError: invalid syntax
              """);
      assertThat(device.journal().text())
          .isEqualTo("boot 1 cause=PWRON\nuncaught SyntaxError: invalid syntax\n");
    }

    @Test
    void syntaxErrorInAnImportedModuleShowsTheImportingLine(Device device) {
      device.flash().put("/main.py", "import app\n");
      device.flash().put("/lib/app.py", "def run(:\n    pass\n");

      assertThat(device.boot())
          .raised("SyntaxError: invalid syntax")
          .printedExactly(
              """
              Traceback (most recent call last):
                File "main.py", line 1, in <module>
                File "/lib/app.py", line 1
              SyntaxError: invalid syntax
              """);
    }

    @Test
    void unexpectedIndentIsTheBoardsIndentationError(Device device) {
      // The board names line 2 (its INDENT token); GraalPy's parser reports line 1.
      device.flash().put("/main.py", "x = 1\n    y = 2\n");

      assertThat(device.boot())
          .raised("IndentationError: unexpected indent")
          .printedExactly(
              """
              Traceback (most recent call last):
                File "main.py", line 1
              IndentationError: unexpected indent
              """);
    }

    @Test
    void aUserRaisedSyntaxErrorKeepsItsOwnMessage(Device device) {
      device.flash().put("/main.py", "raise SyntaxError('my parser gave up')\n");

      assertThat(device.boot()).raised("SyntaxError: my parser gave up");
    }

    @Test
    void invalidUtf8InAStringLiteralIsReadAsReplacementCharacters(Device device) {
      // what otasim does (decodes with U+FFFD); not checked against a board
      device.flash().put("/main.py", "print('caf\u00e9')\n".getBytes(StandardCharsets.ISO_8859_1));

      assertThat(device.boot()).endedWith(BootOutcome.RETURNED).printedExactly("caf\ufffd\n");
    }

    @Test
    void invalidUtf8InCodeIsASyntaxError(Device device) {
      device.flash().put("/main.py", new byte[] {'x', ' ', '=', ' ', (byte) 0xff, '\n'});

      assertThat(device.boot())
          .raised("SyntaxError: invalid syntax")
          .printedExactly(
              """
              Traceback (most recent call last):
                File "main.py", line 1
              SyntaxError: invalid syntax
              """);
    }

    @Test
    void withoutBootPyOrMainPyTheBoardSitsAtTheRepl(Device device) {
      BootResult boot = device.boot();

      assertThat(boot).endedWith(BootOutcome.RETURNED).printedExactly("");
      assertThat(device.journal().text()).isEqualTo("boot 1 cause=PWRON\n");
    }

    @Test
    void bootPyAloneRunsAndTheBoardReturnsToTheRepl(Device device) {
      device.flash().put("/boot.py", "print('boot.py ran')\n");

      assertThat(device.runUntilSettled())
          .singleElement()
          .satisfies(
              b -> assertThat(b).endedWith(BootOutcome.RETURNED).printedExactly("boot.py ran\n"));
    }

    @Test
    void mainPyAloneRuns(Device device) {
      device.flash().put("/main.py", "print('main.py ran')\n");

      assertThat(device.boot()).endedWith(BootOutcome.RETURNED).printedExactly("main.py ran\n");
    }
  }
}
