package dev.otasim.shell;

import dev.otasim.device.BoardPrompt;
import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.github.FakeGitHub;
import dev.otasim.report.Count;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * An interactive Python prompt on a simulated board: boots it (boot.py, main.py), then evaluates
 * each complete input as device code in the boot's {@code __main__}, as the board's REPL does. A
 * reset typed at the prompt ends the boot and the next boot starts, as on the board; Ctrl-D
 * soft-resets and a second Ctrl-D exits; lines starting with {@code %} are the shell's magics.
 *
 * <pre>{@code
 * try (DemoScenario demo = DemoScenario.create()) {
 *   ReplSession.create(demo.device(), demo.github(), DemoScenario.REPO)
 *       .run(Input.piped(System.in, System.out), System.out);
 * }
 * }</pre>
 */
public final class ReplSession {
  private final Device device;
  private final FakeGitHub github;
  private final String repo;
  private boolean runMain = true;
  private volatile BoardPrompt current;
  private boolean quit;
  private boolean eofArmed;

  private ReplSession(Device device, FakeGitHub github, String repo) {
    this.device = Objects.requireNonNull(device, "device");
    this.github = github;
    this.repo = repo;
  }

  /**
   * A session on this board.
   *
   * @param github the fake GitHub the board talks to, for {@code %release}; may be {@code null}
   * @param repo the repository {@code %release} publishes to; may be {@code null}
   */
  public static ReplSession create(Device device, FakeGitHub github, String repo) {
    return new ReplSession(device, github, repo);
  }

  /** Whether boots run {@code main.py} before the prompt (default: yes, as the board does). */
  public ReplSession setRunMain(boolean runMain) {
    this.runMain = runMain;
    return this;
  }

  /**
   * Runs the session until the input ends (a pipe), {@code %exit}, or a second Ctrl-D.
   *
   * @return 0, or 1 if the board never reached its prompt (main.py hung, or a boot loop)
   */
  public int run(Input input, PrintStream out) {
    device.setConsoleListener(out);
    input.onInterrupt(this::interrupt);
    input.completeWith(
        text -> {
          Magics m = this.magics;
          if (m != null && text.startsWith("%java ")) {
            return m.completeJava(text.substring("%java ".length()));
          }
          BoardPrompt p = current;
          return p == null || p.running() ? List.of() : p.complete(text);
        });
    Magics magics = new Magics(device, github, repo, out);
    this.magics = magics;
    Handler handler = new Handler(input, out, magics);
    int withoutPrompt = 0;
    while (true) {
      handler.reached = false;
      BootResult boot = device.boot(handler);
      out.flush();
      if (quit) {
        return 0;
      }
      if (!boot.outcome().restarts()) {
        out.println(
            "otasim: boot "
                + boot.number()
                + (boot.outcome() == BootOutcome.HUNG
                    ? " ran past the boot limit without reaching the prompt"
                    : " ended with " + boot.outcome())
                + "; start the shell with --no-main to get a prompt without main.py");
        return 1;
      }
      out.println(resetLine(boot.outcome()));
      withoutPrompt = handler.reached ? 0 : withoutPrompt + 1;
      if (withoutPrompt >= device.config().maxBoots()) {
        out.println(
            "otasim: "
                + Count.of(withoutPrompt, "boot")
                + " in a row reset before reaching the prompt (a boot loop); start the"
                + " shell with --no-main to get a prompt without main.py");
        return 1;
      }
    }
  }

  /**
   * Interrupts the input running at the prompt, as Ctrl-C does; safe from any thread.
   *
   * @return whether anything was running
   */
  public boolean interrupt() {
    Magics m = magics;
    if (m != null && m.stopJava()) {
      return true; // %java code: JShell stops it, and the session goes on
    }
    BoardPrompt p = current;
    Runnable main = mainCtrlC;
    if ((p == null || !p.running()) && main != null) {
      main.run();
      return true;
    }
    if (p == null || !p.running()) {
      return false;
    }
    p.interrupt();
    return true;
  }

  /** Whether an input is running at the prompt now. */
  public boolean running() {
    BoardPrompt p = current;
    Magics m = magics;
    return mainCtrlC != null || (p != null && p.running()) || (m != null && m.javaRunning());
  }

  /** The session's magics, once it runs: Ctrl-C stops their {@code %java} code. */
  private volatile Magics magics;

  /** Ctrl-C for main.py while it runs, else {@code null}. */
  private volatile Runnable mainCtrlC;

  /** What the board prints as it restarts (the ROM bootloader's line, or pyexec's). */
  static String resetLine(BootOutcome outcome) {
    return switch (outcome) {
      case SOFT_RESET -> "MPY: soft reboot";
      case HARD_RESET -> "rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)";
      case WATCHDOG -> "rst:0x7 (TG0WDT_SYS_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)";
      case DEEPSLEEP -> "rst:0x5 (DEEPSLEEP_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)";
      default -> "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)";
    };
  }

  /**
   * The board's paste mode (Ctrl-E at an empty prompt): lines up to Ctrl-D (or a line of Ctrl-D, or
   * the end of a pipe) are one input, run as a file; Ctrl-C cancels.
   *
   * @return whether the input asked for a soft reset
   */
  private static boolean paste(Input input, PrintStream out, BoardPrompt prompt) {
    out.println("paste mode; Ctrl-C to cancel, Ctrl-D to finish");
    StringBuilder text = new StringBuilder();
    while (true) {
      String line;
      try {
        line = input.readLine("=== ");
      } catch (Input.Interrupted e) {
        return false;
      }
      if (line == null || line.equals("\u0004")) {
        break;
      }
      text.append(line).append('\n');
    }
    BoardPrompt.Status status = prompt.exec(text.toString());
    out.flush();
    return status == BoardPrompt.Status.SOFT_RESET;
  }

  private final class Handler implements BoardPrompt.Handler {
    private final Input input;
    private final PrintStream out;
    private final Magics magics;
    boolean reached;

    Handler(Input input, PrintStream out, Magics magics) {
      this.input = input;
      this.out = out;
      this.magics = magics;
    }

    @Override
    public boolean runsMain() {
      return runMain;
    }

    @Override
    public void mainRunning(Runnable ctrlC) {
      mainCtrlC = ctrlC;
    }

    @Override
    public boolean atPrompt(BoardPrompt prompt) {
      reached = true;
      current = prompt;
      try {
        out.println(
            "MicroPython v"
                + device.config().firmware()
                + " on otasim; simulated ESP32 module with ESP32");
        out.println("Type \"help()\" for more information, \"%help\" for the shell's magics.");
        return interact(prompt);
      } finally {
        current = null;
      }
    }

    /** A {@code %%java} block: the rest of its first line, then lines up to an empty one. */
    private String javaBlock(String first) {
      StringBuilder code = new StringBuilder(first).append('\n');
      while (true) {
        String line;
        try {
          line = input.readLine("... ");
        } catch (Input.Interrupted e) {
          return "";
        }
        if (line == null || line.isBlank()) {
          return code.toString();
        }
        code.append(line).append('\n');
      }
    }

    /** The read-eval-print loop of one boot; returns whether to soft-reset. */
    private boolean interact(BoardPrompt prompt) {
      StringBuilder buf = new StringBuilder();
      boolean autoIndent = true;
      while (true) {
        String line;
        try {
          if (buf.length() == 0) {
            autoIndent = true; // readline_init turns it on for an input's first line
          }
          String indent = autoIndent ? "    ".repeat(Readline.indentLevels(buf)) : "";
          line = input.readLine(buf.length() == 0 ? ">>> " : "... ", indent);
          autoIndent &= input.keptIndent();
        } catch (Input.Interrupted e) {
          buf.setLength(0);
          eofArmed = false;
          continue;
        }
        if (line == null) {
          if (!input.interactive() || (eofArmed && buf.length() == 0)) {
            quit = true;
            return false;
          }
          // Ctrl-D at the board's REPL is a soft reset; a second one at the next prompt exits.
          eofArmed = true;
          out.println();
          return true;
        }
        eofArmed = false;
        if (buf.length() == 0 && line.equals(Input.PASTE)) {
          if (paste(input, out, prompt)) {
            return true;
          }
          continue;
        }
        if (buf.length() == 0 && line.strip().startsWith("%%java")) {
          magics.java(javaBlock(line.strip().substring(6)));
          continue;
        }
        if (buf.length() == 0 && line.strip().startsWith("%")) {
          switch (magics.run(line.strip(), prompt)) {
            case EXIT -> {
              quit = true;
              return false;
            }
            case SOFT_RESET -> {
              return true;
            }
            case DONE -> {
              continue;
            }
          }
        }
        if (input.interactive()) {
          // at a terminal, the board's rule (py/repl.c): a compound statement goes on until an
          // empty line, brackets and triple quotes until they close
          buf.append(line);
          if (buf.length() == 0) {
            continue;
          }
          if (Readline.continuesWithInput(buf.toString())) {
            buf.append('\n');
            continue;
          }
          buf.append('\n');
        } else {
          buf.append(line).append('\n');
          if (buf.toString().isBlank()) {
            buf.setLength(0);
            continue;
          }
          // A pipe's lines carry their own indent: an empty line ends a compound statement,
          // complete or not (CPython's rule).
          if (!line.isBlank() && !prompt.isComplete(buf.toString())) {
            continue;
          }
        }
        BoardPrompt.Status status = prompt.eval(buf.toString());
        buf.setLength(0);
        out.flush();
        if (status == BoardPrompt.Status.SOFT_RESET) {
          return true;
        }
      }
    }
  }
}
