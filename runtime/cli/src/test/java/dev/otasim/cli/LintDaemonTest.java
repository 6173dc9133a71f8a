package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LintDaemonTest {
  /** Surefire runs in the runtime module's folder; the client sends it as its folder. */
  /** Relative, as a user names files: the daemon resolves it in the client's folder. */
  private static final String FIXTURE = "target/lint-daemon-test/fstrings.py";

  /** A nested f-string, which the board's parser rejects (spec §16). */
  private static final String NESTED_FSTRING = "x = 1\n\nprint(f\"{f'{x}'}\")\n";

  @TempDir Path dir;

  private ServerSocketChannel server;
  private Path socket;

  @BeforeEach
  void givenADaemonOnASocket() throws IOException {
    Files.createDirectories(Path.of(FIXTURE).getParent());
    Files.writeString(Path.of(FIXTURE), NESTED_FSTRING);
    socket = dir.resolve("lint.sock");
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    LintDaemon.Server daemon = new LintDaemon.Server(server, socket, LintClient.me());
    Thread t =
        new Thread(
            () -> {
              try {
                daemon.serve();
              } catch (IOException closed) {
                // the test closed the socket
              }
            });
    t.setDaemon(true);
    t.start();
  }

  @AfterEach
  void closeIt() throws IOException {
    server.close();
  }

  private record Run(int code, String out, String err) {}

  private Run viaDaemon(String... args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        LintClient.send(
            LintClient.connect(socket),
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Run inProcess(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = OtaSimCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = "lint";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = cl.execute(all);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void answersAsTheCommandDoesInProcess() throws IOException {
    Run daemon = viaDaemon(FIXTURE);

    assertThat(daemon).isEqualTo(inProcess(FIXTURE));
    assertThat(daemon.code()).isEqualTo(OtaSimCommand.EXIT_FAILED);
    assertThat(daemon.out()).startsWith(FIXTURE + ":3:10: error[fstring] ");
  }

  @Test
  void resolvesRelativePathsInTheClientsFolderAndReportsUsageErrorsAlike() throws IOException {
    assertThat(viaDaemon("--format", "json", "nope.py"))
        .isEqualTo(inProcess("--format", "json", "nope.py"));
    assertThat(viaDaemon("nope.py").err())
        .isEqualTo(
            "otasim: no such file or folder: nope.py (name .py files or folders that hold"
                + " them)\n");
  }

  @Test
  void noDaemonAnswersWhereNoneListens() {
    assertThat(LintClient.connect(dir.resolve("other.sock"))).isNull();
  }

  @Test
  void isNotUsedWhenAskedNotTo() {
    assertThat(LintClient.wanted(new String[] {"--no-daemon", "x.py"})).isFalse();
    assertThat(LintClient.wanted(new String[] {"--stop-daemon"})).isFalse();
  }

  @Test
  void itsFolderIsPrivateToTheUser() throws IOException {
    Path folder = LintClient.privateFolder();

    assertThat(folder).isNotNull();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
        .isEqualTo("rwx------");
    assertThat(Files.getOwner(folder)).isEqualTo(LintClient.me());
  }
}
