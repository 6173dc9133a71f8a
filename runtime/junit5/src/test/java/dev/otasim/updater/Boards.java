package dev.otasim.updater;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.Device;
import dev.otasim.scenario.ReferenceUpdater;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Boards carrying the reference updater for the scenario tests: {@code ota_updater.py}, {@code
 * main.py}, an {@code ota_config.json} and an installed app, and the small app the test releases
 * ship. The tests' app is written here rather than taken from {@code python-src/main/app.py}, so
 * that the golden journals pin the updater, not the example app.
 */
final class Boards {
  static final String REPO = "owner/app";
  static final String SSID = "home";
  static final String PASSWORD = "secret";

  /**
   * The app of every test release: it confirms itself once it reaches the network (ends a trial).
   */
  static final String APP =
      """
      import machine


      def run(updater, config):
          print("app: %s running" % updater.get_version(updater.main_dir))
          try:
              updater.using_network(config["ssid"], config["password"])
              updater.confirm()
              if updater.check_for_update_to_install_during_next_reboot():
                  machine.reset()
          except Exception as e:
              print("app: no update check: %s" % updater.describe(e))
      """;

  /** A new version whose entry point raises before it can confirm itself. */
  static final String BROKEN_APP =
      """
      def run(updater, config):
          print("app: %s running" % updater.get_version(updater.main_dir))
          raise RuntimeError("sensor driver missing")
      """;

  /** A new version that resets the board before it confirms itself (a boot loop). */
  static final String LOOPING_APP =
      """
      import machine


      def run(updater, config):
          print("app: %s running, restarting" % updater.get_version(updater.main_dir))
          machine.reset()
      """;

  private static final String[] BOARD_FILES = {"/main.py", "/ota_config.json", "/ota_updater.py"};

  private Boards() {}

  /** The reference updater, main.py and the config on a board, with {@code extraConfig} JSON. */
  static void flashUpdater(Device device, String password, String extraConfig) {
    ReferenceUpdater.flashOnto(device.flash());
    device
        .flash()
        .put(
            "/ota_config.json",
            String.format(
                "{\"repo\": \"%s\", \"ssid\": \"%s\", \"password\": \"%s\"%s}",
                REPO, SSID, password, extraConfig.isEmpty() ? "" : ", " + extraConfig));
  }

  /** A board running {@code version} of {@link #APP}, the updater and Wi-Fi it can join. */
  static void runningVersion(Device device, String version) {
    flashUpdater(device, PASSWORD, "");
    device.flash().put("/main/app.py", APP);
    device.flash().put("/main/.version", version);
    device.network().accessPoint(SSID, PASSWORD);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code size} bytes of every value 0..255 in turn: binary, with NUL and CR LF bytes. */
  static byte[] binary(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 7 + i / 256);
    }
    return b;
  }

  /** Asserts the flash tree without the updater's own files, whose sizes change as it does. */
  static void assertAppTree(Device device, String expected) {
    String tree =
        Arrays.stream(device.flash().tree().split("\n"))
            .filter(line -> Arrays.stream(BOARD_FILES).noneMatch(f -> line.startsWith(f + "  ")))
            .map(line -> line + "\n")
            .collect(Collectors.joining());
    assertThat(tree).as("flash tree without %s", Arrays.toString(BOARD_FILES)).isEqualTo(expected);
  }
}
