package dev.otasim.scenario;

import dev.otasim.boot.Resources;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.github.FakeGitHub;
import dev.otasim.sweep.OtaInvariants;

/**
 * The article's updater taken literally (a fixture we wrote, {@code dev/otasim/fixtures/naive}):
 * the updater lives in {@code main/}, and installing deletes {@code main/} before renaming {@code
 * next/} into its place. A power cut in between leaves a board that cannot import its updater: the
 * brick window the sweep must find.
 */
public final class NaiveScenario extends BoardScenario {
  static final String REPO = "owner/app";
  private static final String[] APP_FILES = {"main/ota_updater.py", "main/app.py"};

  private NaiveScenario() {
    super(NaiveScenario::publish, DeviceConfig.esp32(), NaiveScenario::flash);
  }

  private static void publish(FakeGitHub github) {
    byte[] updater = fixture("main/ota_updater.py");
    byte[] app = fixture("main/app.py");
    github
        .repository(REPO)
        .release("v1.0.0", t -> t.file("main/ota_updater.py", updater).file("main/app.py", app))
        .release(
            "v1.1.0",
            t ->
                t.file("main/ota_updater.py", updater)
                    .file("main/app.py", app)
                    .file("main/lib/greeting.py", "GREETING = 'hello from v1.1.0'\n"));
  }

  private static void flash(Device device) {
    device.network().accessPoint("home", "secret");
    device.flash().put("/main.py", fixture("main.py"));
    for (String f : APP_FILES) {
      device.flash().put("/" + f, fixture(f));
    }
    device.flash().put("/main/.version", "v1.0.0");
  }

  public static NaiveScenario create() {
    return new NaiveScenario();
  }

  /** What recovered means for this layout. */
  public static OtaInvariants invariants() {
    try (NaiveScenario s = new NaiveScenario()) {
      return OtaInvariants.builder()
          .setOldVersion("v1.0.0")
          .setNewVersion("v1.1.0")
          .release("v1.0.0", s.github().repository(REPO).files("v1.0.0", "main"))
          .release("v1.1.0", s.github().repository(REPO).files("v1.1.0", "main"))
          .build();
    }
  }

  static byte[] fixture(String name) {
    return Resources.bytes("dev/otasim/fixtures/naive/" + name);
  }
}
