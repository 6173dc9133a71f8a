package dev.otasim.boot;

import java.util.Optional;

/**
 * How running one file of device code ended, as the engine's runtime reports it: one line of the
 * shim contract ({@code docs/shim-contract.md}), {@code ok}, {@code absent}, {@code exit} or {@code
 * exc:} and the exception's last traceback line.
 *
 * @param error the exception line of an {@link Kind#EXCEPTION}, else {@code null}
 */
public record RunResult(Kind kind, String error) {
  /** The four ways a file's run ends. */
  public enum Kind {
    /** The file ran to its end. */
    OK,
    /** The flash has no such file: nothing ran. */
    ABSENT,
    /** {@code SystemExit} ended it: the board soft-resets. */
    EXIT,
    /** An exception nobody caught ended it; the console shows the traceback. */
    EXCEPTION
  }

  /** A run that ended with {@code error} uncaught. */
  public static RunResult exception(String error) {
    return new RunResult(Kind.EXCEPTION, error);
  }

  /**
   * Reads the runtime's report.
   *
   * @throws IllegalArgumentException if it is none of the four
   */
  public static RunResult parse(String report) {
    return switch (report) {
      case "ok" -> new RunResult(Kind.OK, null);
      case "absent" -> new RunResult(Kind.ABSENT, null);
      case "exit" -> new RunResult(Kind.EXIT, null);
      default -> {
        if (report.startsWith("exc:")) {
          yield exception(report.substring(4));
        }
        throw new IllegalArgumentException(
            "an engine's runtime reported '" + report + "': expected ok, absent, exit or exc:LINE");
      }
    };
  }

  /** Whether the boot goes on to the next file, as pyexec_file_if_exists lets it. */
  public boolean goesOn() {
    return kind == Kind.OK || kind == Kind.ABSENT;
  }

  /** The uncaught exception's line, if the run ended with one. */
  public Optional<String> exception() {
    return Optional.ofNullable(error);
  }
}
