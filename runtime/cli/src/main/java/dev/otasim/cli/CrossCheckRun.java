package dev.otasim.cli;

import dev.otasim.crosscheck.CrossCheck;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.github.FakeGitHub;
import dev.otasim.report.Count;
import dev.otasim.scenario.DemoScenario;
import dev.otasim.scenario.FolderScenario;
import dev.otasim.sweep.SweepScenario;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Help.Ansi;

/** {@code otasim run --engine both}: the same board on GraalPy and on MicroPython, compared. */
final class CrossCheckRun {
  private CrossCheckRun() {}

  /** Writes what {@code --journal} and {@code --save} ask for of one engine's run. */
  interface Outputs {
    /** Writes them; false, with the reason on the error stream, if a write failed. */
    boolean write(Device device, Engine engine);
  }

  static int run(FolderScenario.Spec s, PrintWriter out, Ansi ansi, Outputs outputs) {
    Device graalpy = boot(s.onEngine(Engine.GRAALPY), out, ansi);
    Device micropython = boot(s.onEngine(Engine.MICROPYTHON), out, ansi);
    CrossCheck.Result result = CrossCheck.compare(graalpy, micropython);
    out.println();
    int code;
    if (result.identical()) {
      out.println(
          ansi.string(
              "@|bold,green \u2714 identical on both engines|@: "
                  + Count.of(CrossCheck.timeline(graalpy).size(), "timeline line")
                  + " (journal and console), "
                  + Count.of(CrossCheck.flash(graalpy).size(), "file")
                  + " on the final flash"));
      code = 0;
    } else {
      CrossCheck.Divergence d = result.divergence().orElseThrow();
      out.println(
          ansi.string(
              "@|bold,red \u2718 GraalPy and the real MicroPython VM disagree|@; " + d.specSide()));
      out.print(d.describe());
      code = OtaSimCommand.EXIT_FAILED;
    }
    out.flush();
    // written after the verdict: a failed write must not lose it
    boolean written = outputs.write(graalpy, Engine.GRAALPY);
    written &= outputs.write(micropython, Engine.MICROPYTHON);
    return written ? code : OtaSimCommand.EXIT_USAGE;
  }

  private static Device boot(FolderScenario.Spec s, PrintWriter out, Ansi ansi) {
    String name = s.config().engine().cliName();
    out.println(ansi.string("@|bold " + name + "|@"));
    out.flush();
    try (FolderScenario run = FolderScenario.create(s)) {
      Device device = run.device();
      device.journal().recordCallSites();
      List<BootResult> boots = device.runUntilSettled();
      new Timeline(out, ansi).print(device.timeline());
      out.println(
          "  "
              + name
              + ": "
              + Count.of(boots.size(), "boot")
              + ", last "
              + boots.get(boots.size() - 1).outcome());
      out.flush();
      return device;
    }
  }

  /** The demo as a sweep scenario on an engine. */
  static SweepScenario demo(Engine engine) {
    DemoScenario d = DemoScenario.create(DeviceConfig.builder().setEngine(engine).build());
    return new SweepScenario() {
      @Override
      public Device device() {
        return d.device();
      }

      @Override
      public FakeGitHub github() {
        return d.github();
      }

      @Override
      public void close() {
        d.close();
      }
    };
  }

  /**
   * {@code sweep --cross-check}: the clean run (no fault) on both engines before the sweep; false,
   * with the first divergence printed, if they differ.
   */
  static boolean cleanRun(
      Function<Engine, ? extends SweepScenario> scenarios, PrintWriter out, Ansi ansi) {
    out.println(
        ansi.string(
            "@|faint cross-check: the clean run on GraalPy and on the real MicroPython VM…|@"));
    out.flush();
    try (SweepScenario g = scenarios.apply(Engine.GRAALPY);
        SweepScenario m = scenarios.apply(Engine.MICROPYTHON)) {
      g.device().journal().recordCallSites();
      m.device().journal().recordCallSites();
      g.device().runUntilSettled();
      m.device().runUntilSettled();
      CrossCheck.Result r = CrossCheck.compare(g.device(), m.device());
      if (r.identical()) {
        out.println(ansi.string("@|green \u2714 the clean run is identical on both engines|@"));
        out.flush();
        return true;
      }
      CrossCheck.Divergence d = r.divergence().orElseThrow();
      out.println(
          ansi.string(
              "@|bold,red \u2718 GraalPy and the real MicroPython VM disagree on the clean run|@; "
                  + d.specSide()));
      out.print(d.describe());
      out.flush();
      return false;
    }
  }
}
