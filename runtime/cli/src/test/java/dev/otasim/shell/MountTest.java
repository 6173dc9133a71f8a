package dev.otasim.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code os.mount} of a user VFS object and the {@code vfs} module (extmod/vfs.c, modvfs.c), driven
 * over the raw REPL as mpremote drives them: {@code mpremote mount} mounts an object written in
 * Python at {@code /remote}, and {@code mpremote df} lists the mount table with {@code statvfs}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class MountTest {
  /** A VFS object in device Python, as mpremote's RemoteFS is one: files in a dict. */
  static final String RAM_VFS =
      """
      class RamFile:
          def __init__(self, fs, path, mode):
              self.fs, self.path, self.mode = fs, path, mode
              self.data = b'' if 'w' in mode else fs.files[path]
              self.pos = 0
          def read(self, n=-1):
              d = self.data[self.pos:] if n < 0 else self.data[self.pos:self.pos + n]
              self.pos += len(d)
              return d if 'b' in self.mode else str(d, 'utf8')
          def write(self, b):
              self.data += b if isinstance(b, bytes) else bytes(b, 'utf8')
              return len(b)
          def close(self):
              if 'w' in self.mode:
                  self.fs.files[self.path] = self.data
          def __enter__(self):
              return self
          def __exit__(self, *a):
              self.close()

      class RamFS:
          def __init__(self):
              self.files = {}
              self.cwd = '/'
              self.calls = []
          def mount(self, readonly, mkfs):
              self.calls.append(('mount', readonly, mkfs))
          def umount(self):
              self.calls.append(('umount',))
          def _abs(self, p):
              return p if p.startswith('/') else self.cwd + p
          def open(self, path, mode):
              self.calls.append(('open', path, mode))
              p = self._abs(path)
              if 'r' in mode and p not in self.files:
                  raise OSError(2)
              return RamFile(self, p, mode)
          def stat(self, path):
              self.calls.append(('stat', path))
              p = self._abs(path)
              if p == '/':
                  return (0x4000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
              if p not in self.files:
                  raise OSError(2)
              return (0x8000, 0, 0, 0, 0, 0, len(self.files[p]), 0, 0, 0)
          def ilistdir(self, path):
              self.calls.append(('ilistdir', path))
              return iter([(n[1:], 0x8000, 0) for n in sorted(self.files)])
          def chdir(self, path):
              self.calls.append(('chdir', path))
              self.cwd = path if path.endswith('/') else path + '/'
          def getcwd(self):
              return self.cwd
          def remove(self, path):
              del self.files[self._abs(path)]
          def rename(self, a, b):
              self.files[self._abs(b)] = self.files.pop(self._abs(a))
          def statvfs(self, path):
              return (1024, 1024, 100, 75, 75, 0, 0, 0, 0, 255)
      """;

  Device device;
  SocketSerial serial;
  Thread board;
  RawReplClient c;

  @BeforeAll
  void start() {
    device = Device.create(DeviceConfig.builder().build());
    device.flash().put("/main.py", "print('flash main')\n");
    serial = SocketSerial.listen(0);
    SerialRepl repl = SerialRepl.create(device);
    board = new Thread(() -> repl.run(serial), "board");
    board.setDaemon(true);
    board.start();
    c = new RawReplClient(serial.port());
    c.readUntil(">>> ", 200_000);
    c.enterRawRepl(false);
    c.exec(RAM_VFS);
  }

  @AfterAll
  void stop() throws InterruptedException {
    c.close();
    serial.close();
    board.join(30_000);
  }

  @Test
  void aMountedObjectGetsThePathsUnderItsMountPoint() {
    String journalBefore = device.journal().text();
    assertThat(
            c.exec(
                """
                import os
                fs = RamFS()
                os.mount(fs, '/ram')
                with open('/ram/a.txt', 'w') as f:
                    f.write('hello')
                print(open('/ram/a.txt').read())
                print(os.listdir('/ram'), os.stat('/ram/a.txt')[6])
                print(os.listdir('/')[0], os.listdir('/').count('main.py'))
                os.chdir('/ram')
                print(os.getcwd(), open('a.txt').read())
                with open('mod.py', 'w') as f:
                    f.write('WHERE = "ram"\\n')
                import mod
                print(mod.WHERE)
                os.chdir('/')
                print(os.getcwd(), os.listdir('').count('main.py'))
                print(os.statvfs('/ram')[:4])
                print(fs.calls[:3])
                """))
        .isEqualTo(
            "hello\r\n['a.txt'] 5\r\nram 1\r\n/ram hello\r\nram\r\n/ 1\r\n"
                + "(1024, 1024, 100, 75)\r\n"
                + "[('mount', False, False), ('open', '/a.txt', 'w'), ('open', '/a.txt', 'r')]\r\n");
    // the object's files are not the flash's: nothing of them reaches the flash or its journal
    assertThat(device.flash().exists("/a.txt")).isFalse();
    assertThat(device.journal().text().substring(journalBefore.length())).doesNotContain("a.txt");
    // a mount point in use, a point nothing is mounted on, a rename across mount points
    assertThat(
            c.exec(
                """
                for f in (lambda: os.mount(RamFS(), '/ram'), lambda: os.umount('/nope'),
                          lambda: os.rename('/ram/a.txt', '/a.txt')):
                    try:
                        f()
                    except OSError as e:
                        print(e.errno)
                os.chdir('/ram')
                os.umount(fs)
                print(os.getcwd(), fs.calls[-1], 'ram' in os.listdir('/'))
                """))
        .isEqualTo("1\r\n22\r\n1\r\n/ ('umount',) False\r\n");
  }

  @Test
  void theVfsModuleListsTheMountsAsMpremoteDfReadsThem() {
    // mpremote's df, byte for byte (tools/mpremote/mpremote/main.py, v1.27)
    String df =
        """
        import os,vfs
        _f = "{:<10}{:>9}{:>9}{:>9}{:>5} {}"
        print(_f.format("filesystem", "size", "used", "avail", "use%", "mounted on"))
        try:
         _ms = vfs.mount()
        except:
         _ms = []
         for _m in [""] + os.listdir("/"):
          _m = "/" + _m
          _s = os.stat(_m)
          if _s[0] & 1 << 14:
           _ms.append(("<unknown>",_m))
        for _v,_p in _ms:
         _s = os.statvfs(_p)
         _sz = _s[0]*_s[2]
         if _sz:
          _av = _s[0]*_s[3]
          _us = 100*(_sz-_av)//_sz
          print(_f.format(str(_v), _sz, _sz-_av, _av, _us, _p))
        """;
    String out = c.exec(df);
    long[] s = statvfs();
    long size = s[0] * s[2];
    long avail = s[0] * s[3];
    assertThat(out)
        .isEqualTo(
            String.format(
                "filesystem     size     used    avail use%% mounted on\r\n"
                    + "%-10s%9d%9d%9d%5d %s\r\n",
                "<VfsLfs2>", size, size - avail, avail, 100 * (size - avail) / size, "/"));
    assertThat(c.exec("import vfs, os\nprint(vfs.mount is os.mount, vfs.VfsLfs2 is os.VfsLfs2)"))
        .isEqualTo("True True\r\n");
  }

  @Test
  void deviceCodeSpeaksBytesOverTheLineAsMpremoteMountDoes() {
    // mpremote's mount serves files over the line while code runs: the code turns Ctrl-C off,
    // writes requests through sys.stdout.buffer and reads answers from sys.stdin.buffer
    c.execRawNoFollow(
        """
        import sys, micropython
        micropython.kbd_intr(-1)
        sys.stdout.buffer.write(b'\\x18\\x03\\n\\x00ab', 4)
        buf = bytearray(4)
        n = sys.stdin.buffer.readinto(buf, 4)
        micropython.kbd_intr(3)
        print(n, bytes(buf))
        """);
    // the bytes as they are: no \r before the \n, as a binary stream is not cooked
    assertThat(c.read(4)).containsExactly(0x18, 3, '\n', 0);
    // a Ctrl-C among the answer's bytes is data while the interrupt character is off
    c.write(new byte[] {3, '\n', '\r', 0});
    assertThat(c.follow()).containsExactly("4 b'\\x03\\n\\r\\x00'\r\n", "");
  }

  long[] statvfs() {
    String t = c.exec("import os\nprint(' '.join(str(x) for x in os.statvfs('/')))").strip();
    String[] parts = t.split(" ");
    long[] out = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Long.parseLong(parts[i]);
    }
    return out;
  }
}
