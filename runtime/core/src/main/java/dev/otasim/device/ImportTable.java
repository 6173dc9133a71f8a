package dev.otasim.device;

import dev.otasim.stubs.Firmware;
import dev.otasim.stubs.modules.BoardModule;
import dev.otasim.stubs.modules.BoardModules;
import java.util.ArrayList;
import java.util.List;

/**
 * Which names {@code import} resolves to built-in and frozen modules on a firmware, and when (spec
 * §20.1): the rows of {@link BoardModules} that both engines' import hooks use, as text for {@code
 * otasim lint}.
 */
public final class ImportTable {
  private ImportTable() {}

  /**
   * The table of {@code firmware} (such as {@code 1.27.0}): {@code name=module@when} entries joined
   * by commas, {@code when} one of {@code early} (before the file system), {@code late} (only when
   * the file system has none) or {@code frozen}.
   */
  public static String of(Firmware firmware) {
    List<String> out = new ArrayList<>();
    for (BoardModule m : BoardModules.on(firmware)) {
      if (m.kind() == BoardModule.Kind.BUILTIN) {
        BoardModule.Import i = m.importOf(firmware);
        i.early().forEach(n -> out.add(n + "=" + i.name() + "@early"));
        i.late().forEach(n -> out.add(n + "=" + i.name() + "@late"));
      } else {
        out.add(m.name() + "=" + m.name() + "@frozen");
      }
    }
    return String.join(",", out);
  }
}
