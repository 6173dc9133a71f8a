package dev.otasim.cli;

import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.Engine;
import dev.otasim.engine.CrossCheck;
import dev.otasim.scenario.FolderScenario;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Help.Ansi;

/** {@code otasim run --engine both}: the same board on GraalPy and on MicroPython, compared. */
final class CrossCheckRun {
  private CrossCheckRun() {}

  /** The scenario with its board on this engine. */
  static FolderScenario.Spec on(FolderScenario.Spec s, Engine engine) {
    return new FolderScenario.Spec(
        s.board(),
        s.releases(),
        s.repo(),
        s.config().toBuilder().setEngine(engine).build(),
        s.ssid(),
        s.password(),
        s.token(),
        s.isPrivate());
  }

  static int run(FolderScenario.Spec s, PrintWriter out, Ansi ansi) {
    Device graalpy = boot(on(s, Engine.GRAALPY), out, ansi);
    Device micropython = boot(on(s, Engine.MICROPYTHON), out, ansi);
    CrossCheck.Result result = CrossCheck.compare(graalpy, micropython);
    out.println();
    if (result.identical()) {
      out.println(
          ansi.string(
              "@|bold,green \u2714 identical on both engines|@: "
                  + CrossCheck.timeline(graalpy).size()
                  + " timeline lines (journal and console), "
                  + CrossCheck.flash(graalpy).size()
                  + " files on the final flash"));
      out.flush();
      return 0;
    }
    out.println(
        ansi.string(
            "@|bold,red \u2718 GraalPy and the real MicroPython VM disagree|@; what the board"
                + " does is the MicroPython side"));
    out.print(result.divergence().orElseThrow().describe());
    out.flush();
    return OtaSimCommand.EXIT_FAILED;
  }

  private static Device boot(FolderScenario.Spec s, PrintWriter out, Ansi ansi) {
    String name = s.config().engine().cliName();
    out.println(ansi.string("@|bold " + name + "|@"));
    out.flush();
    try (FolderScenario run = FolderScenario.create(s)) {
      Device device = run.device();
      List<BootResult> boots = device.runUntilSettled();
      new Timeline(out, ansi).print(device.timeline());
      out.println(
          "  "
              + name
              + ": "
              + boots.size()
              + " boots, last "
              + boots.get(boots.size() - 1).outcome());
      out.flush();
      return device;
    }
  }
}
