package dev.otasim.cli;

import dev.otasim.device.SimulatorException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code otasim}: runs MicroPython OTA updaters on a simulated ESP32 against a fake GitHub. */
@Command(
    name = "otasim",
    mixinStandardHelpOptions = true,
    versionProvider = OtaSimCommand.Version.class,
    description =
        "Runs MicroPython OTA updaters, unchanged, on a simulated ESP32 against a fake GitHub.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      SweepCommand.class,
      GateCommand.class,
      BenchCommand.class,
      FleetCommand.class,
      LintCommand.class,
      ShellCommand.class,
      CommandLine.HelpCommand.class
    })
public final class OtaSimCommand implements Callable<Integer> {
  /** Exit code when the simulated device or the update failed (a verdict, not a crash). */
  public static final int EXIT_FAILED = 1;

  /** Exit code for bad usage: a missing folder, malformed arguments. */
  public static final int EXIT_USAGE = 2;

  /** Exit code when the simulator itself broke. */
  public static final int EXIT_INTERNAL = 3;

  /**
   * Exit code when the user pressed Ctrl-C (SIGINT) and the command stopped part way: 128 + 2, the
   * shell's code for a program ended by SIGINT.
   */
  public static final int EXIT_INTERRUPTED = 130;

  @Spec CommandSpec spec;

  /** Without a command there is nothing to do: say so, show the commands, and fail as usage. */
  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    err.println("otasim: name a command, e.g. otasim demo (otasim help COMMAND shows its options)");
    spec.commandLine().usage(err);
    return EXIT_USAGE;
  }

  /** The configured command line; tests call this with their own writers. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new OtaSimCommand());
    cl.setExecutionExceptionHandler(OtaSimCommand::handle);
    // no @FILE expansion: `--candidate @/proc/self/environ` would read a host file into the
    // arguments and print it in a usage error (a CI log); applies to every subcommand
    cl.setExpandAtFiles(false);
    return cl;
  }

  // One place maps failures to exit codes and messages (picocli's ExitCodeExceptionMapper idea).
  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof IllegalArgumentException
        || e instanceof UsageException
        || e instanceof dev.otasim.sweep.NotDeterministicException) {
      // a message may quote a hostile repository's names: none of its lines starts a CI command
      err.println(WorkflowText.message("otasim: " + e.getMessage()));
      return EXIT_USAGE;
    }
    if (e instanceof SimulatorException) {
      err.println(WorkflowText.message("otasim: the simulator failed: " + e.getMessage()));
      return EXIT_INTERNAL;
    }
    err.println(WorkflowText.message("otasim: internal error: " + e));
    e.printStackTrace(err);
    return EXIT_INTERNAL;
  }

  /** A problem with what the user asked for, said so that it names the fix. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      // The jar's manifest carries the Maven version; classes run from a build folder have none.
      String v = OtaSimCommand.class.getPackage().getImplementationVersion();
      return new String[] {
        "otasim " + (v == null ? "(classes, not a packaged jar)" : v),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
