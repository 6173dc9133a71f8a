package dev.otasim.stress;

import static dev.otasim.assertions.OtaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.engine.graalpy.SandboxProbe;
import dev.otasim.github.FakeGitHub;
import dev.otasim.junit.OtaSimulatorTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Device code that digs past its stubs on purpose. The Python import hook is fidelity only; the
 * boundary is the polyglot configuration (DESIGN §4), so every script here first reaches the host's
 * own {@code sys}, {@code posix} and {@code __import__} through {@code __subclasses__()} and then
 * tries to use them. Each prints {@code ESCAPED} only if the host capability worked; each boot must
 * end as an ordinary device outcome, never as a simulator crash.
 */
@OtaSimulatorTest(bootTimeLimitMillis = 15_000)
@Isolated // posix._exit unwinds its context as an internal ThreadDeath, not an exit, when other
// classes boot beside it (seen twice in full runs, never alone): the denial is pinned alone
class SandboxEscapeTest {
  /**
   * The host's sys, handed over by {@link SandboxProbe}: device code has no route of its own to it
   * any more ({@link HostInternals}), so the tests of the second line of defence start from it.
   */
  private static final String HOST =
      """
      host_sys = __host_sys__
      posix = host_sys.modules['posix']
      host_importlib = host_sys.modules['_frozen_importlib']
      def host_module(name):
          # the host's own import machinery: the import hook gives device code the board's
          # modules only, whatever globals it passes (host code imports through the same
          # machinery)
          m = host_importlib._gcd_import(name)
          return m
      """;

  private static BootResult bootWith(Device device, String script) {
    device.flash().put("/main.py", HOST + script);
    BootResult boot = SandboxProbe.withHostSys(device::boot);
    assertThat(boot.console()).doesNotContain("ESCAPED");
    return boot;
  }

  @Nested
  class HostFiles {
    @Test
    void subclassesReachTheHostsSysButItsPosixCannotListTheHostRoot(Device device) {
      BootResult boot = bootWith(device, "print('ESCAPED', posix.listdir('/'))\n");

      assertThat(boot)
          .endedWith(BootOutcome.EXCEPTION)
          .raised("PermissionError: (1, 'Operation not permitted')");
    }

    @Test
    void posixOpenOfEtcPasswdIsDenied(Device device) {
      BootResult boot =
          bootWith(
              device, "fd = posix.open('/etc/passwd', 0)\nprint('ESCAPED', posix.read(fd, 64))\n");

      assertThat(boot).raised("PermissionError: (1, 'Operation not permitted')");
    }

    @Test
    void statOfAHostFileIsDeniedSoNotEvenItsExistenceLeaks(Device device) {
      BootResult boot = bootWith(device, "print('ESCAPED', posix.stat('/etc/passwd'))\n");

      assertThat(boot).raised("PermissionError: (1, 'Operation not permitted')");
    }

    @Test
    void theDevicesOwnOpenAndListdirSeeOnlyTheFlash(Device device) {
      device.flash().put("/main.py", "import os\nprint(os.listdir('/'))\nopen('/etc/passwd')\n");

      BootResult boot = device.boot();

      assertThat(boot).raised("OSError: [Errno 2] ENOENT").printed("['main.py']\n");
    }

    @Test
    void theHostsIoOpenCannotReadEtcPasswd(Device device) {
      BootResult boot =
          bootWith(
              device, "io = host_module('io')\nprint('ESCAPED', io.open('/etc/passwd').read())\n");

      assertThat(boot).raised("PermissionError: (1, 'Operation not permitted')");
    }

    @Test
    void graalPysOwnStdlibIsReadableButNothingBesideIt(Device device) {
      // GraalPy reads its language home whatever IOAccess says (notes/graalpy-embedding.md §1.1.5);
      // that is its own read-only stdlib. Climbing out of it, or writing into it, is denied.
      BootResult boot =
          bootWith(
              device,
              """
              json = host_module('json')
              io = host_module('io')
              resources = host_module('importlib.resources')
              print('stdlib source', len(io.open(json.__file__).read()) > 1000)
              print('via importlib.resources',
                    'def dumps' in resources.files('json').joinpath('__init__.py').read_text())
              here = json.__file__.rsplit('/', 1)[0]
              for attempt in (
                  lambda: io.open(here + '/../../../../../../../../../etc/passwd').read(),
                  lambda: posix.listdir(here + '/../../../..'),
                  lambda: io.open(here + '/evil.py', 'w'),
                  lambda: io.open(json.__file__, 'a'),
              ):
                  try:
                      attempt()
                      print('ESCAPED')
                  except BaseException as e:
                      print('denied', type(e).__name__)
              """);

      assertThat(boot)
          .endedWith(BootOutcome.RETURNED)
          .printedExactly(
              """
              stdlib source True
              via importlib.resources True
              denied PermissionError
              denied PermissionError
              denied PermissionError
              denied PermissionError
              """);
    }
  }

  @Nested
  class Sockets {
    @Test
    void theHostsSocketModuleCannotReachTheFakeGitHubsRealPort(Device device, FakeGitHub github) {
      BootResult boot =
          bootWith(
              device,
              """
              socket = host_module('socket')
              s = socket.socket()
              s.connect(('127.0.0.1', %d))
              print('ESCAPED')
              """
                  .formatted(github.address().getPort()));

      assertThat(boot)
          .endedWith(BootOutcome.EXCEPTION)
          .raised("UnsupportedOperation: socket was excluded");
      assertThat(github.exchanges()).isEmpty();
    }

    @Test
    void theHostsRawSocketModuleIsExcludedToo(Device device) {
      BootResult boot = bootWith(device, "_socket = host_module('_socket')\n_socket.socket()\n");

      assertThat(boot).raised("UnsupportedOperation: socket was excluded");
    }

    @Test
    void theDevicesSocketHasNoRouteToLoopbackEvenOnTheFakeGitHubsPort(
        Device device, FakeGitHub github) {
      int port = github.address().getPort();
      device
          .flash()
          .put(
              "/main.py",
              "import socket\ns = socket.socket()\ns.connect(('127.0.0.1', %d))\nprint('ESCAPED')\n"
                  .formatted(port));

      BootResult boot = device.boot();

      assertThat(boot).raised("OSError: [Errno 113] ECONNABORTED");
      assertThat(device.board().diagnostics())
          .containsExactly("connect 127.0.0.1:" + port + ": no route to that address");
      assertThat(github.exchanges()).isEmpty();
    }
  }

  @Nested
  class ThreadsAndProcesses {
    // GraalPy refuses these with an internal error that unwinds the whole context: no guest
    // except or finally runs. The boot ends with a RuntimeError no board would print, and a note.

    @Test
    void startNewThreadEndsTheBootWithASandboxRuntimeError(Device device) {
      BootResult boot =
          bootWith(
              device,
              """
              _thread = host_module('_thread')
              try:
                  _thread.start_new_thread(print, ('ESCAPED',))
              except BaseException:
                  print('caught')
              finally:
                  print('finally')
              """);

      assertThat(boot)
          .endedWith(BootOutcome.EXCEPTION)
          .raised("RuntimeError: sandbox: thread creation denied")
          .printedExactly(
              """
              Traceback (most recent call last):
                File "main.py", line 12, in <module>
              RuntimeError: sandbox: thread creation denied
              """);
      assertThat(device.board().diagnostics())
          .containsExactly(
              "sandbox: device code attempted thread creation, which otasim denies (DESIGN.md §4);"
                  + " the boot ends with RuntimeError: sandbox: thread creation denied"
                  + " (java.lang.IllegalStateException: Creating threads is not allowed.)");
      assertThat(device.journal().text())
          .isEqualTo(
              "boot 1 cause=PWRON\nuncaught RuntimeError: sandbox: thread creation denied\n");
    }

    @Test
    void threadingThreadStartIsDeniedTheSameWay(Device device) {
      BootResult boot =
          bootWith(
              device,
              """
              threading = host_module('threading')
              def spawn():
                  threading.Thread(target=print, args=('ESCAPED',)).start()
              spawn()
              """);

      assertThat(boot)
          .raised("RuntimeError: sandbox: thread creation denied")
          .printedExactly(
              """
              Traceback (most recent call last):
                File "main.py", line 13, in <module>
                File "main.py", line 12, in spawn
              RuntimeError: sandbox: thread creation denied
              """);
    }

    @Test
    void posixSystemEndsTheBootWithASandboxRuntimeError(Device device) {
      BootResult boot = bootWith(device, "posix.system('echo ESCAPED')\n");

      assertThat(boot)
          .endedWith(BootOutcome.EXCEPTION)
          .raised("RuntimeError: sandbox: process creation denied");
      assertThat(device.board().diagnostics())
          .singleElement()
          .asString()
          .startsWith("sandbox: device code attempted process creation")
          .endsWith(
              "(java.lang.SecurityException: Process creation is not allowed, to enable it set"
                  + " Context.Builder.allowCreateProcess(true).)");
    }

    @Test
    void subprocessRunIsRefusedBeforeAnyProcessStarts(Device device) {
      BootResult boot =
          bootWith(device, "subprocess = host_module('subprocess')\nsubprocess.run(['true'])\n");

      assertThat(boot)
          .endedWith(BootOutcome.EXCEPTION)
          .raised("PermissionError: (1, 'Operation not permitted')")
          .printedExactly(
              """
              Traceback (most recent call last):
                File "main.py", line 11, in <module>
              PermissionError: (1, 'Operation not permitted')
              """);
    }

    @Test
    void posixExitEndsTheBootNotTheJvm(Device device) {
      BootResult boot = bootWith(device, "posix._exit(3)\nprint('ESCAPED')\n");

      assertThat(boot)
          .endedWith(BootOutcome.EXCEPTION)
          .raised("RuntimeError: sandbox: process exit denied");
      assertThat(device.board().diagnostics()).singleElement().asString().endsWith("(_exit(3))");
    }

    @Test
    void theHostsWorkingDirectoryIsDenied(Device device) {
      BootResult boot = bootWith(device, "os = host_module('os')\nprint('ESCAPED', os.getcwd())\n");

      assertThat(boot).raised("RuntimeError: sandbox: host access denied");
    }

    @Test
    void ctypesHasNoNativeBackend(Device device) {
      BootResult boot =
          bootWith(
              device,
              "ctypes = host_module('ctypes')\nprint('ESCAPED', ctypes.CDLL(None).getpid())\n");

      assertThat(boot).raised("ImportError: no module named '_ctypes'");
    }
  }

  @Nested
  class PolyglotInterop {
    @Test
    void javaTypeLooksUpNoHostClass(Device device) {
      BootResult boot =
          bootWith(
              device,
              "java = host_module('java')\n"
                  + "print('ESCAPED', java.type('java.lang.System').getProperty('user.home'))\n");

      assertThat(boot)
          .raised(
              "KeyError: host symbol java.lang.System is not defined or access has been denied");
    }

    @Test
    void theBootstrapsOriginalImportGivesJavaButNoClasses(Device device) {
      BootResult boot =
          bootWith(
              device,
              """
              original = host_sys.modules['__main__']._orig_import
              java = original('java')
              print('ESCAPED', java.type('java.io.File'))
              """);

      assertThat(boot)
          .raised("KeyError: host symbol java.io.File is not defined or access has been denied");
    }

    @Test
    void polyglotImportValueAndEvalAreNotAllowed(Device device) {
      BootResult boot =
          bootWith(
              device,
              """
              polyglot = host_module('polyglot')
              try:
                  print('ESCAPED', polyglot.import_value('anything'))
              except NotImplementedError as e:
                  print('import_value:', e)
              print('ESCAPED', polyglot.eval(language='js', string='1'))
              """);

      assertThat(boot)
          .raised("RuntimeError: polyglot access is not allowed")
          .printed("import_value: polyglot access is not allowed\n");
    }

    @Test
    void stubObjectsExposeOnlyTheirMicroPythonMethods(Device device) {
      // gc.get_objects() does not exist (neither on the board nor in GraalPy); the stub API
      // objects are still reachable through the host module, but only annotated methods answer.
      BootResult boot =
          bootWith(
              device,
              """
              api = host_sys.modules['_otasim'].builtin('os')._api._target
              for name in ('getClass', 'hashCode', 'toString', 'wait', 'board', 'flash', 'tree'):
                  try:
                      getattr(api, name)
                      print('ESCAPED', name)
                  except AttributeError as e:
                      print(e)
              import gc
              gc.get_objects()
              """);

      assertThat(boot)
          // MicroPython says "'module' object has no attribute 'get_objects'" (a fidelity gap)
          .raised("AttributeError: module 'gc' has no attribute 'get_objects'")
          .printed(
              """
              foreign object has no attribute 'getClass'
              foreign object has no attribute 'hashCode'
              foreign object has no attribute 'toString'
              foreign object has no attribute 'wait'
              foreign object has no attribute 'board'
              foreign object has no attribute 'flash'
              foreign object has no attribute 'tree'
              """);
    }
  }

  /**
   * Java objects device code reaches without the host's sys: a DeflateIO keeps its decoder, a
   * socket its guarded Java socket, as attributes. Only annotated methods answer, so each of those
   * must be safe with any argument: none may size a host allocation from device code's number, or
   * answer with a Java exception (its class names and text are the host's).
   */
  @Nested
  class JavaObjectsBehindShims {
    @Test
    void aDecodersInflateNeverAllocatesWhatItIsAskedForAndAnEndedOneReadsAsEmpty(Device device) {
      java.util.zip.Deflater deflater = new java.util.zip.Deflater();
      deflater.setInput(new byte[1 << 20]);
      deflater.finish();
      byte[] z = new byte[8192];
      byte[] archive = java.util.Arrays.copyOf(z, deflater.deflate(z));
      deflater.end();
      device.flash().put("/z", archive);

      BootResult boot =
          bootWith(
              device,
              """
              import deflate
              d = deflate.DeflateIO(open('z', 'rb'))
              d.read(1)
              j = d._in._s
              print(type(j).__name__)
              print(0 < len(j.inflate(2 ** 31 - 1)) <= 65536)
              j.end()
              print(repr(j.inflate(10)), j.finished(), j.needs_input(), repr(j.rest()))
              j.feed('more')
              print(repr(j.inflate(10)))
              """);

      assertThat(boot)
          .endedWith(BootOutcome.RETURNED)
          .printedExactly("ForeignObject\nTrue\n'' True False ''\n''\n");
    }

    @Test
    void aSocketsRecvAndReadNeverAllocateWhatTheyAreAskedFor(Device device) throws Exception {
      try (java.net.ServerSocket server =
          new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        Thread peer =
            new Thread(
                () -> {
                  try (java.net.Socket s = server.accept()) {
                    s.getOutputStream().write("0123456789abcdef".getBytes("ISO-8859-1"));
                  } catch (java.io.IOException e) {
                    // the test's assertions say what went wrong
                  }
                });
        peer.start();
        device
            .network()
            .host("peer.example", "203.0.113.7")
            .route("203.0.113.7", (java.net.InetSocketAddress) server.getLocalSocketAddress());

        BootResult boot =
            bootWith(
                device,
                """
                import network, socket, time
                w = network.WLAN(network.STA_IF)
                w.active(True)
                w.connect('home', 'pw')
                while not w.isconnected():
                    time.sleep_ms(100)
                s = socket.socket()
                s.connect(socket.getaddrinfo('peer.example', 80)[0][-1])
                j = s._s._target
                got = j.recv(2 ** 31 - 1)
                print(repr(got + j.read(2 ** 31 - 1)))
                """);
        peer.join();

        assertThat(boot).endedWith(BootOutcome.RETURNED).printedExactly("'0123456789abcdef'\n");
      }
    }
  }

  /** The serial line's client is outside the board: what it sends lands on the board's heap. */
  @Nested
  class SerialInput {
    @Test
    void aClientThatNeverStopsSendingFillsTheBoardsHeapNotTheHosts(Device device) {
      byte[] flood = "x".repeat(256).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      device
          .board()
          .setSerialLine(
              new dev.otasim.stubs.machine.Board.SerialLine() {
                @Override
                public byte[] read(int max) {
                  return java.util.Arrays.copyOf(flood, Math.min(max, flood.length));
                }

                @Override
                public void write(byte[] bytes) {}

                @Override
                public void interruptChar(int c) {}
              });

      BootResult boot =
          bootWith(
              device,
              """
              import sys
              for how in ('read', 'readline'):
                  try:
                      getattr(sys.stdin.buffer, how)()
                      print(how, 'returned')
                  except MemoryError:
                      print(how, 'MemoryError')
              try:
                  sys.stdin.buffer.read(10 ** 9)
              except MemoryError as e:
                  print(e)
              """);

      assertThat(boot)
          .endedWith(BootOutcome.RETURNED)
          .printedExactly(
              "read MemoryError\nreadline MemoryError\n"
                  + "memory allocation failed, allocating 1000000000 bytes\n");
    }
  }

  @Nested
  class ImportHook {
    @Test
    void execWithCustomGlobalsStillImportsAsTheDevice(Device device) {
      device
          .flash()
          .put(
              "/main.py",
              "exec(\"import posix\\nprint('ESCAPED', posix.listdir('/'))\", {'__builtins__': {}})\n");

      assertThat(device.boot()).raised("ImportError: no module named 'posix'");
    }

    @Test
    void builtinsReachedThroughExecAreTheDevicesOwn(Device device) {
      device
          .flash()
          .put(
              "/main.py",
              """
              g = {}
              exec('b = __builtins__', g)
              b = g['b'] if isinstance(g['b'], dict) else g['b'].__dict__
              posix = b['__import__']('posix')
              print('ESCAPED', posix.listdir('/'))
              """);

      assertThat(device.boot()).raised("ImportError: no module named 'posix'");
    }

    @Test
    void pokingSysModulesChangesOnlyTheDevicesModules(Device device) {
      device
          .flash()
          .put(
              "/main.py",
              """
              import sys
              sys.modules['os'] = None
              sys.modules['socket'] = None
              import posix
              """);

      assertThat(device.boot()).raised("ImportError: no module named 'posix'");
    }
  }

  /**
   * The interpreter looks names up in its own builtins whatever a frame's globals hold: device code
   * that runs with globals of its own, or drops names or its mark from its globals, still gets the
   * device's builtins and imports, never the host's.
   */
  @Nested
  class DeviceBuiltinsWhateverTheGlobals {
    private BootResult run(Device device, String script) {
      device.flash().put("/main.py", script);
      BootResult boot = device.boot();
      assertThat(boot.console()).doesNotContain("ESCAPED");
      return boot;
    }

    @Test
    void execLeavesTheDevicesBuiltinsInTheGlobalsItWasGiven(Device device) {
      BootResult boot =
          run(
              device,
              """
              g = {}
              exec('x = 1', g)
              b = g['__builtins__']
              print(type(b).__name__, b.__name__, hasattr(b, '__graalpython__'))
              b.__import__('posix')
              """);

      assertThat(boot)
          .raised("ImportError: no module named 'posix'")
          .printed("module builtins False\n");
    }

    @Test
    void codeRunningInsideExecFindsTheDevicesBuiltinsInItsGlobalsToo(Device device) {
      BootResult boot =
          run(
              device,
              """
              for separate in (False, True):
                  g = {}
                  def peek():
                      return g['__builtins__']
                  g['peek'] = peek
                  loc = {} if separate else g
                  exec('seen = peek()', g, loc)
                  print(separate, type(loc['seen']).__name__, eval('peek()', g, loc).__name__)
              """);

      assertThat(boot)
          .endedWith(BootOutcome.RETURNED)
          .printedExactly("False module builtins\nTrue module builtins\n");
    }

    @Test
    void aDictSubclassCannotLieAboutTheDeviceMark(Device device) {
      BootResult boot =
          run(
              device,
              """
              class Liar(dict):
                  def get(self, key, default=None):
                      return globals()['__mpy__'] if key == '__mpy__' else default
              exec("print('ESCAPED', getattr(print, '__globals__'))", Liar())
              """);

      assertThat(boot).raised("AttributeError: 'function' object has no attribute '__globals__'");
    }

    @Test
    void globalsWithoutTheMarkStillImportAsTheDevice(Device device) {
      assertThat(run(device, "globals().clear()\nimport posix\nprint('ESCAPED', posix)\n"))
          .raised("ImportError: no module named 'posix'");
      assertThat(run(device, "del globals()['__mpy__']\nimport posix\nprint('ESCAPED')\n"))
          .raised("ImportError: no module named 'posix'");
    }

    @Test
    void aFunctionMadeWithGlobalsOfItsOwnGetsTheDevicesBuiltins(Device device) {
      String made =
          "f = type(lambda: 0)(compile('%s', 'made', 'exec'), {})\nf()\nprint('ESCAPED')\n";

      assertThat(run(device, made.formatted("import posix")))
          .raised("ImportError: no module named 'posix'");
      assertThat(run(device, made.formatted("x = __import__(\"posix\")")))
          .raised("ImportError: no module named 'posix'");
      assertThat(run(device, made.formatted("x = getattr(__import__, \"__globals__\")")))
          .raised("AttributeError: 'function' object has no attribute '__globals__'");
    }

    @Test
    void aDeletedBuiltinIsNotTheHostsOne(Device device) {
      assertThat(run(device, "del getattr\nprint('ESCAPED', getattr(print, '__globals__'))\n"))
          .raised("AttributeError: 'function' object has no attribute '__globals__'");
      assertThat(run(device, "del __import__\nprint('ESCAPED', __import__('posix'))\n"))
          .raised("ImportError: no module named 'posix'");
      assertThat(run(device, "del exec\nexec('x = 5')\ndel globals\nprint(x, globals()['x'])\n"))
          .endedWith(BootOutcome.RETURNED)
          .printedExactly("5 5\n");
    }

    @Test
    void aNameTheBoardLacksIsNotTheHostsEvenWhereTheCodeMayBindIt(Device device) {
      assertThat(run(device, "if 0:\n    __graalpython__ = 1\nprint('ESCAPED', __graalpython__)\n"))
          .raised("NameError: name '__graalpython__' isn't defined");
      assertThat(run(device, "if 0:\n    vars = 1\nprint('ESCAPED', vars)\n"))
          .raised("NameError: name 'vars' isn't defined");
      assertThat(run(device, "def f():\n    vars = 3\n    return vars\nprint(f())\n"))
          .endedWith(BootOutcome.RETURNED)
          .printedExactly("3\n");
    }

    @Test
    void strSubclassesFormatAsTheBoardDoesHoweverFormatIsReached(Device device) {
      // py/objstr.c: a field with .attr or [key] is NotImplementedError, and str.format checks
      // that its first argument is a str itself (wasm probe: TypeError for a subclass)
      String script =
          """
          class S(str):
              pass
          s = S('{0.__globals__}')
          bound = s.format
          for attempt in (lambda: s.format(print), lambda: bound(print),
                          lambda: getattr(s, 'format')(print),
                          lambda: object.__getattribute__(s, 'format')(print),
                          lambda: super(S, s).format(print), lambda: str.format(s, print),
                          lambda: S.format(s, print), lambda: s.format_map({}),
                          lambda: object.__getattribute__(s, 'format_map')):
              try:
                  print('ESCAPED', attempt())
              except Exception as e:
                  print(type(e).__name__, e)
          print(S('{}-{}').format(1, 2), hasattr(s, 'format_map'), hasattr(S, 'format_map'))
          """;

      assertThat(run(device, script))
          .endedWith(BootOutcome.RETURNED)
          .printedExactly(
              """
              NotImplementedError attributes not supported
              NotImplementedError attributes not supported
              NotImplementedError attributes not supported
              NotImplementedError attributes not supported
              NotImplementedError attributes not supported
              TypeError argument should be a 'str' not a 'S'
              TypeError argument should be a 'str' not a 'S'
              AttributeError 'S' object has no attribute 'format_map'
              AttributeError 'S' object has no attribute 'format_map'
              1-2 False False
              """);
    }
  }

  /**
   * Routes from what a boot can name to the host's own Python: each must end at an attribute the
   * board does not have (or hides on its C functions), never at a host module. {@code
   * SandboxWalkTest} walks every such edge systematically.
   */
  @Nested
  class HostInternals {
    private BootResult run(Device device, String script) {
      device.flash().put("/main.py", script);
      BootResult boot = device.boot();
      assertThat(boot.console()).doesNotContain("ESCAPED");
      return boot;
    }

    @Test
    void subclassesOfObjectAreNotThereAsOnTheBoard(Device device) {
      assertThat(run(device, "print('ESCAPED', ().__class__.__base__.__subclasses__())\n"))
          .raised("AttributeError: type object 'tuple' has no attribute '__base__'");
      assertThat(run(device, "print('ESCAPED', object.__subclasses__())\n"))
          .raised("AttributeError: type object 'object' has no attribute '__subclasses__'");
    }

    @Test
    void aBuiltinsGlobalsAreHidden(Device device) {
      assertThat(run(device, "print('ESCAPED', print.__globals__['sys'])\n"))
          .raised("AttributeError: 'function' object has no attribute '__globals__'");
    }

    @Test
    void shimModulesCarryNoApiOrHost(Device device) {
      BootResult boot =
          run(
              device,
              """
              import os, socket, sys, gc
              for m in (os, socket, sys, gc):
                  for name in ('_api', '_host', '_cpy', '_alloc'):
                      print(m.__name__, name, hasattr(m, name))
              print(sorted(k for k in os.__dict__ if k.startswith('_')))
              print('ESCAPED', os._api)
              """);

      assertThat(boot)
          .raised("AttributeError: module 'os' has no attribute '_api'")
          .printed("os _api False\nos _host False\n")
          .printed("sys _cpy False\n")
          .printed("gc _alloc False\n")
          .printed("['__name__']\n");
    }

    @Test
    void aShimFunctionsGlobalsAreHiddenEvenThroughGetattr(Device device) {
      BootResult boot =
          run(
              device,
              """
              import os
              print(hasattr(os.listdir, '__globals__'), getattr(os.listdir, '__globals__', 'hidden'))
              print('ESCAPED', os.listdir.__globals__['_api'])
              """);

      assertThat(boot)
          .raised("AttributeError: 'function' object has no attribute '__globals__'")
          .printed("False hidden\n");
    }

    @Test
    void theDevicesOwnFunctionsKeepTheirGlobalsAsOnTheBoard(Device device) {
      BootResult boot =
          run(device, "def f():\n    pass\nprint(f.__globals__ is globals(), f.__name__)\n");

      assertThat(boot).endedWith(BootOutcome.RETURNED).printedExactly("True f\n");
    }

    @Test
    void objectGetattributeDoesNotGetRoundTheRule(Device device) {
      assertThat(run(device, "print('ESCAPED', object.__getattribute__(print, '__globals__'))\n"))
          .raised("AttributeError: 'function' object has no attribute '__globals__'");
      assertThat(run(device, "print('ESCAPED', type(print).__dict__)\n"))
          .raised("AttributeError: type object 'function' has no attribute '__dict__'");
    }

    @Test
    void formatFieldsCannotLookUpAttributesAsOnTheBoard(Device device) {
      // py/objstr.c: a replacement field with .attr or [index] is NotImplementedError on the
      // board; on GraalPy str.format would look it up past the attribute rules
      String raised = "NotImplementedError: attributes not supported";
      assertThat(run(device, "print('ESCAPED', '{0.__globals__}'.format(print))\n")).raised(raised);
      assertThat(run(device, "s = '{0.__glo' + 'bals__}'\nprint('ESCAPED', s.format(print))\n"))
          .raised(raised);
      assertThat(run(device, "print('ESCAPED', str.format('{0.__globals__}', print))\n"))
          .raised(raised);
      assertThat(
              run(device, "f = getattr('{0.__globals__}', 'format')\nprint('ESCAPED', f(print))\n"))
          .raised(raised);
      assertThat(run(device, "print('ESCAPED', '{0:{1.real}}'.format(5, 3))\n")).raised(raised);
      assertThat(run(device, "print('ESCAPED', b'{0[0]}'.format([1]))\n")).raised(raised);
      // the wrappers standing in for str.format reach no host globals and name no host class
      assertThat(run(device, "print('ESCAPED', str.format.__globals__)\n"))
          .raised("AttributeError: 'function' object has no attribute '__globals__'");
      assertThat(run(device, "s = '{}'\nprint('ESCAPED', s.format.__call__.__globals__)\n"))
          .raised("AttributeError: 'method' object has no attribute '__globals__'");
      assertThat(
              run(
                  device,
                  "s = '{}'\nfor r in (repr(s.format), repr(' '.join)):\n"
                      + "    print(r[:13] + r[r.index(' ', 14):])\n"))
          .endedWith(BootOutcome.RETURNED)
          .printedExactly("<bound_method '{}'.<function>>\n<bound_method ' '.<function>>\n");
      assertThat(run(device, "print('{0:>{1}}|{a!r}'.format(5, 3, a='x'))\n"))
          .endedWith(BootOutcome.RETURNED)
          .printedExactly("  5|'x'\n");
    }

    @Test
    void aHostFunctionsCodeCannotBeReplaced(Device device) {
      assertThat(run(device, "def f():\n    pass\nprint.__code__ = f.__code__\n"))
          .raised("AttributeError: 'function' object has no attribute '__code__'");
      assertThat(run(device, "def f():\n    pass\nsetattr(print, '__code__', None)\n"))
          .raised("AttributeError: 'function' object has no attribute '__code__'");
      assertThat(run(device, "object.__setattr__(print, '__defaults__', (1,))\n"))
          .raised("AttributeError: 'function' object has no attribute '__defaults__'");
    }

    @Test
    void tracebacksAndFramesAreNotThere(Device device) {
      BootResult boot =
          run(
              device,
              """
              def g():
                  yield 1
              for attempt in (lambda: g().gi_frame, lambda: len.__self__):
                  try:
                      attempt()
                      print('ESCAPED')
                  except AttributeError as e:
                      print(e)
              try:
                  1 / 0
              except ZeroDivisionError as e:
                  print('ESCAPED', e.__traceback__.tb_frame.f_back.f_globals)
              """);

      assertThat(boot)
          .raised("AttributeError: 'ZeroDivisionError' object has no attribute '__traceback__'")
          .printed(
              "'generator' object has no attribute 'gi_frame'\n"
                  + "'builtin_function_or_method' object has no attribute '__self__'\n");
    }

    @Test
    void graalPythonIsNotANameOnTheBoard(Device device) {
      assertThat(run(device, "print('ESCAPED', __graalpython__)\n"))
          .raised("NameError: name '__graalpython__' isn't defined");
      assertThat(run(device, "import builtins\nprint('ESCAPED', builtins.__graalpython__)\n"))
          .raised("AttributeError: module 'builtins' has no attribute '__graalpython__'");
    }

    @Test
    void theBuiltinsOfGlobalsAreTheDevicesModule(Device device) {
      assertThat(
              run(
                  device,
                  "b = globals()['__builtins__']\nprint(b.__name__, hasattr(b, '__graalpython__'))\n"
                      + "b.__import__('posix')\n"))
          .raised("ImportError: no module named 'posix'")
          .printed("builtins False\n");
    }

    @Test
    void theCodeCacheCannotBeWrittenFromABoot(Device device) {
      // even from the host's own sys, the cache offers the code of a source and nothing else
      device.flash().put("/lib.py", "print('lib as written')\n");
      device
          .flash()
          .put(
              "/main.py",
              """
              host_sys = __host_sys__
              host = host_sys.modules['__main__']
              cache = host._code_cache
              for name in ('put', 'get', 'entries', 'compiler'):
                  try:
                      getattr(cache, name)
                      print('ESCAPED', name)
                  except AttributeError as e:
                      print(e)
              # a boot can change its own compiler, but misses are compiled elsewhere
              host._dialect.device_compile = lambda *a: compile("print('TAMPERED')", 'x', 'exec')
              import lib
              """);

      BootResult first = SandboxProbe.withHostSys(device::boot);
      Device other = Device.create();
      other.flash().put("/main.py", "import lib\n");
      other.flash().put("/lib.py", "print('lib as written')\n");

      assertThat(first)
          .printed("foreign object has no attribute 'put'\n")
          .printed("lib as written\n");
      assertThat(other.boot().console()).isEqualTo("lib as written\n");
    }
  }
}
