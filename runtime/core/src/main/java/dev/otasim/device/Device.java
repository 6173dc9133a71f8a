package dev.otasim.device;

import dev.otasim.boot.Boot;
import dev.otasim.boot.BootFailure;
import dev.otasim.boot.BootSettings;
import dev.otasim.boot.Tee;
import dev.otasim.github.FakeGitHub;
import dev.otasim.report.Count;
import dev.otasim.stubs.flash.Flash;
import dev.otasim.stubs.journal.Journal;
import dev.otasim.stubs.journal.ResetCause;
import dev.otasim.stubs.machine.Board;
import dev.otasim.stubs.machine.VirtualClock;
import dev.otasim.stubs.net.Network;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A simulated ESP32 running MicroPython: a flash to put code on, a network to reach the fake
 * GitHub, and boots that run {@code boot.py} and {@code main.py} inside GraalPy.
 *
 * <pre>{@code
 * try (FakeGitHub github = FakeGitHub.create().start()) {
 *   Device device = Device.create(DeviceConfig.esp32()).connect(github);
 *   device.flash().put("/main.py", "print('hello')");
 *   device.runUntilSettled();
 *   System.out.print(device.journal().text());
 * }
 * }</pre>
 */
public final class Device {
  /** Where GitHub's names resolve on the simulated network (their real front-end addresses). */
  private static final Map<String, String> GITHUB_ADDRESSES =
      Map.of(
          "api.github.com", "140.82.121.6",
          "github.com", "140.82.121.4",
          "codeload.github.com", "140.82.121.10",
          "raw.githubusercontent.com", "185.199.108.133",
          "objects.githubusercontent.com", "185.199.109.133",
          "release-assets.githubusercontent.com", "185.199.110.133");

  /** Sees every boot of every device when set: the context-reuse differential test. */
  static volatile java.util.function.BiConsumer<Device, BootResult> bootObserver;

  private final DeviceConfig config;
  private final Board board;
  private final List<BootResult> boots = new ArrayList<>();
  private final StringBuilder console = new StringBuilder();
  private final ConsoleLines consoleLines;
  private OutputStream live;
  private ResetCause nextCause = ResetCause.PWRON;

  private Device(DeviceConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    // The first boot is a power-on: the RTC starts at 2000-01-01 unless the configuration says
    // the tool that copied the files set it (spec §20.2); the files carry the provisioning time.
    long provisioned = config.provisioningSeconds();
    VirtualClock clock = new VirtualClock(config.rtcSetAtProvisioning() ? provisioned : 0);
    Flash flash = Flash.littleFs(config.flashBlocks(), clock::seconds);
    flash.setProvisioningClock(() -> provisioned);
    this.board =
        new Board(
            flash,
            clock,
            new Network(),
            new byte[] {0x24, 0x0a, (byte) 0xc4, 0x12, 0x34, 0x56},
            config.heapBytes());
    board.setMaxAllocBytes(config.maxAllocBytes());
    board.setMaxSockets(config.maxSockets());
    board.useImage(config.image());
    this.consoleLines = new ConsoleLines(board.journal());
  }

  /** A powered-off board with an empty flash. */
  public static Device create(DeviceConfig config) {
    return new Device(config);
  }

  /** A generic ESP32 with the default configuration. */
  public static Device create() {
    return new Device(DeviceConfig.esp32());
  }

  /**
   * Makes GitHub's host names resolve to, and connect to, this fake GitHub, and its {@linkplain
   * FakeGitHub#origins() servers of one's own} reachable at their address and port: a name through
   * the fake DNS, an IP literal directly.
   */
  public Device connect(FakeGitHub github) {
    InetSocketAddress address = github.address();
    int extra = 100;
    for (String host : github.hostNames()) {
      String ip = GITHUB_ADDRESSES.getOrDefault(host, "140.82.121." + extra++);
      board.network().host(host, ip).route(ip, address);
    }
    github.origins().forEach(o -> reach(github, o));
    github.onOriginAdded(o -> reach(github, o));
    board.network().setResponseBodies(github::responseBody);
    board.network().setServerSilence(github.serverSilence());
    return this;
  }

  /** Routes {@code origin}'s address and port to its server; a name gets an address in DNS. */
  private void reach(FakeGitHub github, dev.otasim.github.Origin origin) {
    String ip = origin.host();
    if (!origin.isIpLiteral()) {
      // an address of its own from the documentation range (RFC 5737), one per name
      ip =
          board
              .network()
              .resolve(origin.host())
              .orElse("203.0.113." + (10 + github.origins().indexOf(origin)));
      board.network().host(origin.host(), ip);
    }
    board.network().route(ip, origin.port(), github.address(origin));
  }

  /** Sends the serial console, as it is printed, to this stream too (the demo, the shell). */
  public Device setConsoleListener(OutputStream live) {
    this.live = live;
    return this;
  }

  public DeviceConfig config() {
    return config;
  }

  public Flash flash() {
    return board.flash();
  }

  public Journal journal() {
    return board.journal();
  }

  public Network network() {
    return board.network();
  }

  /** The hardware beneath, for tests of the stubs themselves. */
  public Board board() {
    return board;
  }

  /** Everything printed on the serial console, across boots. */
  public String console() {
    return console.toString();
  }

  /**
   * The journal with the console interleaved: each console line sits before the first event that
   * happened after it was printed. This is the demo's timeline.
   */
  public List<TimelineEntry> timeline() {
    return consoleLines.timeline();
  }

  /** Every boot so far. */
  public List<BootResult> boots() {
    return List.copyOf(boots);
  }

  /**
   * Boots once. The reset cause follows from how the previous boot ended; after a boot that settled
   * (returned, raised, hung) the next boot is a power cycle.
   */
  public BootResult boot() {
    return boot(null);
  }

  /**
   * Boots once, and if {@code main.py} returns or raises, hands the board's REPL to {@code prompt}
   * until it leaves (the shell). A reset typed at the prompt ends the boot like any other.
   */
  public BootResult boot(BoardPrompt.Handler prompt) {
    if (nextCause == ResetCause.PWRON && !boots.isEmpty()) {
      board.powerLost();
    }
    if (prompt != null && !config.engine().hasPrompt()) {
      throw new UnsupportedOperationException(
          "the board's prompt (otasim shell) runs on the GraalPy engine only");
    }
    OutputStream sink = live == null ? consoleLines : new Tee(consoleLines, live);
    Boot.Ended ended;
    try {
      ended =
          Boot.run(
              config.engine().implementation(),
              board,
              bootSettings(config),
              nextCause,
              sink,
              prompt == null ? null : BoardPrompt.on(prompt, board, config.bootTimeLimit()));
    } catch (BootFailure e) {
      throw new SimulatorException(e.getMessage(), e.getCause());
    }
    BootOutcome outcome = outcome(ended);
    if (!ended.uncaughtRecorded()) {
      outcome.settle(board, ended.error(), config.bootTimeLimit().toMillis());
    }
    BootResult result =
        new BootResult(board.boots(), nextCause, outcome, ended.console(), ended.error());
    consoleLines.endOfBoot();
    boots.add(result);
    console.append(result.console());
    nextCause = nextCause(result.outcome());
    java.util.function.BiConsumer<Device, BootResult> observer = bootObserver;
    if (observer != null) {
      observer.accept(this, result);
    }
    return result;
  }

  /**
   * Boots until a boot ends without restarting the board, or {@link DeviceConfig#maxBoots()} boots
   * have run (a boot loop).
   *
   * @return the boots of this run
   */
  public List<BootResult> runUntilSettled() {
    List<BootResult> run = new ArrayList<>();
    do {
      run.add(boot());
    } while (run.get(run.size() - 1).outcome().restarts() && run.size() < config.maxBoots());
    return run;
  }

  /** What a boot needs of the configuration. */
  private static BootSettings bootSettings(DeviceConfig config) {
    return new BootSettings(
        config.firmware(),
        config.bootTimeLimit(),
        config.uartBaud(),
        config.consoleKeepBytes(),
        config.heapBytes(),
        config.maxAllocBytes(),
        config.reuseContexts());
  }

  private static BootOutcome outcome(Boot.Ended ended) {
    return switch (ended.how()) {
      case RETURNED -> BootOutcome.RETURNED;
      case EXCEPTION -> BootOutcome.EXCEPTION;
      case SOFT_RESET -> BootOutcome.SOFT_RESET;
      case HUNG -> BootOutcome.HUNG;
      case STOPPED -> BootOutcome.of(ended.stop());
    };
  }

  private static ResetCause nextCause(BootOutcome outcome) {
    return switch (outcome) {
      case HARD_RESET -> ResetCause.HARD;
      case SOFT_RESET -> ResetCause.SOFT;
      case DEEPSLEEP -> ResetCause.DEEPSLEEP;
      case WATCHDOG -> ResetCause.WDT;
      case POWER_CUT, RETURNED, EXCEPTION, HUNG -> ResetCause.PWRON;
    };
  }

  /**
   * The state a board and its console carry into the next boot, saved between boots: the board's
   * ({@link Board.Snapshot}), the boots so far, the console and how the next boot starts.
   */
  public static final class Snapshot {
    private final Board.Snapshot board;
    private final List<BootResult> boots;
    private final String console;
    private final ConsoleLines.Saved lines;
    private final ResetCause nextCause;

    private Snapshot(Device d) {
      this.board = d.board.snapshot();
      this.boots = List.copyOf(d.boots);
      this.console = d.console.toString();
      this.lines = d.consoleLines.save();
      this.nextCause = d.nextCause;
    }

    /** The boots before the saved point. */
    public List<BootResult> boots() {
      return boots;
    }

    /** The journal's events before the saved point. */
    public List<dev.otasim.stubs.journal.Event> events() {
      return board.events();
    }
  }

  /** Saves the device's state; call it between boots. */
  public Snapshot snapshot() {
    return new Snapshot(this);
  }

  /**
   * Puts a device of the same configuration in the state {@code saved} holds, as if it had run the
   * boots before it. Its network configuration and armed faults stay.
   */
  public void restore(Snapshot saved) {
    board.restore(saved.board);
    boots.clear();
    boots.addAll(saved.boots);
    console.setLength(0);
    console.append(saved.console);
    consoleLines.restore(saved.lines);
    nextCause = saved.nextCause;
  }

  /** Warms the shared GraalPy engine, so that the first boot is not the slow one. */
  public static void warmUp() {
    Engine.GRAALPY.implementation().warmUp();
  }

  /**
   * What it is, for a shell or a debugger: {@code Device(firmware 1.27.0, 2 boots, Flash(LITTLEFS,
   * 512 blocks of 4096 B, 9 used))}.
   */
  @Override
  public String toString() {
    return "Device(firmware "
        + config.firmware()
        + ", "
        + Count.of(board.boots(), "boot")
        + ", "
        + board.flash()
        + ")";
  }
}
