package dev.otasim.cli;

import com.sun.management.OperatingSystemMXBean;
import dev.otasim.device.BootOutcome;
import dev.otasim.device.Device;
import dev.otasim.report.Count;
import dev.otasim.scenario.DemoScenario;
import dev.otasim.scenario.DemoSweep;
import dev.otasim.scenario.NaiveScenario;
import dev.otasim.scenario.ReferenceUpdater;
import dev.otasim.sweep.OtaInvariants;
import dev.otasim.sweep.PowerCutSweep;
import dev.otasim.sweep.SweepReport;
import dev.otasim.sweep.SweepScenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code otasim bench}: one row per measure of issue 14's table — warm boot, the demo's update
 * cycle, the sweeps, the demo as a whole process, the first boot of a fresh JVM, and the heap each
 * boot leaves behind — printed as a table next to the targets.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures otasim's speed and prints one row per measure: warm boot, the demo's update cycle"
          + " (warm), the demo's power-cut sweeps (reference updater and --naive) with points per"
          + " second, the demo as a whole process, the first boot of a fresh JVM, a user's first"
          + " test (a JVM as Surefire starts it), and the heap retained per boot after warm-up."
          + " Times are medians.",
      "--rows picks measures (warm, cycle, sweep, naive, run, first, user, heap, micropython: the"
          + " real MicroPython VM's load, warm boot and demo cycle, when it has been fetched;"
          + " fleet: 1,000 boards of the demo, 3 power cycles each; lint: otasim lint"
          + " --no-daemon of three files in a fresh JVM, as CI runs it);"
          + " the sweeps take"
          + " minutes on a busy machine, so e.g. --rows warm,cycle,first is quick."
    })
final class BenchCommand implements Callable<Integer> {
  /** Every row, in the order of the table. */
  static final List<String> ROWS =
      List.of(
          "warm",
          "cycle",
          "sweep",
          "naive",
          "run",
          "first",
          "user",
          "heap",
          "micropython",
          "fleet",
          "lint");

  @Spec CommandSpec spec;

  @Option(
      names = "--rows",
      split = ",",
      paramLabel = "ROW",
      description = "Which measures, comma-separated: ${COMPLETION-CANDIDATES} (default: all).",
      completionCandidates = RowNames.class)
  List<String> rows = ROWS;

  @Option(
      names = "--runs",
      description =
          "Measured warm boots; the cycle row runs a quarter as many (default: ${DEFAULT-VALUE}).")
  int runs = 20;

  @Option(
      names = "--jvms",
      description =
          "Fresh JVMs started for the first-boot and whole-process rows (default: ${DEFAULT-VALUE}).")
  int jvms = 3;

  @Option(names = "--sweeps", description = "Runs of each sweep row (default: ${DEFAULT-VALUE}).")
  int sweeps = 1;

  @Option(
      names = "--heap-cycles",
      description =
          "Demo cycles measured by the heap row, after 10 for warm-up (default: ${DEFAULT-VALUE}).")
  int heapCycles = 30;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Threads of the sweep rows (default: the number of cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--replay",
      description =
          "Sweep rows replay every boot before a point's fault, as sweeps did before they started"
              + " at the cut boot (for comparison).")
  boolean replay;

  @Option(names = "--first-boot-probe", hidden = true)
  boolean probe;

  @Option(names = "--lint-probe", hidden = true)
  Path lintProbe;

  /** The names --rows accepts. */
  static final class RowNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    RowNames() {
      super(ROWS);
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (lintProbe != null) {
      // otasim lint --no-daemon as CI runs it, then the CPU time this process spent on it
      CommandLine lint = OtaSimCommand.commandLine();
      lint.setOut(new PrintWriter(Writer.nullWriter()));
      int code = lint.execute("lint", "--no-daemon", lintProbe.toString());
      OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
      out.println("probe " + code + " " + os.getProcessCpuTime() / 1_000_000);
      return 0;
    }
    if (probe) {
      long t0 = System.nanoTime();
      Device device = Device.create();
      device.flash().put("/main.py", "print('hi')");
      device.boot();
      long boot = System.nanoTime() - t0;
      long sinceStart = ManagementFactory.getRuntimeMXBean().getUptime();
      out.println("probe " + sinceStart + " " + boot / 1_000_000);
      return 0;
    }
    Set<String> chosen = new LinkedHashSet<>();
    for (String r : rows) {
      String row = r.trim().toLowerCase(Locale.ROOT);
      if (!ROWS.contains(row)) {
        throw new IllegalArgumentException(
            "--rows " + r + " is not a measure; use any of " + String.join(",", ROWS));
      }
      chosen.add(row);
    }
    if (runs < 1 || jvms < 1 || sweeps < 1 || heapCycles < 1 || threads < 1) {
      throw new IllegalArgumentException(
          "--runs, --jvms, --sweeps, --heap-cycles and --threads must be at least 1");
    }
    out.println(
        "otasim bench: "
            + Runtime.getRuntime().availableProcessors()
            + " cores, Java "
            + System.getProperty("java.version")
            + (cdsArchive() ? ", class-data sharing on" : ", class-data sharing off")
            + "; medians of n runs");
    Table table = new Table(out);
    for (String row : ROWS) {
      if (!chosen.contains(row)) {
        continue;
      }
      switch (row) {
        case "warm" -> warmBoot(table);
        case "cycle" -> demoCycle(table);
        case "sweep" ->
            sweep(
                table,
                "otasim sweep (reference updater, power cut, all points)",
                DemoSweep::create,
                DemoSweep.invariants(),
                "<= 15 s");
        case "naive" ->
            sweep(
                table,
                "otasim sweep --naive",
                NaiveScenario::create,
                NaiveScenario.invariants(),
                "<= 10 s");
        case "run" -> wholeProcess(table);
        case "first" -> firstBoot(table);
        case "user" -> usersFirstTest(table);
        case "heap" -> heap(table);
        case "micropython" ->
            MicroPythonBench.run(
                out, runs, (what, ms) -> table.row(what, median(ms) + " ms", "", ms.size()));
        case "fleet" -> fleet(table);
        case "lint" -> lintInProcess(table);
        default -> throw new AssertionError(row);
      }
    }
    return 0;
  }

  private void warmBoot(Table table) {
    Device device = Device.create();
    device
        .flash()
        .put("/main.py", "import os, machine, time\nprint('hello from', os.uname()[0])\n");
    for (int i = 0; i < Math.max(5, runs / 2); i++) {
      device.boot();
    }
    List<Long> warm = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      device.boot();
      warm.add(System.nanoTime() - t0);
    }
    table.row("warm boot (print from main.py)", millis(median(warm)), "<= 10 ms", warm.size());
  }

  private void demoCycle(Table table) {
    int cycles = Math.max(3, runs / 4);
    List<Long> cycle = new ArrayList<>();
    for (int i = 0; i < cycles + 2; i++) {
      long t0 = System.nanoTime();
      runDemoCycle();
      if (i >= 2) {
        cycle.add(System.nanoTime() - t0);
      }
    }
    table.row(
        "the demo's 3-boot update cycle, warm", millis(median(cycle)), "<= 100 ms", cycle.size());
  }

  private static void runDemoCycle() {
    try (DemoScenario s = DemoScenario.create()) {
      var boots = s.device().runUntilSettled();
      if (boots.get(boots.size() - 1).outcome() != BootOutcome.RETURNED) {
        throw new IllegalStateException("the demo cycle did not settle: " + boots);
      }
    }
  }

  private void sweep(
      Table table,
      String what,
      Supplier<? extends SweepScenario> scenarios,
      OtaInvariants invariants,
      String target) {
    Device.warmUp();
    List<Long> times = new ArrayList<>();
    int points = 0;
    for (int i = 0; i < sweeps; i++) {
      long t0 = System.nanoTime();
      SweepReport report =
          PowerCutSweep.builder(scenarios, invariants)
              .setThreads(threads)
              .setReplayFromStart(replay)
              .build()
              .run();
      times.add(System.nanoTime() - t0);
      points = report.cuts().size();
    }
    long median = median(times);
    table.row(
        what + (replay ? ", replaying" : ""),
        String.format(
            Locale.ROOT,
            "%.1f s, %s, %.1f points/s, %s",
            median / 1e9,
            Count.of(points, "point"),
            points / (median / 1e9),
            Count.of(threads, "thread")),
        target,
        times.size());
  }

  /** Issue 21's target: 1,000 boards of the demo, 3 power cycles each, 1% of them cut. */
  private void fleet(Table table) {
    Device.warmUp();
    List<Long> times = new ArrayList<>();
    dev.otasim.fleet.FleetReport report = null;
    for (int i = 0; i < sweeps; i++) {
      long t0 = System.nanoTime();
      report =
          dev.otasim.fleet.Fleet.builder(dev.otasim.fleet.World.demo())
              .setBoards(1000)
              .setSeed(1)
              .setSites(50)
              .setHours(3)
              .setPowerCutRate(0.01)
              .setThreads(threads)
              .build()
              .run();
      times.add(System.nanoTime() - t0);
    }
    long median = median(times);
    dev.otasim.fleet.FleetReport.Run run = report.run();
    table.row(
        "otasim fleet 1000x3 (demo, 50 sites, 1% power cuts)",
        String.format(
            Locale.ROOT,
            "%.1f s, %s, %s booted (%.0f%% replayed), %s",
            median / 1e9,
            Count.of(run.cycles(), "power cycle"),
            Count.of(run.cyclesRun(), "cycle"),
            100 * run.hitRate(),
            Count.of(threads, "thread")),
        "<= 60 s",
        times.size());
  }

  private void wholeProcess(Table table) throws IOException, InterruptedException {
    List<Long> wall = new ArrayList<>();
    for (int i = 0; i < jvms; i++) {
      long t0 = System.nanoTime();
      freshJvm("demo");
      wall.add(System.nanoTime() - t0);
    }
    table.row(
        "otasim demo (the demo's run) as a whole process",
        seconds(median(wall)),
        "<= 4 s",
        wall.size());
  }

  /**
   * Lint in CI (issue 20): {@code otasim lint --no-daemon} of the reference updater's three files
   * in a fresh JVM, wall time as a user waits for it and the CPU time the process spent.
   */
  private void lintInProcess(Table table) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("otasim-bench-lint");
    try {
      for (String name : List.of("main.py", "ota_updater.py", ReferenceUpdater.APP)) {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, ReferenceUpdater.file(name));
      }
      List<Long> wall = new ArrayList<>();
      List<Long> cpu = new ArrayList<>();
      for (int i = 0; i < jvms; i++) {
        long t0 = System.nanoTime();
        String output = freshJvm("bench", "--lint-probe", dir.toString());
        wall.add(System.nanoTime() - t0);
        String[] probe = probeLine(output).split(" ");
        if (!probe[1].equals("0")) {
          throw new IllegalStateException(
              "lint found something in the reference updater: " + output);
        }
        cpu.add(Long.parseLong(probe[2]) * 1_000_000);
      }
      table.row(
          "otasim lint --no-daemon, 3 files, fresh JVM (wall, CPU)",
          seconds(median(wall)) + " wall, " + seconds(median(cpu)) + " CPU",
          "<= 3 s",
          wall.size());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private void firstBoot(Table table) throws IOException, InterruptedException {
    List<Long> wall = new ArrayList<>();
    List<Long> bootOnly = new ArrayList<>();
    for (int i = 0; i < jvms; i++) {
      long t0 = System.nanoTime();
      String output = freshJvm("bench", "--first-boot-probe");
      wall.add(System.nanoTime() - t0);
      bootOnly.add(probeBoot(output));
    }
    table.row(
        "first boot in a fresh JVM (CLI)",
        seconds(median(wall)) + " (the boot itself " + seconds(median(bootOnly)) + ")",
        "<= 2.5 s",
        wall.size());
  }

  /**
   * A user's first test: a JVM as Surefire starts it (the example project's argLine, no class-data
   * sharing, no flags of the otasim script), in a project whose target/ keeps the code cache
   * between runs. The first JVM finds target/ empty.
   */
  private void usersFirstTest(Table table) throws IOException, InterruptedException {
    Path project = Files.createTempDirectory("otasim-bench-user");
    try {
      Files.createDirectories(project.resolve("target"));
      List<Long> wall = new ArrayList<>();
      List<Long> bootOnly = new ArrayList<>();
      long cold = 0;
      for (int i = 0; i <= jvms; i++) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(SUREFIRE_ARG_LINE);
        cmd.add("-Dbasedir=" + project);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of("bench", "--first-boot-probe"));
        long t0 = System.nanoTime();
        String output = run(cmd, project);
        long elapsed = System.nanoTime() - t0;
        if (i == 0) {
          cold = elapsed;
          continue;
        }
        wall.add(elapsed);
        bootOnly.add(probeBoot(output));
      }
      table.row(
          "a user's first test: first boot in a JVM as Surefire starts it",
          seconds(median(wall))
              + " (the boot itself "
              + seconds(median(bootOnly))
              + "); "
              + seconds(cold)
              + " with an empty target/",
          "<= 3 s",
          wall.size());
    } finally {
      try (var walk = Files.walk(project)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The example project's Surefire argLine (examples/junit-user/pom.xml). */
  private static final List<String> SUREFIRE_ARG_LINE =
      List.of(
          "-Dpolyglotimpl.AttachLibraryFailureAction=ignore",
          "-Dpolyglot.engine.WarnInterpreterOnly=false");

  private void heap(Table table) {
    for (int i = 0; i < 10; i++) {
      runDemoCycle();
    }
    long before = usedHeapAfterGc();
    for (int i = 0; i < heapCycles; i++) {
      runDemoCycle();
    }
    long after = usedHeapAfterGc();
    double perBoot = (after - before) / (3.0 * heapCycles) / (1024 * 1024);
    table.row(
        "heap retained per boot after warm-up",
        String.format(Locale.ROOT, "%.3f MiB (%d boots)", perBoot, 3 * heapCycles),
        "0",
        1);
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }

  /** Whether this JVM maps an AppCDS archive (the otasim script adds one). */
  private static boolean cdsArchive() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(a -> a.startsWith("-XX:SharedArchiveFile="));
  }

  /**
   * Runs otasim in a new JVM with this one's options (its class-data sharing archive included, if
   * any), as the otasim script would; returns what it printed.
   */
  private static String freshJvm(String... args) throws IOException, InterruptedException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // this JVM's own archive recording or profile must not be written by the children too
      if (!a.startsWith("-XX:ArchiveClassesAtExit") && !a.startsWith("-XX:StartFlightRecording")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    if (code != 0) {
      throw new IllegalStateException(
          "otasim " + String.join(" ", args) + " failed (exit " + code + "): " + output);
    }
    return output;
  }

  /** The boot's own time, in nanoseconds, from what --first-boot-probe printed. */
  private static long probeBoot(String output) {
    return Long.parseLong(probeLine(output).split(" ")[2]) * 1_000_000;
  }

  /** The line a probe printed its numbers on. */
  private static String probeLine(String output) {
    return Arrays.stream(output.split("\n"))
        .filter(l -> l.startsWith("probe "))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the probe printed: " + output))
        .trim();
  }

  private static String run(List<String> cmd, Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    if (code != 0) {
      throw new IllegalStateException("the probe failed (exit " + code + "): " + output);
    }
    return output;
  }

  private static long median(List<Long> values) {
    long[] s = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return s[s.length / 2];
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  /** Prints rows as they are measured, aligned as a Markdown table. */
  private static final class Table {
    private static final String FORMAT = "| %-56s | %-44s | %-9s | %3s |%n";
    private final PrintWriter out;

    Table(PrintWriter out) {
      this.out = out;
      out.printf(FORMAT, "measure", "result", "target", "n");
      out.printf(FORMAT, "-".repeat(56), "-".repeat(44), "-".repeat(9), "---");
      out.flush();
    }

    void row(String measure, String result, String target, int n) {
      out.printf(FORMAT, measure, result, target, n);
      out.flush();
    }
  }
}
