package dev.otasim.cli;

import dev.otasim.github.RepoName;
import dev.otasim.stubs.Firmware;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options several commands share, declared once as picocli mixins ({@code @Mixin}); each parses and
 * validates its value in one place and says which option was wrong.
 */
final class SharedOptions {
  private SharedOptions() {}

  /** {@code --firmware VERSION} (run, sweep, gate, lint, shell). */
  static final class FirmwareOption {
    @Option(
        names = "--firmware",
        paramLabel = "VERSION",
        description =
            "MicroPython firmware on the board, such as 1.22 (default: ${DEFAULT-VALUE}).")
    String text = Firmware.DEFAULT.toString();

    /** The firmware asked for, or {@link Firmware#DEFAULT}. */
    Firmware firmware() {
      return Firmware.parse(text);
    }
  }

  /** {@code --repo OWNER/NAME} (run, sweep, gate, shell). */
  static final class RepoOption {
    @Option(
        names = "--repo",
        paramLabel = "OWNER/NAME",
        description = "The GitHub repository the board's updater follows.")
    String text;

    /** Whether the option was given. */
    boolean given() {
      return text != null;
    }

    /** The repository, or {@code fallback} if the option was not given. */
    RepoName repo(String fallback) {
      String value = text != null ? text : fallback;
      try {
        return RepoName.parse(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--repo " + e.getMessage(), e);
      }
    }
  }

  /** {@code --board DIR} (run, sweep, shell): a folder on this machine copied onto the flash. */
  static final class BoardOption {
    @Option(
        names = "--board",
        paramLabel = "DIR",
        description = "Folder copied onto the flash (boot.py, main.py, your updater).")
    Path board;
  }
}
