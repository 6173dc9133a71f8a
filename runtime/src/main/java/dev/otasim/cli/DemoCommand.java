package dev.otasim.cli;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.github.Exchange;
import dev.otasim.scenario.DemoScenario;
import dev.otasim.stubs.journal.Event;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
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

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Ansi ansi = spec.commandLine().getColorScheme().ansi();
    out.println(
        ansi.string("@|bold otasim demo|@ \u2014 the article's update cycle on a simulated ESP32"));
    out.println(
        "board: "
            + DemoScenario.REPO
            + " v1.0.0 with the reference updater (python-src/); fake GitHub has published v1.1.0");
    out.println(
        ansi.string("@|faint starting GraalPy (the first boot of a JVM takes a few seconds)…|@"));
    out.flush();
    try (DemoScenario scenario = DemoScenario.create()) {
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
      if (ok) {
        out.println(
            ansi.string(
                "@|bold,green \u2714 updated v1.0.0 \u2192 v1.1.0|@ in "
                    + run.size()
                    + " boots, "
                    + exchanges.size()
                    + " requests, "
                    + files
                    + " files downloaded; the app reports v1.1.0 and the board has settled"));
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
}
