package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import picocli.CommandLine;

/**
 * {@code otasim run} under generated options, folder shapes and device scripts: whatever comes in,
 * the exit code is 0, 1 or 2, the output ends in a verdict or the error is one line, no stack trace
 * is printed, and nothing is written outside the paths given to {@code --save} and {@code
 * --journal}. Tries are few so that the suite stays fast; every try boots real boards.
 */
class CliFuzzTest {
  /** Device scripts: ordinary, failing, hostile. Each ends by itself within a boot. */
  private static final List<String> SCRIPTS =
      List.of(
          "print('hi')\n",
          "raise ValueError('bad')\n",
          "import machine\nmachine.reset()\n",
          "x = 1 / 0\n",
          "import os\nos.listdir(1)\n",
          "f = open('/a\\x00b', 'w')\nf.write('x')\nf.close()\nprint(open('/a').read())\n",
          "open('/' + 'n' * 300, 'w')\n",
          "def f(n):\n    return f(n + 1)\nf(0)\n",
          "print(print.__globals__)\n",
          "import socket\ns = socket.socket()\ns.connect('nowhere')\n",
          "import network\nnetwork.WLAN(network.STA_IF).connect(1, 2, 3, 4)\n",
          "exec('(' * 200 + ')' * 200)\n",
          "import sys\nsys.exit(3)\n",
          "def\n",
          "print('\\u2603', b'\\xff')\n");

  /** Board folder entries: a path and its content ({@code null}: an empty folder). */
  record Entry(String path, String content) {}

  record Input(List<Entry> board, List<String> options) {}

  @Provide
  Arbitrary<Input> inputs() {
    Arbitrary<Entry> main = Arbitraries.of(SCRIPTS).map(s -> new Entry("main.py", s));
    Arbitrary<Entry> other =
        Arbitraries.oneOf(
            Arbitraries.of(SCRIPTS).map(s -> new Entry("boot.py", s)),
            Arbitraries.of(SCRIPTS).map(s -> new Entry("lib/x.py", s)),
            Arbitraries.just(new Entry("empty", null)),
            Arbitraries.just(new Entry("@link", "/etc/passwd")),
            Arbitraries.just(new Entry("data.bin", "\u0000\u00ff")));
    Arbitrary<List<Entry>> board =
        Combinators.combine(main, other.list().ofMaxSize(2))
            .as(
                (m, rest) -> {
                  List<Entry> all = new ArrayList<>(rest);
                  all.add(0, m);
                  return all;
                });
    Arbitrary<List<String>> option =
        Arbitraries.oneOf(
            Arbitraries.of("1", "2", "0", "-3", "x").map(v -> List.of("--boots", v)),
            Arbitraries.of("me/app", "../..", "a", "me/app/x", "").map(v -> List.of("--repo", v)),
            Arbitraries.of("1.22", "1.20", "0.1", "x").map(v -> List.of("--firmware", v)),
            Arbitraries.of("home:pw", "nocolon", ":").map(v -> List.of("--wifi", v)),
            Arbitraries.of("@save", "@file", "@missing/j").map(v -> List.of("--save", v)),
            Arbitraries.of("@journal", "@missing/j", "@save").map(v -> List.of("--journal", v)),
            Arbitraries.just(List.of("--private")),
            Arbitraries.just(List.of("--nonsense")));
    Arbitrary<List<String>> options =
        option.list().ofMaxSize(3).map(l -> l.stream().flatMap(List::stream).toList());
    return Combinators.combine(board, options).as(Input::new);
  }

  @Property(tries = 12, shrinking = ShrinkingMode.OFF)
  void everyRunEndsInAVerdictOrOneLineError(@ForAll("inputs") Input input) throws IOException {
    Path dir = Files.createTempDirectory("otasim-fuzz");
    try {
      Path board = Files.createDirectories(dir.resolve("board"));
      for (Entry e : input.board()) {
        if (Files.exists(board.resolve(e.path().replace("@", "")), LinkOption.NOFOLLOW_LINKS)) {
          continue; // the same entry drawn twice
        }
        if (e.path().startsWith("@")) {
          Files.createSymbolicLink(board.resolve(e.path().substring(1)), Path.of(e.content()));
        } else if (e.content() == null) {
          Files.createDirectories(board.resolve(e.path()));
        } else {
          Path p = board.resolve(e.path());
          Files.createDirectories(p.getParent());
          Files.writeString(p, e.content(), StandardCharsets.UTF_8);
        }
      }
      Path releases = Files.createDirectories(dir.resolve("releases/v1.0.0/main"));
      Files.writeString(releases.resolve("app.py"), "print('v1')\n");
      Files.writeString(dir.resolve("file"), "mine");
      List<String> args =
          new ArrayList<>(
              List.of(
                  "run",
                  "--board",
                  board.toString(),
                  "--releases",
                  dir.resolve("releases").toString(),
                  "--repo",
                  "me/app",
                  "--boots",
                  "2"));
      for (String o : input.options()) {
        args.add(o.startsWith("@") ? dir.resolve(o.substring(1)).toString() : o);
      }
      Set<String> before = tree(dir);

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cl = OtaSimCommand.commandLine();
      cl.setOut(new PrintWriter(out));
      cl.setErr(new PrintWriter(err));
      cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
      int code = cl.execute(args.toArray(String[]::new));

      String all = out + "\n" + err;
      assertThat(code).as(all).isIn(0, 1, 2);
      assertThat(all).as(all).doesNotContain("\tat ").doesNotContain("Exception:");
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
      Set<String> written = tree(dir);
      written.removeAll(before);
      // --save and --journal may write where they were pointed (a --save folder with its parents)
      List<String> targets = new ArrayList<>();
      for (int i = 0; i + 1 < input.options().size(); i++) {
        String o = input.options().get(i);
        String v = input.options().get(i + 1);
        if ((o.equals("--save") || o.equals("--journal")) && v.startsWith("@")) {
          targets.add(v.substring(1));
        }
      }
      written.removeIf(
          p ->
              targets.stream()
                  .anyMatch(t -> p.equals(t) || p.startsWith(t + "/") || t.startsWith(p + "/")));
      assertThat(written).as(all).isEmpty();
    } finally {
      delete(dir);
    }
  }

  private static Set<String> tree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      Set<String> out = new TreeSet<>();
      walk.forEach(p -> out.add(dir.relativize(p).toString()));
      return out;
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
