package dev.otasim.shell;

import dev.otasim.device.BoardPrompt;
import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.report.Count;
import dev.otasim.stubs.machine.Board;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The board's REPL over its serial line, byte for byte as MicroPython's {@code pyexec} speaks it
 * (docs/reference/repl.rst), so that tools written for a real board drive the simulated one:
 *
 * <ul>
 *   <li>the friendly REPL ({@code >>> }, {@code ... }) with echo, backspace, tab completion of
 *       device names and attributes, Ctrl-C, Ctrl-D (soft reset), Ctrl-B (banner);
 *   <li>paste mode: Ctrl-E, {@code paste mode; Ctrl-C to cancel, Ctrl-D to finish}, {@code === };
 *   <li>the raw REPL: Ctrl-A enters ({@code raw REPL; CTRL-B to exit\r\n>}), Ctrl-D runs the input
 *       ({@code OK}, output, {@code \x04}, traceback, {@code \x04}, {@code >}), Ctrl-D at an empty
 *       input soft-resets, Ctrl-B leaves;
 *   <li>raw-paste mode ({@code \x05A\x01}): {@code R\x01}, a window of 128 bytes, a {@code \x01}
 *       for each window consumed, {@code \x04} at the end, as mpremote expects.
 * </ul>
 *
 * <p>The mode survives a soft reset (a soft reset in the raw REPL skips main.py and comes back to
 * the raw REPL, as the ESP32 port does); a hard reset returns to the friendly REPL. A Ctrl-C that
 * arrives while input runs interrupts it.
 *
 * <p>The line is a board's and nothing more: no shell magics ({@code %java}, {@code %release}) are
 * served on it, as a board's USB port has none; a line starting with {@code %} is device code (a
 * {@code SyntaxError}). Every buffer is bounded: what the client sends waits in a receive buffer of
 * {@link #RECEIVE_BUFFER} bytes (a full buffer stops reading the client: back-pressure), and an
 * input the board is collecting (a line, a paste, a raw-REPL frame) can grow only to the board's
 * heap: past it the board's allocation fails outside any handler, and it does what the ESP32 port
 * does then, prints {@code NLR jump failed} and restarts.
 */
public final class SerialRepl implements Board.SerialLine {
  static final int CTRL_A = 1;
  static final int CTRL_B = 2;
  static final int CTRL_C = 3;
  static final int CTRL_D = 4;
  static final int CTRL_E = 5;

  /** The raw-paste flow-control window: half of the ESP32 port's 256-byte stdin buffer. */
  static final int WINDOW = 128;

  /** How many received bytes wait for the board before the client is no longer read. */
  static final int RECEIVE_BUFFER = 4096;

  private static final int END = -1;

  /** How a mode of the REPL ended. */
  private enum Exit {
    SOFT_RESET,
    SWITCH,
    QUIT
  }

  private final Device device;
  private boolean runMain = true;
  private volatile boolean raw;

  /** The raw REPL's banner went out while the board booted: the prompt starts in the raw REPL. */
  private boolean rawAnswered;

  private boolean quit;
  private volatile BoardPrompt current;
  private final Object booting = new Object();
  private Runnable mainCtrlC;
  private boolean ctrlCWaiting;
  private volatile BlockingQueue<Integer> in;

  /** The byte that raises KeyboardInterrupt while code runs ({@code micropython.kbd_intr}). */
  private volatile int interruptChar = CTRL_C;

  private int inputCap;
  private OutputStream wire;
  private PrintStream console;

  private SerialRepl(Device device) {
    this.device = Objects.requireNonNull(device, "device");
  }

  /** A REPL on this board's serial line. */
  public static SerialRepl create(Device device) {
    return new SerialRepl(device);
  }

  /** Whether friendly-REPL boots run {@code main.py} (default: yes, as the board does). */
  public SerialRepl setRunMain(boolean runMain) {
    this.runMain = runMain;
    return this;
  }

  /**
   * Boots the board and serves its REPL to the clients of {@code serial}, one after the other; what
   * a client typed that the board has not read yet when it leaves is dropped, as a serial line
   * pulled out takes its bytes with it.
   *
   * @return 0, or 1 if the board never reached its prompt (a boot loop, or main.py hung)
   */
  public int run(SocketSerial serial) {
    serial.onHangUp(this::hangUp);
    return run(serial.input(), serial.output());
  }

  /**
   * The client went away: the bytes it sent that the board has not read are dropped. Called on the
   * thread that reads the input, after that client's last byte, so none of its bytes comes later.
   */
  void hangUp() {
    BlockingQueue<Integer> queue = in;
    if (queue != null) {
      queue.clear();
    }
  }

  /**
   * Boots the board and serves its REPL until {@code from} ends.
   *
   * @return 0, or 1 if the board never reached its prompt (a boot loop, or main.py hung)
   */
  public int run(InputStream from, OutputStream to) {
    this.in = new ArrayBlockingQueue<>(RECEIVE_BUFFER);
    this.inputCap = device.config().heapBytes();
    this.wire = to;
    this.console = new PrintStream(new CrLf(to), true, StandardCharsets.UTF_8);
    Thread pump = new Thread(() -> pump(from), "otasim-serial-rx");
    pump.setDaemon(true);
    pump.start();
    device.setConsoleListener(console);
    device.board().setSerialLine(this);
    int withoutPrompt = 0;
    while (true) {
      Handler handler = new Handler();
      BootResult boot = device.boot(handler);
      console.flush();
      if (quit) {
        return 0;
      }
      if (!boot.outcome().restarts()) {
        console.println(
            "otasim: boot "
                + boot.number()
                + " ended with "
                + boot.outcome()
                + "; start the shell with --no-main to get a prompt without main.py");
        return 1;
      }
      if (boot.outcome() == BootOutcome.SOFT_RESET) {
        send("MPY: soft reboot\r\n");
      } else {
        raw = false; // the mode lives in RAM: a hard reset forgets it
        send(ReplSession.resetLine(boot.outcome()) + "\r\n");
      }
      withoutPrompt = handler.reached ? 0 : withoutPrompt + 1;
      if (withoutPrompt >= device.config().maxBoots()) {
        console.println(
            "otasim: "
                + Count.of(withoutPrompt, "boot")
                + " in a row reset before reaching the prompt (a boot loop)");
        return 1;
      }
    }
  }

  /**
   * Reads the line; a Ctrl-C while input runs interrupts it, as the UART's interrupt char does.
   * While the board reads, a full receive buffer makes this wait (the client's writes then wait
   * too); while device code runs and nobody reads, a byte that finds the buffer full is lost, as on
   * the board's UART, so that a Ctrl-C behind it still gets through.
   */
  private void pump(InputStream from) {
    try {
      int c;
      while ((c = from.read()) >= 0) {
        BoardPrompt p = current;
        if (c == interruptChar && p != null && p.running()) {
          Thread t = new Thread(p::interrupt, "otasim-serial-interrupt");
          t.setDaemon(true);
          t.start();
          continue;
        }
        if (c == CTRL_C && p == null) {
          ctrlCWhileBooting();
          continue;
        }
        if (c == CTRL_A && p == null && answerRawWhileBooting()) {
          continue;
        }
        if (c == CTRL_D && p == null && answerSoftResetWhileBooting()) {
          continue;
        }
        while (!in.offer(c, 20, TimeUnit.MILLISECONDS)) {
          BoardPrompt now = current;
          if (now != null && now.running() && interruptChar >= 0) {
            break; // the board's receive buffer overflows: the byte is lost
          }
          // (with the interrupt character off, device code reads the line: it waits for it)
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // the line is gone: the session ends below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      in.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Ctrl-C while the board boots is the interrupt character, not input (the UART driver raises
   * KeyboardInterrupt instead of queueing it): it stops main.py if main.py runs; if it came before
   * main.py started, it stopped what ran then (boot.py, the firmware's start-up), and a boot
   * interrupted there skips main.py, as pyexec does after a boot.py that raised. The REPL that
   * follows reads what came after it. That is how mpremote finds the raw REPL on a board whose
   * main.py never returns ({@code \r\x03}, then {@code \r\x01}).
   */
  private void ctrlCWhileBooting() {
    Runnable ctrlC;
    synchronized (booting) {
      ctrlC = mainCtrlC;
      if (ctrlC == null) {
        ctrlCWaiting = true;
        return;
      }
    }
    // once, as ReplSession does: an interrupt repeated after main.py ended could land in the
    // host's own work on the boot thread
    Thread t = new Thread(ctrlC, "otasim-serial-interrupt");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Ctrl-A while the board boots: a board boots in well under a second, and a tool waits for the
   * raw REPL's banner only so long (mpremote: 10 s); the first boot of a JVM can take longer than
   * that. So the line answers with the banner and the prompt at once, as the board would once
   * booted, and the board starts its prompt in the raw REPL when it gets there; what the tool sends
   * next waits for it. Bytes before the Ctrl-A went to a friendly REPL not there yet. Once main.py
   * runs, the Ctrl-A waits for the REPL as on the board: main.py may catch the Ctrl-C's
   * KeyboardInterrupt and never give the board its prompt.
   *
   * @return whether the line answered (else the Ctrl-A is the raw REPL's own)
   */
  private boolean answerRawWhileBooting() {
    synchronized (booting) {
      if (raw || mainCtrlC != null) {
        return false;
      }
      // (asked again, by the next client of a board still booting: the raw REPL's Ctrl-A at its
      // prompt answers the same banner)
      rawAnswered = true;
    }
    in.clear();
    send("raw REPL; CTRL-B to exit\r\n>");
    return true;
  }

  /**
   * Ctrl-D at the raw prompt the line answered while the board boots, nothing typed since: a soft
   * reset, which mpremote asks for first and waits for 10 s. The boot still coming up is the one
   * that soft reset would start (the raw REPL, main.py skipped), so the line answers as the board
   * does ({@code OK}, {@code MPY: soft reboot}, the banner, the prompt) and the board goes on.
   *
   * @return whether the line answered (else the Ctrl-D waits for the board)
   */
  private boolean answerSoftResetWhileBooting() {
    synchronized (booting) {
      if (!rawAnswered || !in.isEmpty()) {
        return false;
      }
    }
    send("OK\r\nMPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>");
    return true;
  }

  // ------------------------------------------------------------------ the line, for device code

  @Override
  public byte[] read(int max) {
    int first = next();
    if (first == END) {
      in.offer(END); // the REPL sees the end too
      return new byte[0];
    }
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    got.write(first);
    Integer more;
    while (got.size() < max && (more = in.peek()) != null && more != END) {
      got.write(in.poll());
    }
    return got.toByteArray();
  }

  @Override
  public void write(byte[] bytes) {
    send(bytes);
  }

  @Override
  public void interruptChar(int c) {
    interruptChar = c;
  }

  private int next() {
    try {
      return in.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return END;
    }
  }

  private void send(String text) {
    send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private void send(byte[] bytes) {
    console.flush();
    try {
      wire.write(bytes);
      wire.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String banner() {
    return "MicroPython v"
        + device.config().firmware()
        + " on otasim; simulated ESP32 module with ESP32\r\n"
        + "Type \"help()\" for more information.\r\n";
  }

  private final class Handler implements BoardPrompt.Handler {
    boolean reached;

    /** The line editor, with its history: RAM, so a boot's own (readline_init0 at each start). */
    private final Readline editor = new Readline(SerialRepl.this::send);

    @Override
    public boolean runsMain() {
      synchronized (booting) {
        if (rawAnswered) {
          return false; // the raw REPL was asked for: pyexec skips main.py then
        }
        if (ctrlCWaiting) {
          ctrlCWaiting = false; // the boot was interrupted before main.py
          return false;
        }
      }
      // pyexec runs main.py only when the board boots into the friendly REPL
      return runMain && !raw;
    }

    @Override
    public void mainRunning(Runnable ctrlC) {
      synchronized (booting) {
        mainCtrlC = ctrlC;
      }
    }

    @Override
    public boolean atPrompt(BoardPrompt prompt) {
      boolean answered;
      synchronized (booting) {
        ctrlCWaiting = false; // a Ctrl-C of a boot that skipped main.py had nothing to stop
        answered = rawAnswered;
        rawAnswered = false;
        if (answered) {
          raw = true;
        }
      }
      reached = true;
      current = prompt;
      editor.completeWith(
          Readline.completer(
              prompt::complete, list -> send(list.getBytes(StandardCharsets.UTF_8))));
      try {
        if (!answered) {
          send(raw ? "raw REPL; CTRL-B to exit\r\n" : banner());
        }
        boolean promptSent = answered;
        while (true) {
          Exit exit = raw ? raw(prompt, !promptSent) : friendly(prompt);
          promptSent = false;
          switch (exit) {
            case SOFT_RESET -> {
              return true;
            }
            case QUIT -> {
              quit = true;
              return false;
            }
            case SWITCH -> {
              raw = !raw;
              send(raw ? "raw REPL; CTRL-B to exit\r\n" : banner());
            }
          }
        }
      } finally {
        current = null;
      }
    }

    // ------------------------------------------------------------------ the friendly REPL

    private Exit friendly(BoardPrompt prompt) {
      while (true) {
        StringBuilder input = new StringBuilder();
        editor.begin(input, ">>> ");
        int ret = readLine(prompt, input);
        switch (ret) {
          case END -> {
            return Exit.QUIT;
          }
          case CTRL_A -> {
            send("\r\n");
            return Exit.SWITCH;
          }
          case CTRL_B -> {
            send("\r\n" + banner());
            continue;
          }
          case CTRL_C -> {
            send("\r\n");
            continue;
          }
          case CTRL_D -> {
            send("\r\n");
            return Exit.SOFT_RESET;
          }
          case CTRL_E -> {
            Exit exit = paste(prompt);
            if (exit != null) {
              return exit;
            }
            continue;
          }
          default -> {
            // a line
          }
        }
        if (input.length() == 0) {
          continue;
        }
        boolean cancelled = false;
        while (Readline.continuesWithInput(input.toString())) {
          input.append('\n');
          editor.continueInput("... ");
          ret = readLine(prompt, input);
          if (ret == END) {
            return Exit.QUIT;
          }
          if (ret == CTRL_C) {
            send("\r\n");
            cancelled = true;
            break;
          }
          if (ret == CTRL_D) {
            break; // stops a compound statement: run what there is
          }
        }
        if (cancelled) {
          continue;
        }
        if (run(prompt, input.append('\n').toString(), false)) {
          return Exit.SOFT_RESET;
        }
      }
    }

    /**
     * Feeds the editor until the line ends: {@link Readline#ENTER}, a control character for the
     * REPL, or {@link #END}. An input that outgrows the heap restarts the board ({@link #END}).
     */
    private int readLine(BoardPrompt prompt, StringBuilder input) {
      while (true) {
        int c = next();
        if (c == END) {
          return END;
        }
        if (input.length() >= inputCap) {
          outOfHeap(prompt);
          return END;
        }
        int r = editor.process(c);
        if (r != Readline.MORE) {
          return r;
        }
      }
    }

    /**
     * Paste mode, after Ctrl-E at an empty line: everything up to Ctrl-D is one input, run as a
     * file; Ctrl-C cancels.
     *
     * @return how the REPL ends, or {@code null} to go on at {@code >>> }
     */
    private Exit paste(BoardPrompt prompt) {
      send("\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ");
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      while (true) {
        int c = next();
        if (c == END) {
          return Exit.QUIT;
        }
        if (c == CTRL_C) {
          send("\r\n");
          return null;
        }
        if (c == CTRL_D) {
          send("\r\n");
          break;
        }
        if (text.size() >= inputCap) {
          outOfHeap(prompt);
          return Exit.QUIT;
        }
        text.write(c);
        send(c == '\r' ? "\r\n=== " : String.valueOf((char) c));
      }
      String source =
          text.toString(StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
      return run(prompt, source, true) ? Exit.SOFT_RESET : null;
    }

    /**
     * An input outgrew the board's heap while the REPL collected it: the allocation fails outside
     * any handler, and the ESP32 port's {@code nlr_jump_fail} prints its line and restarts the chip
     * ({@code esp_restart}, the reset {@code machine.reset()} does). The pointer it prints is the
     * exception's address on a real board; here it is a fixed one in the heap's range.
     */
    private void outOfHeap(BoardPrompt prompt) {
      send("NLR jump failed, val=0x3ffb2f60\r\n");
      prompt.execQuietly("import machine\nmachine.reset()\n");
    }

    /** Runs an input at the friendly REPL; returns whether it asked for a soft reset. */
    private boolean run(BoardPrompt prompt, String source, boolean file) {
      interruptChar = CTRL_C; // pyexec's mp_hal_set_interrupt_char for each input
      BoardPrompt.Status status = file ? prompt.exec(source) : prompt.eval(source);
      console.flush();
      return status == BoardPrompt.Status.SOFT_RESET;
    }

    // ------------------------------------------------------------------ the raw REPL

    private Exit raw(BoardPrompt prompt, boolean sendPrompt) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      if (sendPrompt) {
        send(">");
      }
      while (true) {
        int c = next();
        switch (c) {
          case END -> {
            return Exit.QUIT;
          }
          case CTRL_A -> {
            byte[] b = line.toByteArray();
            line.reset();
            if (b.length == 2 && b[0] == CTRL_E) {
              Exit exit = rawPaste(prompt, b[1]);
              if (exit != null) {
                return exit;
              }
              send(">");
            } else {
              send("raw REPL; CTRL-B to exit\r\n>");
            }
          }
          case CTRL_B -> {
            send("\r\n");
            return Exit.SWITCH;
          }
          case CTRL_C -> line.reset();
          case CTRL_D -> {
            send("OK");
            if (line.size() == 0) {
              send("\r\n");
              return Exit.SOFT_RESET;
            }
            String source = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (runRaw(prompt, source)) {
              return Exit.SOFT_RESET;
            }
            send(">");
          }
          default -> {
            if (line.size() >= inputCap) {
              outOfHeap(prompt);
              return Exit.QUIT;
            }
            line.write(c);
          }
        }
      }
    }

    /**
     * Raw-paste mode, after {@code \x05} and a command byte and Ctrl-A at the raw prompt.
     *
     * @return how the REPL ends, or {@code null} to go on at the raw prompt
     */
    private Exit rawPaste(BoardPrompt prompt, int command) {
      if (command != 'A') {
        send("R\u0000");
        return null;
      }
      send(new byte[] {'R', 1, (byte) (WINDOW & 0xff), (byte) (WINDOW >> 8), 1});
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      int remain = WINDOW;
      while (true) {
        int c = next();
        if (c == END) {
          return Exit.QUIT;
        }
        if (c == CTRL_C || c == CTRL_D) {
          send(new byte[] {CTRL_D}); // the end of the data, to the host
          if (c == CTRL_C) {
            send(
                "\u0004Traceback (most recent call last):\r\n"
                    + "  File \"<stdin>\", line 1, in <module>\r\nKeyboardInterrupt: \r\n\u0004");
            return null;
          }
          break;
        }
        if (text.size() >= inputCap) {
          outOfHeap(prompt);
          return Exit.QUIT;
        }
        text.write(c);
        if (--remain == 0) {
          send(new byte[] {1}); // room for another window
          remain = WINDOW;
        }
      }
      return runRaw(prompt, text.toString(StandardCharsets.UTF_8)) ? Exit.SOFT_RESET : null;
    }

    /**
     * Runs raw-REPL input as a file: its output, {@code \x04}, its traceback, {@code \x04}.
     *
     * @return whether it asked for a soft reset (SystemExit)
     */
    private boolean runRaw(BoardPrompt prompt, String source) {
      interruptChar = CTRL_C; // pyexec's mp_hal_set_interrupt_char for each input
      BoardPrompt.Status status = prompt.execQuietly(source.replace("\r\n", "\n"));
      send(new byte[] {CTRL_D});
      if (!prompt.lastError().isEmpty()) {
        console.print(prompt.lastError());
      }
      send(new byte[] {CTRL_D});
      return status == BoardPrompt.Status.SOFT_RESET;
    }
  }

  /** The board's stdout is cooked: each {@code \n} goes out as {@code \r\n}. */
  private static final class CrLf extends OutputStream {
    private final OutputStream out;
    private int last = -1;

    CrLf(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      if (b == '\n' && last != '\r') {
        out.write('\r');
      }
      out.write(b);
      last = b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ByteArrayOutputStream buf = new ByteArrayOutputStream(len + 8);
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n' && last != '\r') {
          buf.write('\r');
        }
        buf.write(b[i]);
        last = b[i];
      }
      out.write(buf.toByteArray());
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
