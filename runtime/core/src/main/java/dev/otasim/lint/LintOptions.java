package dev.otasim.lint;

import dev.otasim.stubs.Firmware;
import java.util.Objects;

/**
 * What the linter checks against.
 *
 * @param firmware the MicroPython firmware on the board: which modules exist depends on it
 *     (spec/micropython-esp32.md §20)
 */
public record LintOptions(Firmware firmware) {
  public LintOptions {
    Objects.requireNonNull(firmware, "firmware");
  }

  /** Checks against the firmware the simulator boots by default. */
  public static LintOptions defaults() {
    return new LintOptions(Firmware.DEFAULT);
  }

  /**
   * Checks against another firmware, such as {@code 1.22}.
   *
   * @throws IllegalArgumentException if the version is not one otasim has a profile for
   */
  public LintOptions withFirmware(String version) {
    return new LintOptions(Firmware.parse(version));
  }

  public LintOptions withFirmware(Firmware firmware) {
    return new LintOptions(firmware);
  }
}
