package dev.otasim.cli;

import dev.otasim.shell.PrivateFolder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The client side of the lint daemon ({@link LintDaemon}): {@code otasim lint} sends its arguments
 * and folder over a unix socket to a JVM that keeps the lint's GraalPy context warm, and prints
 * what it answers. Loads only JDK classes, so the client starts in a fraction of a second (issue
 * 13: lint in a pre-commit hook).
 *
 * <p>Safety: the socket lives in a folder only this user can enter ({@code rwx------}, owned by the
 * user, not a link), the daemon answers only peers of the same user (SO_PEERCRED), runs nothing but
 * {@code lint}, and reads only the paths each request names.
 */
final class LintClient {
  private LintClient() {}

  /** A daemon nobody used for this long exits. */
  static final int IDLE_MINUTES = 15;

  static final int MAGIC = 0x6f74_6c31; // "otl1"

  static final String STOP = "--stop-daemon";

  /** How long a first use waits for a new daemon to come up before linting in-process. */
  private static final long START_WAIT_MS = 120_000;

  /**
   * Runs {@code otasim lint ARGS} in the daemon, starting one if none runs.
   *
   * @return the exit code, after printing the daemon's output; {@code null} if the daemon is not
   *     wanted or cannot serve (the caller then lints in-process)
   */
  static Integer forward(String[] args, PrintStream out, PrintStream err) {
    if (!wanted(args)) {
      return null;
    }
    try {
      Path socket = socket();
      if (socket == null) {
        return null;
      }
      SocketChannel channel = connect(socket);
      if (channel == null) {
        channel = await(socket, start(socket));
      }
      if (channel == null) {
        return null;
      }
      return send(channel, args, out, err);
    } catch (IOException | RuntimeException e) {
      return null; // nothing printed yet: lint in-process instead
    }
  }

  /** Sends one request on a connected channel, prints the answer, returns its exit code. */
  static int send(SocketChannel channel, String[] args, PrintStream out, PrintStream err)
      throws IOException {
    try (channel) {
      Reply reply = exchange(channel, args);
      out.print(reply.out());
      out.flush();
      err.print(reply.err());
      err.flush();
      return reply.code();
    }
  }

  /** Asks this user's daemon to exit; {@code false} if none was running. */
  static boolean stop() {
    try {
      Path socket = socket();
      SocketChannel channel = socket == null ? null : connect(socket);
      if (channel == null) {
        return false;
      }
      try (channel) {
        exchange(channel, new String[] {STOP});
        return true;
      }
    } catch (IOException e) {
      return false;
    }
  }

  /** Not with --no-daemon or --stop-daemon, OTASIM_LINT_DAEMON=off, or in CI (one-shot runs). */
  static boolean wanted(String[] args) {
    List<String> a = Arrays.asList(args);
    if (a.contains("--no-daemon") || a.contains(STOP)) {
      return false;
    }
    String env = System.getenv("OTASIM_LINT_DAEMON");
    if (env != null && env.equalsIgnoreCase("off")) {
      return false;
    }
    String ci = System.getenv("CI");
    return ci == null || ci.isEmpty() || ci.equalsIgnoreCase("false");
  }

  /**
   * This user's socket for this build of otasim, or {@code null} without a private folder for it.
   */
  static Path socket() throws IOException {
    Path dir = privateFolder();
    return dir == null ? null : dir.resolve("lint-" + buildKey() + ".sock");
  }

  /** {@code $XDG_RUNTIME_DIR/otasim-lint-USER} (or under the temp folder): see PrivateFolder. */
  static Path privateFolder() throws IOException {
    return PrivateFolder.of("otasim-lint-");
  }

  static UserPrincipal me() throws IOException {
    return PrivateFolder.me();
  }

  /** Changes with the jar (and its libraries) and the JDK: a rebuilt otasim gets a new daemon. */
  static String buildKey() {
    StringBuilder id = new StringBuilder(System.getProperty("java.home"));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry).toAbsolutePath();
      id.append('|').append(p).append(':').append(p.toFile().length()).append(':');
      id.append(p.toFile().lastModified());
      Path lib = p.resolveSibling("lib");
      id.append(':').append(lib.toFile().lastModified());
    }
    CRC32 crc = new CRC32();
    crc.update(id.toString().getBytes(StandardCharsets.UTF_8));
    return Long.toHexString(crc.getValue());
  }

  /** A connection to the daemon at {@code socket}, or {@code null} if none answers there. */
  static SocketChannel connect(Path socket) {
    if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    try {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
        return channel;
      } catch (IOException e) {
        channel.close();
        return null;
      }
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Waits for the daemon to listen; gives up if it failed (a daemon that exits 0 found another one
   * starting, so the wait goes on for that one).
   */
  private static SocketChannel await(Path socket, Process daemon) throws IOException {
    long deadline = System.currentTimeMillis() + START_WAIT_MS;
    while (System.currentTimeMillis() < deadline) {
      SocketChannel channel = connect(socket);
      if (channel != null) {
        return channel;
      }
      if (!daemon.isAlive() && daemon.exitValue() != 0) {
        return null;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  /**
   * Starts a daemon in a session of its own (so a Ctrl-C in this terminal does not reach it), with
   * this JVM's options and class path; its output goes to {@code daemon.log} beside the socket.
   */
  private static Process start(Path socket) throws IOException {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      command.add("/usr/bin/setsid");
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // the daemon lives long enough for C2 to pay (the launcher's C1-only flag is for short runs)
      if (!option.startsWith("-XX:ArchiveClassesAtExit")
          && !option.startsWith("-XX:TieredStopAtLevel")
          && !option.startsWith("-XX:StartFlightRecording")
          && !option.startsWith("-agentlib")
          && !option.startsWith("-javaagent")) {
        command.add(option);
      }
    }
    List<String> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classPath.add(Path.of(entry).toAbsolutePath().toString());
    }
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath));
    command.add(LintDaemon.class.getName());
    command.add(socket.toString());
    File log = socket.resolveSibling("daemon.log").toFile();
    return new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
        .redirectErrorStream(true)
        .start();
  }

  record Reply(int code, String out, String err) {}

  private static Reply exchange(SocketChannel channel, String[] args) throws IOException {
    DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
    out.writeInt(MAGIC);
    writeString(out, Path.of("").toAbsolutePath().toString());
    out.writeInt(args.length);
    for (String a : args) {
      writeString(out, a);
    }
    out.flush();
    DataInputStream in =
        new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
    int code = in.readInt();
    return new Reply(code, readString(in), readString(in));
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /** A length-prefixed UTF-8 string of at most 64 MiB. */
  static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > (64 << 20)) {
      throw new IOException("bad string length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
