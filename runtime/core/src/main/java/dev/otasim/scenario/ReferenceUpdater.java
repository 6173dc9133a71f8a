package dev.otasim.scenario;

import dev.otasim.boot.Resources;
import dev.otasim.stubs.flash.Flash;
import java.util.List;

/**
 * Our reference updater from {@code python-src/}, packaged in the runtime jar: the files that go on
 * a board and the example app that goes in each release's {@code main/} folder.
 */
public final class ReferenceUpdater {
  /** Files of {@code python-src/} that are flashed onto the board. */
  public static final List<String> BOARD_FILES = List.of("ota_updater.py", "main.py");

  /** The example app, shipped as {@code main/app.py} in every release. */
  public static final String APP = "main/app.py";

  private ReferenceUpdater() {}

  /** The bytes of a {@code python-src/} file. */
  public static byte[] file(String name) {
    return Resources.bytes("dev/otasim/python-src/" + name);
  }

  /** Flashes the updater and {@code main.py} onto a board's root. */
  public static void flashOnto(Flash flash) {
    for (String name : BOARD_FILES) {
      flash.put("/" + name, file(name));
    }
  }
}
