package dev.otasim.lint;

import dev.otasim.device.DeviceConfig;
import java.util.regex.Pattern;

/**
 * What the linter checks against.
 *
 * @param firmware the MicroPython firmware on the board, such as {@code 1.27.0} or {@code 1.22}:
 *     which modules exist depends on it (spec/micropython-esp32.md §20)
 */
public record LintOptions(String firmware) {
  /** The firmware the simulator boots by default. */
  public static final String DEFAULT_FIRMWARE = DeviceConfig.Builder.DEFAULT_FIRMWARE;

  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+(\\.\\d+)?");

  public LintOptions {
    if (firmware == null || !VERSION.matcher(firmware).matches()) {
      throw new IllegalArgumentException(
          "firmware (" + firmware + ") must look like 1.27.0 or 1.22");
    }
  }

  /** Checks against the newest firmware. */
  public static LintOptions defaults() {
    return new LintOptions(DEFAULT_FIRMWARE);
  }

  public LintOptions withFirmware(String version) {
    return new LintOptions(version);
  }
}
