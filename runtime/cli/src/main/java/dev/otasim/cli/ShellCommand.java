package dev.otasim.cli;

import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.github.FakeGitHub;
import dev.otasim.scenario.DemoScenario;
import dev.otasim.scenario.FolderScenario;
import dev.otasim.shell.Input;
import dev.otasim.shell.ReplSession;
import dev.otasim.shell.SerialRepl;
import dev.otasim.shell.SocketSerial;
import dev.otasim.shell.TerminalInput;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code otasim shell}: an interactive MicroPython prompt on a simulated board. */
@Command(
    name = "shell",
    mixinStandardHelpOptions = true,
    description = {
      "An interactive Python prompt on a simulated ESP32: boots the board (boot.py, main.py),"
          + " then runs what you type as device code, as the board's REPL does.",
      "Default board: the demo's (the reference updater at v1.0.0, v1.1.0 published on a fake"
          + " GitHub). Ctrl-C interrupts, Ctrl-D soft-resets, a second Ctrl-D exits; %%help lists"
          + " the magics. With stdin piped, lines are read and echoed without a terminal.",
      "With --board, --releases are published on a fake GitHub as --repo (default: "
          + DemoScenario.REPO
          + ")."
    })
final class ShellCommand implements Callable<Integer> {
  @Mixin SharedOptions.BoardOption boardOption;

  @Option(
      names = "--releases",
      paramLabel = "DIR",
      description = "With --board: one sub-folder per release tag for the fake GitHub.")
  Path releases;

  @Mixin SharedOptions.RepoOption repoOption;

  @Mixin SharedOptions.FirmwareOption firmwareOption;

  @Option(
      names = "--no-main",
      description = "Skip main.py on every boot: boot.py runs, then the prompt.")
  boolean noMain;

  @Option(
      names = "--socket",
      paramLabel = "PORT|unix",
      description =
          "Serve the board's serial REPL instead of this terminal, byte for byte as a board's USB"
              + " serial port speaks it (raw REPL, raw-paste, paste mode), for mpremote, Thonny,"
              + " rshell: on localhost:PORT (0 picks a free port), or with 'unix' on a unix socket"
              + " in a folder only you can enter. Only your own user can connect; connections"
              + " that look like HTTP are closed; no magics. Runs until interrupted.")
  String socket;

  @Override
  public Integer call() {
    DeviceConfig.Builder config = DeviceConfig.builder().setFirmware(firmwareOption.firmware());
    Path board = boardOption.board;
    String repo = repoOption.repo(DemoScenario.REPO).toString();
    if (board == null && releases != null) {
      throw new IllegalArgumentException("--releases needs --board DIR, the board it is for");
    }
    if (board != null && !Files.isDirectory(board)) {
      throw new IllegalArgumentException(
          "--board " + board + " is not a folder; give the folder whose files go on the flash");
    }
    AutoCloseable scenario;
    Device device;
    FakeGitHub github;
    if (board == null) {
      DemoScenario demo = DemoScenario.create(config.build());
      scenario = demo;
      device = demo.device();
      github = demo.github();
    } else if (releases != null) {
      FolderScenario folder =
          FolderScenario.create(
              new FolderScenario.Spec(
                      board, releases, repo, config.build(), null, null, null, false)
                  .validate(ScenarioOptions.WORDING));
      scenario = folder;
      device = folder.device();
      github = folder.github();
    } else {
      github = FakeGitHub.create();
      github.repository(repo);
      github.start();
      scenario = github;
      device = Device.create(config.build()).connect(github);
      device.flash().load(board);
    }
    try (AutoCloseable closing = scenario) {
      if (socket != null) {
        return serve(device);
      }
      ReplSession session = ReplSession.create(device, github, repo).setRunMain(!noMain);
      if (System.console() == null) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        return session.run(Input.piped(System.in, out), out);
      }
      try (TerminalInput terminal = TerminalInput.system()) {
        return session.run(terminal, terminal.out());
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private int serve(Device device) {
    try (SocketSerial serial = open(socket)) {
      serial.onRefusal(System.err::println);
      System.err.println(
          "otasim: the board's serial port is "
              + serial.address()
              + " (one client at a time, your user only)."
              + (serial.port() >= 0
                  ? " For mpremote:\n  mpremote connect socket://localhost:"
                      + serial.port()
                      + " fs ls\n"
                      + "For 'mpremote repl' and other terminals, make it a serial device:\n"
                      + "  socat PTY,link=/tmp/otasim-tty,rawer TCP:localhost:"
                      + serial.port()
                      + " &"
                  : " Make it a serial device for mpremote and other terminals:\n"
                      + "  socat PTY,link=/tmp/otasim-tty,rawer UNIX-CONNECT:"
                      + serial.address()
                      + " &\n"
                      + "  mpremote connect /tmp/otasim-tty fs ls"));
      return SerialRepl.create(device).setRunMain(!noMain).run(serial);
    }
  }

  /** {@code --socket PORT} or {@code --socket unix}. */
  static SocketSerial open(String socket) {
    if (socket.equals("unix")) {
      return SocketSerial.listenUnix();
    }
    int port;
    try {
      port = Integer.parseInt(socket);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--socket "
              + socket
              + " is neither a TCP port nor 'unix'; give a port from 1 to 65535 (0 picks a free"
              + " one) or 'unix'");
    }
    return SocketSerial.listen(port);
  }
}
