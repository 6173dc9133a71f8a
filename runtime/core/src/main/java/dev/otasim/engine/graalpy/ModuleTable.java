package dev.otasim.engine.graalpy;

import dev.otasim.stubs.Firmware;
import dev.otasim.stubs.machine.Board;
import dev.otasim.stubs.modules.Adapter;
import dev.otasim.stubs.modules.BoardModule;
import dev.otasim.stubs.modules.BoardModules;
import dev.otasim.stubs.modules.os.OsModule;
import dev.otasim.stubs.modules.socket.SocketModule;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;

/**
 * Registers the modules a boot's device code can import, as {@link BoardModules} lists them for the
 * board's firmware (spec §14, §20), with the bootstrap of a fresh context. Anything else is an
 * ImportError unless a {@code .py} file on the flash provides it.
 */
public final class ModuleTable {
  private ModuleTable() {}

  /** The per-boot Java objects behind the shims, one per {@link Adapter}. */
  record Apis(Map<Adapter, Object> objects) {
    static Apis of(Board board, SocketModule socket) {
      Map<Adapter, Object> objects = new EnumMap<>(Adapter.class);
      for (Adapter a : Adapter.values()) {
        objects.put(a, a == Adapter.SOCKET ? socket : a.create(board));
      }
      return new Apis(objects);
    }

    OsModule os() {
      return (OsModule) objects.get(Adapter.OS);
    }

    Object get(Adapter adapter) {
      return adapter == null ? null : objects.get(adapter);
    }
  }

  /** Registers every module the firmware has with the bootstrap of a fresh context. */
  static void install(Value host, Apis apis, Firmware firmware) {
    install(host, apis, firmware, CodeCache.SHARED.view());
  }

  /**
   * Registers the modules; the boot's code comes from {@code code} (see {@link CodeCache}). The
   * dialect has been evaluated into the bootstrap's module ({@link WarmContext#startBoot}).
   */
  static void install(Value host, Apis apis, Firmware firmware, CodeCache.View code) {
    host.invokeMember("install_dialect", code);
    host.invokeMember(
        "set_firmware", firmware.toString(), firmware.major(), firmware.minor(), firmware.patch());
    List<BoardModule> modules = BoardModules.on(firmware);
    for (BoardModule m : modules) {
      if (m.kind() != BoardModule.Kind.BUILTIN) {
        continue;
      }
      StringBuilder source = new StringBuilder();
      for (String resource : m.sources()) {
        source.append(PythonEngine.resource(resource)).append('\n');
      }
      BoardModule.Import how = m.importOf(firmware);
      host.invokeMember(
          "register_builtin",
          how.name(),
          (Object) how.early().toArray(new String[0]),
          apis.get(m.adapter()),
          source.toString(),
          "<otasim:" + how.name() + ">",
          (Object) how.late().toArray(new String[0]));
    }
    for (BoardModule m : modules) {
      if (m.kind() == BoardModule.Kind.FROZEN) {
        String source = PythonEngine.resource(m.sources().get(0));
        host.invokeMember("register_frozen", m.name(), source, m.name() + ".py");
      }
    }
    host.invokeMember("set_loader", apis.os());
    host.invokeMember("finish_setup");
  }
}
