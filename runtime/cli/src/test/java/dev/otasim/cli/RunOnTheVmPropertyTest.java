package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.engine.micropython.WasmArtifact;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import picocli.CommandLine;

/**
 * {@code otasim run --engine micropython} under generated options and boards: every firmware
 * profile and nonsense ones, boots, the three ways to give a server (--releases with --repo,
 * --serve, --github) alone, mixed and missing, and boards from ordinary to hostile (an empty
 * main.py, a syntax error, a 70 KB module, binary junk, deep recursion, a reset loop the boot count
 * ends, unicode names, no entry point, no folder at all). Whatever comes in, the exit code is 0, 1
 * or 2 and the command never says "internal error" nor prints a Java stack trace: a combination
 * that cannot run is a one-line error. Every try boots the real VM, so tries are few.
 */
class RunOnTheVmPropertyTest {
  /** main.py contents; each ends by itself within a boot (a reset loop, within --boots). */
  private static final List<String> MAINS =
      List.of(
          "",
          "print('hi')\n",
          "def\n",
          "x = (\n",
          "import machine\nmachine.reset()\n",
          "def f(n):\n    return f(n + 1)\nf(0)\n",
          "import ujson, uos, usocket\nprint(ujson.dumps(uos.listdir()))\n",
          "import ssl, ussl\n",
          "import big\nprint(big.N)\n",
          "import sys\nsys.exit(3)\n",
          "print('\\u2603', open('/ünï.txt').read())\n",
          "import os\nos.mkdir('/a')\nos.mkdir('/a')\n",
          "import network\nw = network.WLAN(network.STA_IF)\nw.active(True)\n"
              + "w.connect('home', 'pw')\nprint(w.isconnected())\n");

  /** A board: main.py (or none), and extra entries. */
  record Board(String main, boolean bootPy, boolean bigModule, boolean junk, boolean unicode) {}

  record Input(Board board, String source, List<String> options) {}

  @Provide
  Arbitrary<Input> inputs() {
    Arbitrary<String> main =
        Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.of(MAINS)),
            Tuple.of(1, Arbitraries.just("@none")),
            Tuple.of(1, Arbitraries.just("@missing-folder")),
            Tuple.of(1, Arbitraries.just("@junk")));
    Arbitrary<Board> board =
        Combinators.combine(
                main,
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false))
            .as(Board::new);
    Arbitrary<String> source =
        Arbitraries.frequency(
            Tuple.of(4, "releases"),
            Tuple.of(2, "serve"),
            Tuple.of(2, "github"),
            Tuple.of(1, "all"),
            Tuple.of(1, "nothing"));
    Arbitrary<List<String>> option =
        Arbitraries.oneOf(
            Arbitraries.of("1.20", "1.21", "1.22", "1.23", "1.24", "1.27", "1.28", "1.19", "2.0")
                .map(v -> List.of("--firmware", v)),
            Arbitraries.of("", "x", "1.27.0.1").map(v -> List.of("--firmware", v)),
            Arbitraries.of("1", "3", "0", "-3", "x", "99999999999").map(v -> List.of("--boots", v)),
            Arbitraries.of("me/app", "../..", "a", "ünï/cödé", "").map(v -> List.of("--repo", v)),
            Arbitraries.of("home:pw", "nocolon", ":", "home:").map(v -> List.of("--wifi", v)),
            Arbitraries.of("http://192.168.1.10:8000/=@srv", "http://h/=@missing", "nonsense")
                .map(v -> List.of("--serve", v)),
            Arbitraries.of("@gh", "@missing", "@srv/main.py").map(v -> List.of("--github", v)),
            Arbitraries.of("main=@srv", "x").map(v -> List.of("--ref", v)),
            Arbitraries.of("@save", "@missing/j").map(v -> List.of("--save", v)),
            Arbitraries.of("@journal", "@save").map(v -> List.of("--journal", v)),
            Arbitraries.just(List.of("--token", "t", "--private")),
            Arbitraries.just(List.of("--nonsense")));
    Arbitrary<List<String>> options =
        option.list().ofMaxSize(2).map(l -> l.stream().flatMap(List::stream).toList());
    return Combinators.combine(board, source, options).as(Input::new);
  }

  @Property(tries = 30, shrinking = ShrinkingMode.OFF)
  void neverAnInternalErrorNorAStackTrace(@ForAll("inputs") Input input) throws IOException {
    Assume.that(WasmArtifact.available());
    Path dir = Files.createTempDirectory("otasim-vm-prop");
    try {
      List<String> args = new ArrayList<>(List.of("run", "--engine", "micropython"));
      args.addAll(List.of("--board", board(dir, input.board()).toString()));
      args.addAll(source(dir, input.source()));
      if (!input.options().contains("--boots")) {
        args.addAll(List.of("--boots", "2")); // the default 12 would make a reset loop slow
      }
      for (String o : input.options()) {
        args.add(o.replaceAll("@(\\w+)", dir.toString().replace("\\", "\\\\") + "/$1"));
      }

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = execute(args, out, err);

      String all = String.join(" ", args) + "\n" + out + "\n" + err;
      assertThat(code).as(all).isIn(0, 1, 2);
      assertThat(all)
          .as(all)
          .doesNotContain("internal error")
          .doesNotContain("the simulator failed")
          .doesNotContainPattern("\\tat [\\w$.]+\\(");
      if (code == 2) {
        // one line naming the problem (picocli's own parse errors add the usage after it)
        String first = err.toString().lines().findFirst().orElse("");
        assertThat(first).as(all).isNotBlank().doesNotStartWith(" ");
        if (!err.toString().contains("Usage: otasim run")) {
          assertThat(err.toString().strip().lines()).as(all).hasSize(1);
        }
      } else {
        assertThat(out.toString()).as(all).containsAnyOf("\u2714 settled", "\u2718 did not settle");
      }
    } finally {
      delete(dir);
    }
  }

  /**
   * A board with all the hostile entries at once on the oldest firmware: unicode names, binary
   * data, and a module larger than the VM's largest free block, which imports as the board reads
   * it.
   */
  @Example
  void aHostileBoardRunsOnTheOldestFirmware() throws IOException {
    Assume.that(WasmArtifact.available());
    Path dir = Files.createTempDirectory("otasim-vm-prop");
    try {
      Board b =
          new Board("import big\nprint(big.N, open('/ünï.txt').read())\n", true, true, true, true);
      List<String> args = new ArrayList<>(List.of("run", "--engine", "micropython"));
      args.addAll(List.of("--board", board(dir, b).toString(), "--firmware", "1.20"));
      args.addAll(source(dir, "releases"));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();

      int code = execute(args, out, err);

      assertThat(code).as(out + "\n" + err).isZero();
      assertThat(out.toString()).contains("console │ 1000 ü");
    } finally {
      delete(dir);
    }
  }

  /** Binary junk as main.py is the board's SyntaxError, a device failure (exit 1). */
  @Example
  void binaryJunkAsMainPyIsASyntaxError() throws IOException {
    Assume.that(WasmArtifact.available());
    Path dir = Files.createTempDirectory("otasim-vm-prop");
    try {
      List<String> args = new ArrayList<>(List.of("run", "--engine", "micropython"));
      args.addAll(
          List.of(
              "--board",
              board(dir, new Board("@junk", false, false, false, false)).toString(),
              "--boots",
              "1"));
      args.addAll(source(dir, "releases"));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();

      int code = execute(args, out, err);

      assertThat(code).as(out + "\n" + err).isEqualTo(1);
      assertThat(out.toString()).as(out + "\n" + err).contains("Error");
    } finally {
      delete(dir);
    }
  }

  private static int execute(List<String> args, StringWriter out, StringWriter err) {
    CommandLine cl = OtaSimCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    return cl.execute(args.toArray(String[]::new));
  }

  /** The board folder, or where none is. */
  static Path board(Path dir, Board b) throws IOException {
    Path board = dir.resolve("board");
    if (b.main().equals("@missing-folder")) {
      return board;
    }
    Files.createDirectories(board);
    if (b.main().equals("@junk")) {
      byte[] junk = new byte[4096];
      for (int i = 0; i < junk.length; i++) {
        junk[i] = (byte) (i * 37 + 11);
      }
      Files.write(board.resolve("main.py"), junk);
    } else if (!b.main().equals("@none")) {
      Files.writeString(board.resolve("main.py"), b.main());
    }
    if (b.bootPy()) {
      Files.writeString(board.resolve("boot.py"), "import gc\ngc.collect()\n");
    }
    if (b.bigModule()) {
      // a module larger than the VM's largest free block: the board's import streams it
      StringBuilder big = new StringBuilder();
      for (int i = 0; i < 1000; i++) {
        big.append("# ").append("x".repeat(66)).append('\n');
      }
      Files.writeString(board.resolve("big.py"), big.append("N = 1000\n"));
    }
    if (b.junk()) {
      Files.write(board.resolve("data.bin"), new byte[] {0, (byte) 0xff, (byte) 0xfe, 10});
    }
    if (b.unicode()) {
      Files.createDirectories(board.resolve("dïr ü"));
      Files.writeString(board.resolve("ünï.txt"), "ü\n");
      Files.writeString(board.resolve("dïr ü/☃.py"), "X = 1\n");
    }
    return board;
  }

  /** Where the board's updates come from: a repository, a server of one's own, a folder. */
  static List<String> source(Path dir, String kind) throws IOException {
    Path releases = Files.createDirectories(dir.resolve("releases/v1.0.0/main"));
    Files.writeString(releases.resolve("app.py"), "print('v1')\n");
    Path srv = Files.createDirectories(dir.resolve("srv"));
    Files.writeString(srv.resolve("main.py"), "print('served')\n");
    Path gh = Files.createDirectories(dir.resolve("gh/me/app/releases/v1.0.0/main"));
    Files.writeString(gh.resolve("app.py"), "print('v1')\n");
    Files.writeString(dir.resolve("file"), "mine");
    List<String> releasesArgs =
        List.of("--releases", dir.resolve("releases").toString(), "--repo", "me/app");
    List<String> serve = List.of("--serve", "http://192.168.1.10:8000/=" + srv);
    List<String> github = List.of("--github", dir.resolve("gh").toString());
    List<String> out = new ArrayList<>();
    switch (kind) {
      case "releases" -> out.addAll(releasesArgs);
      case "serve" -> out.addAll(serve);
      case "github" -> out.addAll(github);
      case "all" -> {
        out.addAll(releasesArgs);
        out.addAll(serve);
        out.addAll(github);
      }
      default -> {}
    }
    return out;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
