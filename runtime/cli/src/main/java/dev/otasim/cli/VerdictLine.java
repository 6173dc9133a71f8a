package dev.otasim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Help.Ansi;

/**
 * How a command ends its output, the same in every command: where it saved its reports, then one
 * bold line, a green check mark or a red cross.
 */
final class VerdictLine {
  private VerdictLine() {}

  /** {@code HTML report: /abs/path}: where a report was written. */
  static void saved(PrintWriter out, String what, Path file) {
    out.println(what + ": " + file.toAbsolutePath());
  }

  /**
   * Prints the verdict and returns the command's exit code: 0 if {@code passed}, else {@link
   * OtaSimCommand#EXIT_FAILED}.
   */
  static int print(
      PrintWriter out, Ansi ansi, boolean passed, String whenPassed, String whenFailed) {
    out.println(
        passed
            ? ansi.string("@|bold,green \u2714 " + whenPassed + "|@")
            : ansi.string("@|bold,red \u2718 " + whenFailed + "|@"));
    out.flush();
    return passed ? 0 : OtaSimCommand.EXIT_FAILED;
  }
}
