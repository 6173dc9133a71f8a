package dev.otasim.device;

import dev.otasim.engine.graalpy.ModuleTable;

/**
 * Which names {@code import} resolves to built-in and frozen modules on a firmware, and when (spec
 * §20.1): the table the import hook uses, as text for {@code otasim lint}.
 */
public final class ImportTable {
  private ImportTable() {}

  /**
   * The table of {@code firmware} (such as {@code 1.27.0}): {@code name=module@when} entries joined
   * by commas, {@code when} one of {@code early}, {@code late} or {@code frozen}.
   */
  public static String of(dev.otasim.stubs.Firmware firmware) {
    return ModuleTable.describe(firmware);
  }
}
