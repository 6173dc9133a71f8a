package dev.otasim.engine.micropython;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ImportSection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One instance of the real MicroPython VM (the emscripten build of ports/webassembly, v1.27.0) in
 * Chicory. The wasm's imports are what emscripten's JavaScript glue would give it, written here in
 * Java: setjmp/longjmp (MicroPython's nlr) through the {@code invoke_*} trampolines, stdout, the
 * clock, heap growth, and the part of the JS-proxy protocol ({@code ports/webassembly/proxy_js.js},
 * {@code objjsproxy.c}) that a host module needs: one object, {@code _otasim}, with one function,
 * {@code call}, that goes to {@link Host#call}.
 *
 * <p>An instance is used for one boot and then dropped: a stop unwinds out of the wasm as a Java
 * exception and leaves the VM's C state where it was.
 */
final class MicroPythonVm {
  /** What the VM calls on its host. */
  interface Host {
    /** Bytes written to stdout or stderr. */
    void console(byte[] bytes);

    /** {@code mp_hal_ticks_ms}. */
    long ticksMs();

    /** {@code mp_hal_time_ms}: milliseconds since 1970. */
    double timeMs();

    /**
     * {@code _otasim.call(*args)}: args are null, Boolean, Integer, Double, String or {@link CRef};
     * the result is one of null, Boolean, Integer, Double, String.
     */
    Object call(List<Object> args);
  }

  /** A MicroPython object the VM handed out by reference (a callable, say). */
  record CRef(int kind, int ref) {}

  /** The Python exception that an exec or a call ended with, as the VM printed it. */
  static final class PythonError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PythonError(String text) {
      super(text, null, false, false);
    }
  }

  /**
   * A wasm import otasim does not implement was called: only the port's JavaScript modules ({@code
   * js}, {@code jsffi}) call them, and the board has neither. The boot ends with the board's
   * ImportError for them; the VM cannot go on past a host function that did not return.
   */
  static final class PortModuleUsed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortModuleUsed(String wasmImport) {
      super(
          "the wasm import " + wasmImport + " (the port's JavaScript modules)", null, false, false);
    }

    /** The exception as the board would have raised it at the import. */
    static String boardError() {
      return "ImportError: no module named 'jsffi'";
    }

    /** The one in a chain of causes (Chicory may wrap what a host function throws), or null. */
    static PortModuleUsed in(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof PortModuleUsed p) {
          return p;
        }
      }
      return null;
    }
  }

  /** emscripten's longjmp, thrown by {@code _emscripten_throw_longjmp}, caught by invoke_*. */
  private static final class LongJmp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LongJmp() {
      super(null, null, false, false);
    }
  }

  // JS-proxy kinds (ports/webassembly/proxy_c.c)
  private static final int JS_NULL = 1;
  private static final int JS_BOOLEAN = 2;
  private static final int JS_INTEGER = 3;
  private static final int JS_DOUBLE = 4;
  private static final int JS_STRING = 5;
  private static final int JS_OBJECT_EXISTING = 6;
  private static final int JS_OBJECT = 7;
  private static final int MP_EXCEPTION = -1;

  /** JS refs 0 and 1 are globalThis and undefined; these are ours. */
  private static final int REF_MODULE = 2;

  private static final int REF_CALL = 3;

  /** Pages the VM may grow its memory to: the split heap grows until a boot ends (no GC inside). */
  private static final int MAX_PAGES = 4096;

  /**
   * The body of {@code gc_get_max_new_split} (ports/webassembly/main.c) in the pinned wasm, the one
   * function that is {@code i32.const 134217728} alone: the largest new heap area the port may add,
   * 128 MiB. Its size byte, no locals, the constant, end.
   */
  private static final byte[] MAX_NEW_SPLIT_BODY = {
    0x08, 0x00, 0x41, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0xc0, 0x00, 0x0b
  };

  /**
   * Where the patched {@code gc_get_max_new_split} reads the board's value: below emscripten's
   * static data (GLOBAL_BASE 1024), which nothing else uses.
   */
  private static final int MAX_NEW_SPLIT_ADDRESS = 8;

  /** The same size: {@code i32.const 8} (a padded LEB), {@code i32.load}, end. */
  private static final byte[] MAX_NEW_SPLIT_PATCH = {
    0x08, 0x00, 0x41, (byte) (0x80 | MAX_NEW_SPLIT_ADDRESS), 0x00, 0x28, 0x02, 0x00, 0x0b
  };

  private static volatile Loaded loaded;

  private record Loaded(WasmModule module, Function<Instance, Machine> machines) {}

  private final Host host;
  private final Instance instance;
  private final Set<Integer> liveProxies = new HashSet<>();
  private final ExportFunction malloc;
  private final ExportFunction free;

  private MicroPythonVm(Host host) {
    this.host = host;
    Loaded l = load();
    List<ImportFunction> fns = new ArrayList<>();
    ImportSection imports = l.module.importSection();
    for (int i = 0; i < imports.importCount(); i++) {
      Import imp = imports.getImport(i);
      if (imp instanceof FunctionImport f) {
        FunctionType type = l.module.typeSection().getType(f.typeIndex());
        String name = imp.name();
        fns.add(new HostFunction(imp.module(), name, type, (in, a) -> handle(name, in, a)));
      }
    }
    Instance.Builder b =
        Instance.builder(l.module)
            .withImportValues(ImportValues.builder().withFunctions(fns).build());
    if (l.machines != null) {
      b = b.withMachineFactory(l.machines);
    }
    this.instance = b.build();
    this.malloc = instance.export("malloc");
    this.free = instance.export("free");
  }

  /**
   * Parses the wasm and compiles it to JVM bytecode, once per JVM (seconds; a boot's instance then
   * takes milliseconds). {@code -Dotasim.micropython.interpret=true} skips the compiler.
   */
  static void preload() {
    load();
  }

  private static Loaded load() {
    Loaded l = loaded;
    if (l == null) {
      synchronized (MicroPythonVm.class) {
        l = loaded;
        if (l == null) {
          WasmModule module = Parser.parse(withBoardHeap(WasmArtifact.bytes()));
          Function<Instance, Machine> machines =
              Boolean.getBoolean("otasim.micropython.interpret")
                  ? null
                  : MachineFactoryCompiler.compile(module);
          l = new Loaded(module, machines);
          loaded = l;
        }
      }
    }
    return l;
  }

  /**
   * The wasm with {@code gc_get_max_new_split} reading its answer from memory: the board's largest
   * free block of the IDF heap (spec §11), where the port says 128 MiB. The VM's own {@code
   * gc_try_add_heap} then refuses an area the board could not give, so a big allocation fails with
   * the VM's own MemoryError, and its own {@code gc.mem_free()} (free bytes in the heap areas plus
   * that block, py/modgc.c) counts as the board's does.
   */
  private static byte[] withBoardHeap(byte[] wasm) {
    int at = -1;
    for (int i = 0; i + MAX_NEW_SPLIT_BODY.length <= wasm.length; i++) {
      if (Arrays.equals(
          wasm,
          i,
          i + MAX_NEW_SPLIT_BODY.length,
          MAX_NEW_SPLIT_BODY,
          0,
          MAX_NEW_SPLIT_BODY.length)) {
        if (at >= 0) {
          throw new IllegalStateException("gc_get_max_new_split is not unique in the wasm");
        }
        at = i;
      }
    }
    if (at < 0) {
      throw new IllegalStateException("gc_get_max_new_split is not in the wasm");
    }
    byte[] patched = wasm.clone();
    System.arraycopy(MAX_NEW_SPLIT_PATCH, 0, patched, at, MAX_NEW_SPLIT_PATCH.length);
    return patched;
  }

  /**
   * A fresh VM whose first heap area is {@code heapBytes} and whose heap grows by areas of at most
   * {@code maxNewSplit} bytes; {@code _otasim} is importable.
   */
  static MicroPythonVm start(Host host, int heapBytes, int maxNewSplit) {
    MicroPythonVm vm = new MicroPythonVm(host);
    vm.instance.memory().writeI32(MAX_NEW_SPLIT_ADDRESS, maxNewSplit);
    vm.instance.export("emscripten_stack_init").apply();
    vm.instance.export("__wasm_call_ctors").apply();
    vm.instance.export("mp_js_init").apply(16 * 1024, heapBytes);
    vm.instance.export("proxy_c_init").apply();
    int name = vm.cString("_otasim");
    int value = vm.alloc(12);
    vm.writeObject(value, REF_MODULE);
    vm.instance.export("mp_js_register_js_module").apply(name, value);
    vm.free(name);
    vm.free(value);
    return vm;
  }

  /** Runs source in {@code __main__}; a Python exception comes back as {@link PythonError}. */
  Object exec(String source) {
    byte[] b = source.getBytes(StandardCharsets.UTF_8);
    int buf = alloc(b.length + 1);
    instance.memory().write(buf, b);
    instance.memory().writeByte(buf + b.length, (byte) 0);
    int out = alloc(12);
    try {
      instance.export("mp_js_do_exec").apply(buf, b.length, out);
      return readResult(out);
    } finally {
      free(buf);
      free(out);
    }
  }

  /** Calls a Python callable the VM handed to {@link Host#call} with string arguments. */
  Object call(CRef callable, String... args) {
    int argv = alloc(12 * Math.max(1, args.length));
    for (int i = 0; i < args.length; i++) {
      writeString(argv + 12 * i, args[i]);
    }
    int out = alloc(12);
    try {
      instance.export("proxy_c_to_js_call").apply(callable.ref(), args.length, argv, out);
      return readResult(out);
    } finally {
      free(argv);
      free(out);
    }
  }

  private Object readResult(int out) {
    Memory m = instance.memory();
    if (m.readInt(out) == MP_EXCEPTION) {
      int len = m.readInt(out + 4);
      int ptr = m.readInt(out + 8);
      String text = m.readString(ptr, len, StandardCharsets.UTF_8);
      free(ptr);
      // "<type name>\x04<the exception as printed, traceback included>"
      int sep = text.indexOf('\u0004');
      throw new PythonError(sep < 0 ? text : text.substring(sep + 1));
    }
    return readValue(out);
  }

  // ---------------------------------------------------------------- conversions

  /** A value the C side converted for JS (proxy_convert_mp_to_js_obj_cside). */
  private Object readValue(int p) {
    Memory m = instance.memory();
    int kind = m.readInt(p);
    return switch (kind) {
      case 0, 1 -> null;
      case 2 -> m.readInt(p + 4) != 0;
      case 3 -> m.readInt(p + 4);
      case 4 -> m.readDouble(p + 4);
      case 5 -> m.readString(m.readInt(p + 8), m.readInt(p + 4), StandardCharsets.UTF_8);
      default -> new CRef(kind, m.readInt(p + 4));
    };
  }

  /** Converts a host value for the C side (what proxy_convert_js_to_mp_obj_jsside writes). */
  private void writeValue(int out, Object v) {
    Memory m = instance.memory();
    if (v == null) {
      m.writeI32(out, JS_NULL);
    } else if (v instanceof Boolean b) {
      m.writeI32(out, JS_BOOLEAN);
      m.writeI32(out + 4, b ? 1 : 0);
    } else if (v instanceof Integer i) {
      m.writeI32(out, JS_INTEGER);
      m.writeI32(out + 4, i);
    } else if (v instanceof Double d) {
      m.writeI32(out, JS_DOUBLE);
      m.writeF64(out + 4, d);
    } else if (v instanceof String s) {
      writeString(out, s);
    } else {
      throw new IllegalArgumentException("cannot pass " + v.getClass() + " to MicroPython");
    }
  }

  private void writeString(int out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int ptr = alloc(b.length + 1);
    instance.memory().write(ptr, b);
    instance.memory().writeByte(ptr + b.length, (byte) 0);
    Memory m = instance.memory();
    m.writeI32(out, JS_STRING);
    m.writeI32(out + 4, b.length);
    m.writeI32(out + 8, ptr);
  }

  private void writeObject(int out, int ref) {
    Memory m = instance.memory();
    m.writeI32(out, liveProxies.add(ref) ? JS_OBJECT : JS_OBJECT_EXISTING);
    m.writeI32(out + 4, ref);
  }

  private int alloc(int n) {
    int p = (int) malloc.apply(n)[0];
    if (p == 0) {
      throw new IllegalStateException("the MicroPython VM's memory is exhausted");
    }
    return p;
  }

  private void free(int p) {
    free.apply(p);
  }

  private int cString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int p = alloc(b.length + 1);
    instance.memory().write(p, b);
    instance.memory().writeByte(p + b.length, (byte) 0);
    return p;
  }

  // ---------------------------------------------------------------- imports

  private long[] handle(String name, Instance in, long[] a) {
    if (name.startsWith("invoke_")) {
      return invoke(name, in, a);
    }
    Memory m = in.memory();
    switch (name) {
      case "_emscripten_throw_longjmp":
        throw new LongJmp();
      case "_abort_js":
        throw new IllegalStateException("the MicroPython VM aborted");
      case "emscripten_resize_heap":
        {
          long want = a[0] & 0xffffffffL;
          long have = (long) m.pages() * Memory.PAGE_SIZE;
          if (want <= have) {
            return new long[] {1};
          }
          int pages = (int) ((want - have + Memory.PAGE_SIZE - 1) / Memory.PAGE_SIZE);
          if (m.pages() + pages > MAX_PAGES) {
            return new long[] {0};
          }
          return new long[] {m.grow(pages) < 0 ? 0 : 1};
        }
      case "fd_write":
        {
          int iov = (int) a[1];
          int n = (int) a[2];
          int total = 0;
          for (int i = 0; i < n; i++) {
            int p = m.readInt(iov + 8 * i);
            int l = m.readInt(iov + 8 * i + 4);
            host.console(m.readBytes(p, l));
            total += l;
          }
          m.writeI32((int) a[3], total);
          return new long[] {0};
        }
      case "mp_js_ticks_ms":
        return new long[] {host.ticksMs() & 0xffffffffL};
      case "mp_js_time_ms":
        return new long[] {Double.doubleToRawLongBits(host.timeMs())};
      case "mp_js_random_u32":
        // the board seeds from its hardware RNG; here a fixed seed keeps runs reproducible
        return new long[] {0x2545F491L};
      case "fd_close", "fd_sync", "fd_seek", "fd_read":
        return new long[] {8}; // EBADF: the port's POSIX VFS is replaced by the board's flash
      case "lookup_attr":
        return new long[] {lookupAttr((int) a[0], m.readCString((int) a[1]), (int) a[2])};
      case "has_attr":
        return new long[] {lookupAttrName((int) a[0], m.readCString((int) a[1])) ? 1 : 0};
      case "call0":
        return callJs((int) a[0], List.of(), (int) a[1]);
      case "call1":
        return callJs((int) a[0], args(1, (int) a[2], a[1] != 0), (int) a[3]);
      case "call2":
        {
          List<Object> args = new ArrayList<>();
          args.add(readValue((int) a[2]));
          args.add(readValue((int) a[3]));
          return callJs((int) a[0], via(args, a[1] != 0), (int) a[4]);
        }
      case "calln":
        return callJs((int) a[0], args((int) a[2], (int) a[3], a[1] != 0), (int) a[4]);
      case "proxy_js_free_obj":
        liveProxies.remove((int) a[0]);
        return null;
      case "js_check_existing":
        return new long[] {-1};
      default:
        if (name.startsWith("__syscall_")) {
          return new long[] {-52}; // -ENOSYS
        }
        throw new PortModuleUsed(name);
    }
  }

  private List<Object> args(int n, int p, boolean viaCall) {
    List<Object> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(readValue(p + 12 * i));
    }
    return via(out, viaCall);
  }

  /** A call made as {@code f.call(self, ...)}: the first argument is the bound object. */
  private static List<Object> via(List<Object> args, boolean viaCall) {
    return viaCall && !args.isEmpty() ? args.subList(1, args.size()) : args;
  }

  private boolean lookupAttrName(int ref, String attr) {
    return ref == REF_MODULE && attr.equals("call");
  }

  private int lookupAttr(int ref, String attr, int out) {
    if (!lookupAttrName(ref, attr)) {
      return 0;
    }
    writeObject(out, REF_CALL);
    return 1; // found, and not bound to the module: called as f(...)
  }

  private long[] callJs(int ref, List<Object> args, int out) {
    if (ref != REF_CALL) {
      throw new UnsupportedOperationException("JS object " + ref + " is not callable here");
    }
    writeValue(out, host.call(args));
    return new long[] {0};
  }

  private long[] invoke(String name, Instance in, long[] a) {
    boolean isVoid = name.charAt(7) == 'v';
    long sp = in.export("emscripten_stack_get_current").apply()[0];
    try {
      int fidx = in.table(0).requiredRef((int) a[0]);
      long[] r = in.getMachine().call(fidx, Arrays.copyOfRange(a, 1, a.length));
      return isVoid ? null : new long[] {r == null || r.length == 0 ? 0 : r[0]};
    } catch (RuntimeException e) {
      if (!isLongJmp(e)) {
        throw e;
      }
      in.export("_emscripten_stack_restore").apply(sp);
      in.export("setThrew").apply(1, 0);
      return isVoid ? null : new long[] {0};
    }
  }

  private static boolean isLongJmp(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LongJmp) {
        return true;
      }
    }
    return false;
  }
}
