package dev.otasim.idioms;

import static dev.otasim.assertions.OtaAssertions.assertThat;

import dev.otasim.device.Device;
import dev.otasim.github.FakeGitHub;
import dev.otasim.github.HeaderCase;
import dev.otasim.junit.OtaSimulatorTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Our own small updaters and helpers, written in the idioms real MicroPython updaters use (a
 * hand-written HTTP client on {@code usocket}/{@code ussl}, {@code ujson.load} on the socket, an
 * {@code ilistdir} rmtree, bytes written to text files, {@code urequests}), run unchanged from
 * {@code src/test/resources/idioms/} against the fake GitHub. Each asserts what the board prints,
 * to the letter, and the whole journal against a reviewed golden file.
 */
// A generous boot limit: the first boot of a JVM parses the frozen requests in a cold interpreter.
@OtaSimulatorTest(bootTimeLimitMillis = 60_000)
class IdiomTest {
  private static final String REPO = "owner/app";

  /** The fixture {@code name} on the flash as {@code as}, with the Wi-Fi helper beside it. */
  private static void flash(Device device, String as, String name) {
    device.flash().put("/" + as, fixture(name));
    device.flash().put("/wifi.py", fixture("wifi.py"));
    device.network().accessPoint("home", "secret");
  }

  private static String fixture(String name) {
    try (InputStream in = IdiomTest.class.getResourceAsStream("/idioms/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture src/test/resources/idioms/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void release(FakeGitHub github) {
    byte[] big = new byte[5000];
    Arrays.fill(big, (byte) 'x');
    github
        .repository(REPO)
        .release("v1.0.0", t -> t.file("main/app.py", "print('app v1.0.0')\n"))
        .release(
            "v1.1.0",
            t -> t.file("main/app.py", "print('app v1.1.0')\n").file("main/big.bin", big));
  }

  @Nested
  class SocketClient {
    @Test
    @OtaSimulatorTest(firmware = "1.20", bootTimeLimitMillis = 60_000)
    void readsJsonOffTheTlsSocketOnFirmware120(Device device, FakeGitHub github) {
      // given
      release(github);
      flash(device, "sockclient.py", "sockclient.py");
      device.flash().put("/main.py", fixture("sockclient_main.py"));

      // when
      device.runUntilSettled();

      // then: GitHub refuses a request without User-Agent with a text body, which is no JSON;
      // its lower-case transfer-encoding slips past a check spelled like requests 0.10.2's
      assertThat(device)
          .hasSettled()
          .printed(
              """
              with agent: 200 b'application/json; charset=utf-8' v1.1.0
              without agent: ValueError('syntax error in JSON',)
              http/1.1: ValueError('syntax error in JSON',)
              """);
      assertThat(device.journal()).matchesGolden("idioms-sockclient-1.20");
    }

    @Test
    @OtaSimulatorTest(firmware = "1.22", bootTimeLimitMillis = 60_000)
    void aChunkedBodyFailsTheBytesCheckWithATypeErrorOnFirmware122(
        Device device, FakeGitHub github) {
      // given: GitHub's traditional header spelling, so the exact-case check sees the header
      release(github);
      github.setHeaderCase(HeaderCase.CANONICAL);
      flash(device, "sockclient.py", "sockclient.py");
      device.flash().put("/main.py", fixture("sockclient_main.py"));

      // when
      device.runUntilSettled();

      // then: 'Unsupported ' + line adds str and bytes, which the board refuses (spec §16)
      assertThat(device)
          .hasSettled()
          .printed(
              """
              with agent: 200 b'application/json; charset=utf-8' v1.1.0
              without agent: ValueError('syntax error in JSON',)
              http/1.1: TypeError("unsupported types for __add__: 'str', 'bytes'",)
              """);
    }

    @Test
    void cannotImportUsslOnCurrentFirmware(Device device, FakeGitHub github) {
      // given: the default firmware (1.27), where ssl is a frozen Python module (spec §20)
      release(github);
      flash(device, "sockclient.py", "sockclient.py");
      device.flash().put("/main.py", fixture("sockclient_main.py"));

      // when
      device.runUntilSettled();

      // then: it fails at the import, before any network traffic
      assertThat(device)
          .lastBoot()
          .printedExactly(
              """
              Traceback (most recent call last):
                File "main.py", line 3, in <module>
                File "sockclient.py", line 5, in <module>
              ImportError: no module named 'ussl'
              """);
      assertThat(device.journal()).network().hasNoLineStartingWith("http");
    }
  }

  @Nested
  class Files {
    @Test
    void removesATreeWithIlistdirAndWritesBytesToTextFiles(Device device) {
      // given
      flash(device, "fsutil.py", "fsutil.py");
      device.flash().put("/main.py", fixture("fsutil_main.py"));

      // when
      device.runUntilSettled();

      // then
      assertThat(device)
          .hasSettled()
          .printed(
              """
              exists: True False True
              text write of bytes: 9
              listing: [('b.py', 32768), ('sub', 16384)]
              size: 9
              rmdir non-empty: OSError(39,) 39
              unclosed write: 6 0
              after rmtree: False ['c.py', 'fsutil.py', 'main.py', 'wifi.py']
              rmtree missing: [Errno 2] ENOENT
              """);
      assertThat(device.journal()).matchesGolden("idioms-fsutil");
    }
  }

  @Nested
  class Urequests {
    @Test
    @OtaSimulatorTest(failOnUnexpectedRequests = false, bootTimeLimitMillis = 60_000)
    void downloadsWithTheFrozenRequests0102(Device device, FakeGitHub github) {
      // given
      release(github);
      flash(device, "main.py", "urequests_main.py");

      // when
      device.runUntilSettled();

      // then
      assertThat(device)
          .hasSettled()
          .printed(
              """
              status: 200 b'OK'
              header spelled as sent: True as in the docs: None
              tag: v1.1.0
              content: bytes 20 b"print('app"
              text: str print('app v1.1.0')
              after close: 'NoneType' object has no attribute 'close'
              streamed: 5000 5000 5000
              missing: 404 b'Not Found' Not Found
              no user-agent: 403 b'Forbidden' Request forbidden by administrative rules.\
               Please make sure your request has a User-Agent header
              """);
      assertThat(device.journal()).matchesGolden("idioms-urequests");
    }

    @Test
    @OtaSimulatorTest(failOnUnexpectedRequests = false, bootTimeLimitMillis = 60_000)
    void showsTheBoardsTextsForAListingThatIsAnErrorAndAMissingSubmodule(
        Device device, FakeGitHub github) {
      // given
      release(github);
      flash(device, "main.py", "listing_main.py");

      // when
      device.runUntilSettled();

      // then: the texts of MicroPython v1.27 (py/objstrunicode.c, py/runtime.c mp_import_from)
      assertThat(device)
          .hasSettled()
          .printed(
              """
              listing: TypeError('string indices must be integers, not str',)
              import: ImportError("no module named 'lib.util'",)
              import: ImportError("can't import name disconnect",)
              """);
      assertThat(device.journal()).matchesGolden("idioms-listing");
    }
  }
}
