package dev.otasim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
   * Writes one report and says where, or says on {@code err} why it could not (the folder is made
   * if missing); false if it failed. The caller prints its verdict either way and turns a failed
   * save into {@link OtaSimCommand#EXIT_USAGE}, so a long run never loses its verdict to a write.
   */
  static boolean save(
      PrintWriter out, PrintWriter err, String what, Path file, String text, boolean append) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (append) {
        Files.writeString(
            file,
            text,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } else {
        Files.writeString(file, text, StandardCharsets.UTF_8);
      }
      saved(out, what, file);
      return true;
    } catch (IOException | RuntimeException e) {
      err.println(
          "otasim: could not write the "
              + what
              + " to "
              + file.toAbsolutePath()
              + ": "
              + OutputPaths.reason(e));
      err.flush();
      return false;
    }
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

  /**
   * Ends the output of a command the user stopped with Ctrl-C: one bold line saying so and how much
   * finished; returns {@link OtaSimCommand#EXIT_INTERRUPTED}.
   */
  static int interrupted(PrintWriter out, Ansi ansi, String what) {
    out.println(ansi.string("@|bold,yellow \u26a0 interrupted (Ctrl-C): " + what + "|@"));
    out.flush();
    return OtaSimCommand.EXIT_INTERRUPTED;
  }
}
