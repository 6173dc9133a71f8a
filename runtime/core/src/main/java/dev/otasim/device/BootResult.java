package dev.otasim.device;

import dev.otasim.stubs.journal.ResetCause;
import java.util.Optional;

/**
 * What one boot did, in Java terms only (no polyglot value escapes the host).
 *
 * @param number the boot's number, counting from 1
 * @param cause what {@code machine.reset_cause()} reported during it
 * @param outcome how it ended
 * @param console what it printed on the serial console, tracebacks included
 * @param error the last traceback line ({@code OSError: [Errno 2] ENOENT}) when it ended in an
 *     exception, else empty
 */
public record BootResult(
    int number, ResetCause cause, BootOutcome outcome, String console, String error) {

  /** The uncaught exception's last traceback line, if the boot ended with one. */
  public Optional<String> exception() {
    return Optional.ofNullable(error);
  }

  @Override
  public String toString() {
    return "boot " + number + " (" + cause + "): " + outcome + (error == null ? "" : " " + error);
  }
}
