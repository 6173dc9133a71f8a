package dev.otasim.scenario;

import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.github.FakeGitHub;
import java.nio.charset.StandardCharsets;

/**
 * The article's update cycle as a ready-made scenario: a board running {@code v1.0.0} of {@code
 * owner/app} with the reference updater, and a fake GitHub that has just published {@code v1.1.0}.
 * The demo command and the tests both start from here.
 */
public final class DemoScenario extends BoardScenario {
  /** The repository the board follows. */
  public static final String REPO = "owner/app";

  /** The Wi-Fi the board is configured for. */
  public static final String SSID = "home";

  public static final String PASSWORD = "secret";

  private DemoScenario(DeviceConfig config) {
    super(DemoScenario::publish, config, DemoScenario::flash);
  }

  private static void publish(FakeGitHub github) {
    byte[] app = ReferenceUpdater.file(ReferenceUpdater.APP);
    github
        .repository(REPO)
        .release("v1.0.0", t -> t.file("main/app.py", app).file("README.md", "# app\n"))
        .release(
            "v1.1.0",
            t ->
                t.file("main/app.py", app)
                    .file("main/lib/greeting.py", "GREETING = 'hello from v1.1.0'\n")
                    .file("README.md", "# app\n"));
  }

  private static void flash(Device device) {
    byte[] app = ReferenceUpdater.file(ReferenceUpdater.APP);
    device.network().accessPoint(SSID, PASSWORD);
    ReferenceUpdater.flashOnto(device.flash());
    device
        .flash()
        .put(
            "/ota_config.json",
            ("{\"repo\": \""
                    + REPO
                    + "\", \"ssid\": \""
                    + SSID
                    + "\", \"password\": \""
                    + PASSWORD
                    + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    device.flash().put("/main/app.py", app);
    device.flash().put("/main/.version", "v1.0.0");
  }

  /** The scenario on a default ESP32. */
  public static DemoScenario create() {
    return new DemoScenario(DeviceConfig.esp32());
  }

  /** The scenario on a board with this configuration. */
  public static DemoScenario create(DeviceConfig config) {
    return new DemoScenario(config);
  }
}
