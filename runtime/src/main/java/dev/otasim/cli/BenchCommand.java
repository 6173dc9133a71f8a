package dev.otasim.cli;

import dev.otasim.demo.DemoScenario;
import dev.otasim.device.BootOutcome;
import dev.otasim.device.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code otasim bench}: the baseline numbers later work is measured against — the first boot of a
 * fresh JVM, a warm boot, and the demo's whole update cycle.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measures first-boot (fresh JVM), warm-boot and whole-cycle times; prints medians.")
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--runs",
      description = "Measured runs per warm benchmark (default: ${DEFAULT-VALUE}).")
  int runs = 20;

  @Option(
      names = "--jvms",
      description = "Fresh JVMs started for the first-boot benchmark (default: ${DEFAULT-VALUE}).")
  int jvms = 3;

  @Option(names = "--first-boot-probe", hidden = true)
  boolean probe;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
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
    if (runs < 1 || jvms < 0) {
      throw new IllegalArgumentException("--runs must be at least 1 and --jvms at least 0");
    }
    out.println(
        "otasim bench: " + runs + " runs per warm benchmark, " + jvms + " fresh JVMs; times in ms");
    out.println(
        "machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores, Java "
            + System.getProperty("java.version"));
    out.flush();

    if (jvms > 0) {
      List<Long> wall = new ArrayList<>();
      List<Long> bootOnly = new ArrayList<>();
      for (int i = 0; i < jvms; i++) {
        long[] r = firstBootInFreshJvm();
        wall.add(r[0]);
        bootOnly.add(r[1]);
      }
      report(out, "first boot, fresh JVM (JVM start to end of boot)", wall);
      report(out, "first boot, fresh JVM (the boot itself)", bootOnly);
    }

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
      warm.add((System.nanoTime() - t0) / 1_000_000);
    }
    report(out, "warm boot (print from main.py)", warm);

    int cycles = Math.max(3, runs / 4);
    List<Long> cycle = new ArrayList<>();
    for (int i = 0; i < cycles + 2; i++) {
      long t0 = System.nanoTime();
      try (DemoScenario s = DemoScenario.create()) {
        var boots = s.device().runUntilSettled();
        if (boots.get(boots.size() - 1).outcome() != BootOutcome.RETURNED) {
          throw new IllegalStateException("the demo cycle did not settle: " + boots);
        }
      }
      if (i >= 2) {
        cycle.add((System.nanoTime() - t0) / 1_000_000);
      }
    }
    report(out, "demo update cycle (3 boots, 6 requests), warm", cycle);
    MicroPythonBench.run(out, runs, (what, ms) -> report(out, what, ms));
    return 0;
  }

  private long[] firstBootInFreshJvm() throws IOException, InterruptedException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "bench",
            "--first-boot-probe"));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    long wall = (System.nanoTime() - t0) / 1_000_000;
    String line =
        Arrays.stream(output.split("\n"))
            .filter(l -> l.startsWith("probe "))
            .findFirst()
            .orElse(null);
    if (code != 0 || line == null) {
      throw new IllegalStateException("the first-boot probe failed (exit " + code + "): " + output);
    }
    String[] parts = line.trim().split(" ");
    return new long[] {wall, Long.parseLong(parts[2])};
  }

  private static void report(PrintWriter out, String what, List<Long> ms) {
    long[] s = ms.stream().mapToLong(Long::longValue).sorted().toArray();
    out.printf(
        "  %-52s median %6d   p10 %6d   p90 %6d   (n=%d)%n",
        what,
        s[s.length / 2],
        s[(int) (s.length * 0.1)],
        s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.9) - 1)],
        s.length);
    out.flush();
  }
}
