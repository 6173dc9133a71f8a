package dev.otasim.shell;

import dev.otasim.device.BoardPrompt;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.github.Exchange;
import dev.otasim.github.FakeGitHub;
import dev.otasim.report.Count;
import dev.otasim.stubs.host.HostInput;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The shell's own commands, lines starting with {@code %}: they run in Java on the host objects
 * (the {@link Device}, the {@link FakeGitHub}), which device code never sees (the sandbox, DESIGN
 * §4).
 */
final class Magics {
  /** What the session does after a magic. */
  enum Result {
    DONE,
    SOFT_RESET,
    EXIT
  }

  /** The app folder {@code %release} copies when no host folder is given. */
  static final String APP_DIR = "/main";

  static final String HELP =
      """
      Type Python at >>>: it runs on the board, as device code in __main__ (MicroPython's
      modules, its sandbox: no host objects). An empty line ends a compound statement.
      Ctrl-C interrupts running code, Ctrl-D soft-resets the board (a second Ctrl-D exits),
      machine.reset() hard-resets it; each reset starts a new boot (boot.py, main.py).

      Magics run on the host and show the Java objects the board lives on:
        %ls [PATH]           the flash tree (sizes in bytes)
        %cat PATH            a file on the flash, as text
        %journal [N]         the last N journal lines (all without N)
        %boots               every boot so far: reset cause, how it ended
        %requests [N]        the last N requests the fake GitHub answered
        %release TAG [DIR]   publish TAG on the fake GitHub: the files of host folder DIR, or
                             a copy of the board's /main as main/...
        %device              the board's configuration
        %java CODE           Java on the host (JShell), with device, github, journal and flash
                             bound to the live objects: releases, faults, power, assertions
                             (Tab completes Java names)
        %%java               a block of Java, up to an empty line
        %reset               hard reset (machine.reset())
        %soft                soft reset (Ctrl-D)
        %exit                leave the shell
        %help                this text
      """;

  private final Device device;
  private final FakeGitHub github;
  private final String repo;
  private final PrintStream out;
  private volatile JavaShell java;

  Magics(Device device, FakeGitHub github, String repo, PrintStream out) {
    this.device = device;
    this.github = github;
    this.repo = repo;
    this.out = out;
  }

  /** Runs one magic line; a reset does not return (the boot ends). */
  Result run(String line, BoardPrompt prompt) {
    if (line.startsWith("%%java") || line.startsWith("%java")) {
      java(line.substring(line.indexOf("java") + 4));
      return Result.DONE;
    }
    String[] words = line.substring(1).trim().split("\\s+");
    String name = words[0];
    String arg = words.length > 1 ? words[1] : null;
    try {
      switch (name) {
        case "ls" -> ls(arg == null ? "/" : arg);
        case "cat" -> cat(arg);
        case "journal" -> journal(arg);
        case "boots" -> boots();
        case "requests" -> requests(arg);
        case "release" -> release(arg, words.length > 2 ? words[2] : null);
        case "device" -> out.println(device.config());
        default -> {
          return control(name, prompt);
        }
      }
    } catch (IllegalArgumentException | UncheckedIOException e) {
      // a magic's bad argument (a path the flash cannot hold, a host folder refused) is reported;
      // the session goes on
      out.println("%" + name + ": " + e.getMessage());
    }
    out.flush();
    return Result.DONE;
  }

  private Result control(String name, BoardPrompt prompt) {
    switch (name) {
      case "reset" -> {
        // the board's own reset, so that the journal and the next boot are the board's
        prompt.eval("__import__('machine').reset()\n");
        return Result.DONE;
      }
      case "soft" -> {
        return Result.SOFT_RESET;
      }
      case "exit", "quit" -> {
        return Result.EXIT;
      }
      case "help", "" -> out.print(HELP);
      default -> out.println("%" + name + ": no such magic; %help lists them");
    }
    out.flush();
    return Result.DONE;
  }

  /** Evaluates Java on the host, in the session's JShell (started at the first use). */
  /**
   * Stops the {@code %java} code running now (Ctrl-C); safe from any thread.
   *
   * @return whether any was running
   */
  boolean stopJava() {
    JavaShell j = java;
    return j != null && j.stop();
  }

  /** Whether {@code %java} code runs now. */
  boolean javaRunning() {
    JavaShell j = java;
    return j != null && j.running();
  }

  void java(String code) {
    if (code.isBlank()) {
      out.flush();
      return;
    }
    javaShell().eval(code);
    out.flush();
  }

  /**
   * Tab after {@code %java }: the Java names that complete the one being typed at the end of {@code
   * code} (the bound objects' members, variables, types), as JShell completes them.
   */
  List<String> completeJava(String code) {
    return javaShell().complete(code);
  }

  private synchronized JavaShell javaShell() {
    if (java == null) {
      Map<String, Object> live = new java.util.LinkedHashMap<>();
      live.put("device", device);
      if (github != null) {
        live.put("github", github);
      }
      live.put("journal", device.journal());
      live.put("flash", device.flash());
      if (repo != null) {
        live.put("repo", repo);
      }
      java = JavaShell.create(live, out);
    }
    return java;
  }

  private void ls(String path) {
    String dir = path.endsWith("/") ? path : path + "/";
    if (!dir.startsWith("/")) {
      dir = "/" + dir;
    }
    if (!dir.equals("/") && !device.flash().exists(dir.substring(0, dir.length() - 1))) {
      out.println("%ls: no such file or folder on the flash: " + path);
      return;
    }
    String prefix = dir;
    String file = dir.substring(0, dir.length() - 1) + "  ";
    device
        .flash()
        .tree()
        .lines()
        .filter(l -> l.startsWith(prefix) || l.startsWith(file))
        .forEach(out::println);
  }

  private void cat(String path) {
    if (path == null) {
      out.println("%cat: give a path, such as %cat /main.py");
      return;
    }
    String p = path.startsWith("/") ? path : "/" + path;
    if (!device.flash().exists(p) || device.flash().stat(p).directory()) {
      out.println("%cat: no such file on the flash: " + path);
      return;
    }
    String text = device.flash().text(p);
    out.print(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
  }

  private void journal(String n) {
    List<String> lines = device.journal().text().lines().toList();
    int count = n == null ? lines.size() : count(n, "%journal");
    if (count < 0) {
      return;
    }
    lines.subList(Math.max(0, lines.size() - count), lines.size()).forEach(out::println);
  }

  private void boots() {
    for (BootResult b : device.boots()) {
      out.println(
          "boot "
              + b.number()
              + ": "
              + b.cause()
              + " -> "
              + b.outcome()
              + b.exception().map(e -> " (" + e + ")").orElse(""));
    }
    out.println("boot " + device.board().boots() + ": at the prompt");
  }

  private void requests(String n) {
    if (github == null) {
      out.println("%requests: this board has no fake GitHub");
      return;
    }
    List<Exchange> all = github.exchanges();
    int count = n == null ? all.size() : count(n, "%requests");
    if (count < 0) {
      return;
    }
    all.subList(Math.max(0, all.size() - count), all.size()).forEach(out::println);
  }

  private void release(String tag, String dir) {
    if (github == null || repo == null) {
      out.println("%release: this board follows no repository on a fake GitHub");
      return;
    }
    if (tag == null) {
      out.println("%release: give a tag, such as %release v1.2.0 [DIR]");
      return;
    }
    Map<String, byte[]> files = new java.util.TreeMap<>();
    if (dir != null) {
      Path root = Path.of(dir);
      if (!Files.isDirectory(root)) {
        out.println("%release: " + dir + " is not a folder on the host");
        return;
      }
      try {
        files.putAll(HostInput.of("%release", root).files());
      } catch (HostInput.InputRefused e) {
        out.println(e.getMessage());
        return;
      }
    } else {
      device
          .flash()
          .files()
          .forEach(
              (path, bytes) -> {
                if (path.startsWith(APP_DIR + "/")) {
                  files.put(path.substring(1), bytes);
                }
              });
      if (files.isEmpty()) {
        out.println("%release: the board has no " + APP_DIR + " to copy; give a host folder");
        return;
      }
    }
    github.repository(repo).release(tag, t -> files.forEach(t::file));
    out.println(
        "released "
            + tag
            + " of "
            + repo
            + " ("
            + Count.of(files.size(), "file")
            + (dir == null ? ", a copy of the board's " + APP_DIR : ", from " + dir)
            + ")");
  }

  private int count(String n, String magic) {
    try {
      int c = Integer.parseInt(n);
      if (c >= 0) {
        return c;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    out.println(magic + ": '" + n + "' is not a count; give a number, such as " + magic + " 5");
    return -1;
  }
}
