package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Imports through a user VFS object that {@code os.mount} put on the board, as {@code mpremote
 * mount} does it: the board's import stats and reads a module's path through the VFS layer, so a
 * path under the mount point reaches the object (py/builtinimport.c, extmod/vfs.c).
 */
class MountedImportsTest {
  private static final String RAM_FS =
      """
      import io, os, sys

      class RamFS:
          def __init__(self, files):
              self.files = files
          def mount(self, readonly, mkfs):
              pass
          def umount(self):
              pass
          def stat(self, path):
              if path in self.files:
                  return (0x8000, 0, 0, 0, 0, 0, len(self.files[path]), 0, 0, 0)
              if path in ('/', '/pkg'):
                  return (0x4000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
              raise OSError(2)
          def open(self, path, mode):
              if path not in self.files:
                  raise OSError(2)
              return io.BytesIO(self.files[path].encode()) if 'b' in mode else io.StringIO(self.files[path])
          def ilistdir(self, path):
              return iter([])
          def chdir(self, path):
              self.cwd = path
          def getcwd(self):
              return self.cwd

      os.mount(RamFS({
          '/foo.py': "print('foo runs as', __name__)\\nX = 42\\n",
          '/bar.py': "Y = 'bar'\\n",
          '/pkg/__init__.py': "",
          '/pkg/mod.py': "Z = 'pkg.mod'\\n",
      }), '/remote')
      """;

  @ParameterizedTest
  @EnumSource(Engine.class)
  void importFindsModulesUnderTheMountPointThroughSysPathAndTheCwd(Engine engine) {
    // given: the host's module on the mount, a path entry into it, and the cwd in it
    Device device =
        Device.create(
            DeviceConfig.builder()
                .setEngine(engine)
                .setBootTimeLimit(Duration.ofSeconds(60))
                .build());
    device
        .flash()
        .put(
            "/main.py",
            RAM_FS
                + """
                sys.path.append('/remote')
                import foo
                print(foo.X)
                os.chdir('/remote')
                import bar
                from pkg import mod
                print(bar.Y, mod.Z, os.getcwd())
                try:
                    import nothere
                except ImportError as e:
                    print(e)
                """);

    // when
    BootResult boot = device.boot();

    // then
    assertThat(boot.console())
        .isEqualTo("foo runs as foo\n42\nbar pkg.mod /remote\nno module named 'nothere'\n");
    // the mount's files are no flash files: the import read nothing from the flash
    assertThat(device.flash().exists("/foo.py")).isFalse();
  }
}
