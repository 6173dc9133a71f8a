package dev.otasim.cli;

import dev.otasim.lint.Linter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import picocli.CommandLine;

/**
 * The lint daemon: one JVM per user and build of otasim that keeps lint's GraalPy context warm and
 * answers {@code otasim lint} requests from {@link LintClient} on a unix socket in the user's
 * private folder. It runs nothing but {@code lint} (through the same picocli command, so its output
 * and exit codes are the in-process ones), serves only peers of its own user, and exits after
 * {@link LintClient#IDLE_MINUTES} idle minutes or on {@code otasim lint --stop-daemon}.
 */
final class LintDaemon {
  private LintDaemon() {}

  /** {@code LintDaemon SOCKET}: started by {@link LintClient}, never by hand. */
  public static void main(String[] args) throws IOException, InterruptedException {
    Path socket = Path.of(args[0]);
    Path lockFile = socket.resolveSibling(socket.getFileName() + ".lock");
    try (FileChannel lock =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = lock.tryLock()) {
      if (held == null) {
        return; // another daemon for this socket is starting or running
      }
      Linter.warmUp();
      Files.deleteIfExists(socket); // left by a daemon that did not exit cleanly
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        server.bind(UnixDomainSocketAddress.of(socket));
        new LintDaemon.Server(server, socket, LintClient.me()).serve();
      }
    }
  }

  /** Answers requests on a bound socket until idle; package-private for tests. */
  static final class Server {
    private final ServerSocketChannel server;
    private final Path socket;
    private final UserPrincipal owner;
    private final AtomicLong lastUse = new AtomicLong(System.nanoTime());
    private final AtomicInteger busy = new AtomicInteger();

    Server(ServerSocketChannel server, Path socket, UserPrincipal owner) {
      this.server = server;
      this.socket = socket;
      this.owner = owner;
    }

    void serve() throws IOException {
      Thread idle = new Thread(this::exitWhenIdle, "otasim-lint-idle");
      idle.setDaemon(true);
      idle.start();
      while (true) {
        SocketChannel client = server.accept();
        Thread t = new Thread(() -> handle(client), "otasim-lint-request");
        t.setDaemon(true);
        t.start();
      }
    }

    private void exitWhenIdle() {
      long idleNanos = LintClient.IDLE_MINUTES * 60_000_000_000L;
      while (true) {
        try {
          Thread.sleep(10_000);
        } catch (InterruptedException e) {
          return;
        }
        if (busy.get() == 0 && System.nanoTime() - lastUse.get() > idleNanos) {
          exit();
        }
      }
    }

    private void exit() {
      try {
        Files.deleteIfExists(socket);
      } catch (IOException e) {
        // exiting anyway; the next daemon removes it
      }
      System.exit(0);
    }

    private void handle(SocketChannel client) {
      busy.incrementAndGet();
      try (client) {
        UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
        if (!peer.user().equals(owner)) {
          return; // only the user who owns the folder (it is rwx------ anyway)
        }
        DataInputStream in =
            new DataInputStream(new BufferedInputStream(Channels.newInputStream(client)));
        if (in.readInt() != LintClient.MAGIC) {
          return;
        }
        Path cwd = Path.of(LintClient.readString(in));
        int n = in.readInt();
        if (n < 0 || n > 100_000 || !cwd.isAbsolute()) {
          return;
        }
        List<String> args = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          args.add(LintClient.readString(in));
        }
        DataOutputStream out =
            new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(client)));
        if (args.equals(List.of(LintClient.STOP))) {
          reply(out, 0, "", "");
          exit();
        }
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = lint(cwd, args, stdout, stderr);
        reply(out, code, stdout.toString(), stderr.toString());
      } catch (IOException | RuntimeException e) {
        // the client went away or sent garbage: it lints in-process
      } finally {
        lastUse.set(System.nanoTime());
        busy.decrementAndGet();
      }
    }

    private static void reply(DataOutputStream out, int code, String stdout, String stderr)
        throws IOException {
      out.writeInt(code);
      LintClient.writeString(out, stdout);
      LintClient.writeString(out, stderr);
      out.flush();
    }
  }

  /** {@code otasim lint ARGS} as run in {@code cwd}: the command line's own code and output. */
  static int lint(Path cwd, List<String> args, StringWriter out, StringWriter err) {
    CommandLine cl = OtaSimCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    CommandLine lint = cl.getSubcommands().get("lint");
    ((LintCommand) lint.getCommandSpec().userObject()).workingDir = cwd;
    List<String> all = new ArrayList<>();
    all.add("lint");
    all.addAll(args);
    int code = cl.execute(all.toArray(String[]::new));
    cl.getOut().flush();
    cl.getErr().flush();
    return code;
  }
}
