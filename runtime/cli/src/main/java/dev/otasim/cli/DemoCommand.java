package dev.otasim.cli;

import dev.otasim.crosscheck.CrossCheck;
import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.github.Exchange;
import dev.otasim.report.Count;
import dev.otasim.scenario.DemoScenario;
import dev.otasim.stubs.journal.Event;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code otasim demo}: the article's update cycle on a simulated ESP32, on embedded defaults, with
 * no network and no configuration.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the article's OTA cycle: a board at v1.0.0 with the reference updater finds v1.1.0 on"
          + " a fake GitHub, resets, downloads into next/, swaps it for main/, resets, and runs"
          + " v1.1.0.",
      "Prints the timeline (boots, console, requests, file operations) and a verdict."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description =
          "graalpy (default), micropython (the real MicroPython VM; needs"
              + " scripts/fetch-micropython-wasm), or both: also run it on the real VM and show"
              + " where the two differ.")
  String engine = "graalpy";

  @Override
  public Integer call() {
    boolean both = engine.equals("both");
    Engine first = both ? Engine.GRAALPY : Engine.parse(engine);
    PrintWriter out = spec.commandLine().getOut();
    Ansi ansi = spec.commandLine().getColorScheme().ansi();
    out.println(
        ansi.string("@|bold otasim demo|@ \u2014 the article's update cycle on a simulated ESP32"));
    out.println(
        "board: "
            + DemoScenario.REPO
            + " v1.0.0 with the reference updater (python-src/); fake GitHub has published v1.1.0");
    out.println(
        ansi.string(
            first == Engine.GRAALPY
                ? "@|faint starting GraalPy (the first boot of a JVM takes a few seconds)…|@"
                : "@|faint starting the MicroPython VM (compiling its wasm takes seconds)…|@"));
    out.flush();
    try (DemoScenario scenario =
        DemoScenario.create(DeviceConfig.builder().setEngine(first).build())) {
      Device device = scenario.device();
      List<BootResult> run = device.runUntilSettled();
      new Timeline(out, ansi).print(device.timeline());
      out.println();
      String installed =
          device.flash().exists("/main/.version")
              ? device.flash().text("/main/.version")
              : "nothing";
      boolean ok =
          installed.equals("v1.1.0")
              && run.get(run.size() - 1).outcome() == BootOutcome.RETURNED
              && device.console().contains("app: version v1.1.0 running")
              && scenario.github().unexpected().isEmpty();
      List<Exchange> exchanges = scenario.github().exchanges();
      long files =
          device
              .journal()
              .events(
                  e ->
                      e instanceof Event.Open o
                          && o.path().startsWith("next/")
                          && o.mode().contains("w")
                          // markers such as .version_on_reboot and .complete are not downloads
                          && !o.path().substring(o.path().lastIndexOf('/') + 1).startsWith("."))
              .size();
      if (ok && both) {
        ok = crossCheck(device, out, ansi);
      }
      if (ok) {
        out.println(
            ansi.string(
                "@|bold,green \u2714 updated v1.0.0 \u2192 v1.1.0|@ in "
                    + Count.of(run.size(), "boot")
                    + ", "
                    + Count.of(exchanges.size(), "request")
                    + ", "
                    + Count.of(files, "file")
                    + " downloaded; the app reports v1.1.0 and the board has settled"));
        return 0;
      }
      out.println(
          ansi.string(
              "@|bold,red \u2718 the update did not complete|@: main/.version is "
                  + installed
                  + ", last boot "
                  + run.get(run.size() - 1)
                  + (scenario.github().unexpected().isEmpty()
                      ? ""
                      : ", unexpected requests: " + scenario.github().unexpected())));
      return OtaSimCommand.EXIT_FAILED;
    }
  }

  /** Runs the demo again on the real MicroPython VM and compares; false if they differ. */
  private static boolean crossCheck(Device graalpy, PrintWriter out, Ansi ansi) {
    out.println(ansi.string("@|faint the same board on the real MicroPython VM…|@"));
    out.flush();
    try (DemoScenario again =
        DemoScenario.create(DeviceConfig.builder().setEngine(Engine.MICROPYTHON).build())) {
      again.device().runUntilSettled();
      CrossCheck.Result r = CrossCheck.compare(graalpy, again.device());
      if (r.identical()) {
        out.println(
            ansi.string(
                "@|green ✔ identical on the real MicroPython VM|@ (timeline and final flash)"));
        return true;
      }
      out.print(r.divergence().orElseThrow().describe());
      return false;
    }
  }
}
