# The host side of a simulated ESP32 boot. Evaluated once per Context (= per boot), before any
# device code. It is CPython-flavoured host code and keeps CPython's modules; device code gets
# MicroPython's modules through the import hook below.
#
# GraalPy ignores globals['__builtins__'] for name lookup and imports (notes/graalpy-embedding.md
# §1.1), so (1) builtins.__import__ is replaced and decides by the importer's globals whether the
# importer is device code, and (2) device globals carry their own `open`, `OSError`, ... which
# shadow the builtins.
import sys
import types
import builtins as _b
import marshal as _marshal

# The interpreter's own versions of the builtins that finish_setup() makes depend on the caller
# (_device_builtin below): this module and the dialect, evaluated in the same namespace, use these.
_RAW = {
    n: getattr(_b.__dict__[n], "_otasim_raw", _b.__dict__[n])
    for n in (
        "getattr",
        "setattr",
        "delattr",
        "exec",
        "eval",
        "compile",
        "globals",
        "locals",
        "vars",
        "breakpoint",
    )
}
getattr, setattr, delattr, exec, eval, compile, globals = (
    _RAW[n] for n in ("getattr", "setattr", "delattr", "exec", "eval", "compile", "globals")
)

_host = types.ModuleType("_otasim")
sys.modules["_otasim"] = _host
_orig_import = _b.__import__

MARK = object()  # marks device-code globals
_builtin_specs = {}  # builtin module name -> (api, source, filename)
_frozen_specs = {}  # frozen module name -> (source, filename)
_aliases = {}  # every name of a builtin -> its registered name, for host lookups
_early = {}  # import names a builtin answers before the file system ('gc', 'uos')
_late = {}  # import names a builtin answers when the file system has none ('os')
_builtin_modules = {}  # built lazily on first import
_device_modules = {}  # the device's sys.modules: frozen and flash modules
_device_path = ["", ".frozen", "/lib"]
_fs = None  # Java OsModule-like loader: kind(path) -> 0/1/2, source(path) -> str
_device_builtins = {}


# ---------------------------------------------------------------- arguments as C modules take them
# A C function reads its arguments with mp_obj_get_int / mp_obj_get_float (py/obj.c): int and bool
# pass, anything else is TypeError("can't convert str to int"), floats included for ints. Shims
# call these so that a bad argument fails in device code with the board's text, never as a host
# error from the Java stub behind them.
def mp_int(x):
    if isinstance(x, int):
        return int(x)
    raise TypeError("can't convert %s to int" % type(x).__name__)


def mp_float(x):
    if isinstance(x, (int, float)):
        return float(x)
    raise TypeError("can't convert %s to float" % type(x).__name__)


_host.mp_int = mp_int
_host.mp_float = mp_float

# ---------------------------------------------------------------- MicroPython's OSError

_ERRNO_NAMES = {
    1: "EPERM",
    2: "ENOENT",
    5: "EIO",
    9: "EBADF",
    11: "EAGAIN",
    12: "ENOMEM",
    13: "EACCES",
    17: "EEXIST",
    19: "ENODEV",
    21: "EISDIR",
    22: "EINVAL",
    95: "EOPNOTSUPP",
    104: "ECONNRESET",
    105: "ENOBUFS",
    111: "ECONNREFUSED",
    112: "EADDRINUSE",
    113: "ECONNABORTED",
    116: "ETIMEDOUT",
    118: "EHOSTUNREACH",
    119: "EINPROGRESS",
    120: "EALREADY",
    128: "ENOTCONN",
}


class OSError(_b.OSError):
    # MicroPython has one OSError, no subclasses, args == (errno,) and its own text rules
    # (py/objexcept.c, py/moderrno.c; spec/micropython-esp32.md §1.1).
    def __new__(cls, *args):
        return _b.OSError.__new__(cls)

    def __init__(self, *args):
        _b.BaseException.__init__(self, *args)

    @property
    def errno(self):
        return self.args[0] if self.args else None

    # no strerror or filename on the board (spec §1.1): AttributeError, so hasattr() is False
    @property
    def strerror(self):
        raise AttributeError("'OSError' object has no attribute 'strerror'")

    @property
    def filename(self):
        raise AttributeError("'OSError' object has no attribute 'filename'")

    def __str__(self):
        a = self.args
        if not a:
            return ""
        if len(a) == 1:
            n = a[0]
            if type(n) is int and n in _ERRNO_NAMES:
                return "[Errno %d] %s" % (n, _ERRNO_NAMES[n])
            return str(n)
        if len(a) == 2 and type(a[0]) is int and a[0] in _ERRNO_NAMES:
            return "[Errno %d] %s: %s" % (a[0], _ERRNO_NAMES[a[0]], a[1])
        return str(a)

    def __repr__(self):
        if len(self.args) == 1:
            return "OSError(%r,)" % (self.args[0],)
        return "OSError%r" % (self.args,)


OSError.__module__ = "builtins"
OSError.__qualname__ = "OSError"


def _translate(e):
    # A Java MicroPythonError arrives as a foreign exception; make it the device's exception.
    try:
        kind = e.pythonType()
    except BaseException:
        return None
    text = e.text()
    if e.hasErrno():
        args = (e.errno(),) if text is None else (e.errno(), text)
    else:
        args = () if text is None else (text,)
    cls = OSError if kind == "OSError" else getattr(_b, kind)
    return cls(*args)


class _Guard:
    # Wraps a Java stub so that its MicroPythonErrors surface as Python exceptions.
    def __init__(self, target):
        object.__setattr__(self, "_target", target)

    def __getattr__(self, name):
        f = getattr(self._target, name)

        def call(*args):
            try:
                return f(*args)
            except BaseException as e:
                x = _translate(e)
                if x is None:
                    raise
                raise x from None

        self.__dict__[name] = call
        return call


def guard(target):
    return _Guard(target)


# ---------------------------------------------------------------- module table


def register_builtin(name, aliases, api, source, filename, late=()):
    # aliases: names import resolves to this builtin before searching sys.path; late: names it
    # resolves to only when sys.path has nothing (py/builtinimport.c; spec §20.1)
    _builtin_specs[name] = (api, source, filename)
    for a in aliases:
        _aliases[a] = name
        _early[a] = name
    for a in late:
        _aliases[a] = name
        _late[a] = name


def register_frozen(name, source, filename):
    _frozen_specs[name] = (source, filename)


def set_loader(fs):
    global _fs
    _fs = guard(fs)


def _builtin(name):
    name = _aliases.get(name, name)
    m = _builtin_modules.get(name)
    if m is None:
        api, source, filename = _builtin_specs[name]
        m = _BuiltinModule(name)
        m.__dict__["_api"] = guard(api) if api is not None else None
        m.__dict__["_host"] = _host
        _builtin_modules[name] = m  # a host namespace from its first line on (_host_globals)
        try:
            exec(_hcompile(source, filename), m.__dict__)
        except BaseException:
            del _builtin_modules[name]
            raise
    return m


class _BuiltinModule(types.ModuleType):
    # A C module's globals are a fixed ROM map: storing or deleting an attribute fails with the
    # text mp_store_attr gives (py/objmodule.c module_attr; spec §20.1). sys delegates ps1, ps2
    # and tracebacklimit to writable state. Frozen and flash modules are ordinary modules.
    def __setattr__(self, name, value):
        if self.__name__ in ("sys", "usys") and name in ("ps1", "ps2", "tracebacklimit"):
            self.__dict__[name] = value
            return
        raise AttributeError("'module' object has no attribute '%s'" % name)

    def __delattr__(self, name):
        raise AttributeError("'module' object has no attribute '%s'" % name)


def builtin(name):
    """A builtin device module, for shims that build on each other."""
    return _builtin(name)


_builtin_faces = {}


def _face(name):
    # What device code imports: the shim's public names only. The shim's own namespace keeps
    # _api (the Java stub), _host (this bootstrap) and its helpers; on the board these modules
    # are C code with nothing of the kind, and the functions' __globals__ are hidden (dialect).
    name = _aliases.get(name, name)
    f = _builtin_faces.get(name)
    if f is None:
        m = _builtin(name)
        f = _BuiltinModule(m.__name__)  # read-only, as the C module is
        d = f.__dict__
        for k in [k for k in d if k != "__name__"]:
            del d[k]  # no __spec__, __loader__, __doc__ on a C module
        for k, v in m.__dict__.items():
            if not k.startswith("_"):
                d[k] = v
        _builtin_faces[name] = f
    return f


def device_globals(name):
    g = {"__name__": name, "__mpy__": MARK}
    g.update(_device_builtins)
    return g


def _exec_module(fullname, source, filename, path=None):
    m = types.ModuleType(fullname)
    m.__dict__.update(device_globals(fullname))
    m.__file__ = filename
    if path is not None:
        m.__path__ = [path]
    _device_modules[fullname] = m
    try:
        if source is not None:
            exec(_dcompile(source, filename), m.__dict__)
    except BaseException:
        _device_modules.pop(fullname, None)
        raise
    return m


def _join(d, name):
    if d == "":
        return name
    return d.rstrip("/") + "/" + name


def _find(fullname, part, search):
    for d in search:
        if d == ".frozen":
            spec = _frozen_specs.get(fullname)
            if spec is not None:
                return _exec_module(fullname, spec[0], spec[1])
            continue
        base = _join(d, part)
        # A directory wins over a .py file of the same name, and needs no __init__.py
        # (py/builtinimport.c stat_dir_or_file; a directory without one is a namespace package).
        if _kind(base) == 2:
            init = base + "/__init__.py"
            src = _source(init) if _kind(init) == 1 else None
            return _exec_module(fullname, src, init if src is not None else base, base)
        if _kind(base + ".py") == 1:
            return _exec_module(fullname, _source(base + ".py"), base + ".py")
    return None


def _vfs_hook():
    # While a user VFS object is mounted (os.mount), an import's stat and read under its mount
    # point go to the object, as the board's VFS layer routes them (py/builtinimport.c through
    # extmod/vfs.c): the os shim's (kind, source) answer for those paths, None for the flash's.
    m = _builtin_modules.get("os")
    if m is None or not m.__dict__.get("_mounts"):
        return None
    return m.__dict__.get("_import_hook")


def _kind(path):
    hook = _vfs_hook()
    if hook is not None:
        k = hook[0](path)
        if k is not None:
            return k
    return _fs.kind(path)


def _source(path):
    hook = _vfs_hook()
    if hook is not None:
        src = hook[1](path)
        if src is not None:
            return src
    return _fs.source(path)


def _load(fullname):
    m = _device_modules.get(fullname)
    if m is not None:
        return m
    if fullname == "builtins":
        if not _device_builtins_module.__dict__:
            _fill_builtins_module()
        return _device_builtins_module
    if "." not in fullname:
        # non-extensible builtins and u-names first, then sys.path, then extensible builtins
        # (py/builtinimport.c process_import_at_level; spec §20.1)
        real = _early.get(fullname)
        if real is not None:
            return _face(real)
        m = _find(fullname, fullname, _device_path)
        if m is None:
            real = _late.get(fullname)
            if real is not None:
                return _face(real)
    else:
        parent_name, _, part = fullname.rpartition(".")
        parent = _load(parent_name)
        search = getattr(parent, "__path__", None)
        m = _find(fullname, part, search) if search else None
        if m is not None:
            setattr(parent, part, m)
    if m is None:
        raise ImportError("no module named '%s'" % fullname)
    return m


def _host_globals(g):
    """True if `g` is the namespace of host code: a module the host imported (sys.modules), this
    bootstrap's, or a shim's. Anything else is the device's, marked or not: device code can drop
    its mark (globals().clear()) or run with a dict of its own (exec, type(f)(code, {}))."""
    if type(g) is not dict or dict.get(g, "__mpy__") is MARK:
        return False
    name = dict.get(g, "__name__")
    if type(name) is not str:
        return False
    m = sys.modules.get(name)
    if m is not None and getattr(m, "__dict__", None) is g:
        return True
    m = _builtin_modules.get(name)
    return m is not None and m.__dict__ is g


def _device_import(name, globals=None, locals=None, fromlist=(), level=0):
    if globals is None or _host_globals(globals):
        # without globals: the interpreter's own helpers (a codec lookup); device code names
        # __import__ through its builtins only (dialect _mpy_name), which pass its globals
        return _orig_import(name, globals, locals, fromlist, level)
    if level:
        pkg = dict.get(globals, "__name__", "")
        if not dict.__contains__(globals, "__path__"):
            pkg = pkg.rpartition(".")[0]
        for _ in range(level - 1):
            pkg = pkg.rpartition(".")[0]
        name = pkg + ("." + name if name else "") if pkg else name
        if not name:
            raise ImportError("can't perform relative import")
    parts = name.split(".")
    m = _load(parts[0])
    top = m
    for i in range(1, len(parts)):
        m = _load(".".join(parts[: i + 1]))
    if fromlist:
        for item in fromlist:
            if item != "*" and not hasattr(m, item) and hasattr(m, "__path__"):
                # The board imports the submodule and lets its ImportError through: a missing one
                # is "no module named 'pkg.item'", and an ImportError inside it is not hidden
                # behind "cannot import name" (py/runtime.c mp_import_from).
                _load(name + "." + item)
        return m
    return top


_b.__import__ = _device_import

# ---------------------------------------------------------------- running boot.py and main.py

_main_globals = None


# GraalPy's own stdlib (reached by host modules, or by device code that dug its way to them)
_STDLIB = sys.prefix.rstrip("/") + "/" if len(sys.prefix) > 1 else None


def _frames(tb):
    out = []
    while tb is not None:
        code = tb.tb_frame.f_code
        filename = code.co_filename
        # Host frames (shims, this bootstrap, the stdlib under them) do not exist on the board:
        # C functions print no line.
        if not filename.startswith("<") and not (_STDLIB and filename.startswith(_STDLIB)):
            out.append('  File "%s", line %d, in %s' % (filename, tb.tb_lineno, code.co_name))
        tb = tb.tb_next
    return out


def _compile_error(e):
    # A SyntaxError from compiling device code carries the file name. The board's parser knows
    # three messages, and its traceback entry names no function (py/parse.c, mp_parse).
    if not isinstance(e, SyntaxError) or e.filename is None:
        return None
    msg = e.msg or ""
    if isinstance(e, IndentationError) and msg == "unexpected indent":
        return "IndentationError: unexpected indent"
    if isinstance(e, IndentationError) and msg.startswith("unindent does not match"):
        return "IndentationError: unindent doesn't match any outer indent level"
    return "SyntaxError: invalid syntax"


def exception_line(e):
    compile_error = _compile_error(e)
    if compile_error is not None:
        return compile_error
    e = _dialect.translate(e)
    name = type(e).__name__
    if isinstance(e, OSError):
        text = str(e)
    elif len(e.args) == 0:
        text = ""
    elif len(e.args) == 1:
        text = str(e.args[0])
    else:
        text = str(e.args)
    # the board prints "name: " whatever follows, nothing included (mp_obj_exception_print)
    return name + ": " + text


def format_exception(e):
    lines = ["Traceback (most recent call last):"]
    lines.extend(_frames(e.__traceback__))
    if _compile_error(e) is not None:
        lines.append('  File "%s", line %d' % (e.filename, e.lineno or 1))
    lines.append(exception_line(e))
    return "\n".join(lines) + "\n"


def _is_host_failure(e):
    # A Java exception that is not a MicroPythonError is a bug in the simulator, not in device code.
    return type(e).__name__ == "ForeignException" and _translate(e) is None


def run_file(path):
    """Runs boot.py or main.py the way pyexec_file_if_exists does.

    Returns 'absent', 'ok', 'exit' (SystemExit: soft reset) or 'exc:' + the traceback's last line.
    """
    global _main_globals
    if _fs.kind(path) != 1:
        return "absent"
    if _main_globals is None:
        _main_globals = device_globals("__main__")
    source = _fs.source(path)
    try:
        exec(_dcompile(source, path), _main_globals)
        return "ok"
    except SystemExit:
        return "exit"
    except BaseException as e:
        if _is_host_failure(e):
            raise
        text = format_exception(e)
        sys.stdout.write(text)
        return "exc:" + exception_line(e)


def precompile(path):
    """Compiles boot.py or main.py before the boot's wall-clock limit starts: compiling is the
    host's work (the first compile of a JVM takes seconds), and the code cache keeps the result."""
    try:
        if _fs.kind(path) == 1:
            _dcompile(_fs.source(path), path)
    except BaseException:
        pass  # run_file compiles again and reports the error as the board would


def run_source(source, filename):
    """Runs a snippet as device code in __main__ (tests, the shell)."""
    global _main_globals
    if _main_globals is None:
        _main_globals = device_globals("__main__")
    try:
        exec(_dcompile(source, filename), _main_globals)
        return "ok"
    except SystemExit:
        return "exit"
    except BaseException as e:
        if _is_host_failure(e):
            raise
        sys.stdout.write(format_exception(e))
        return "exc:" + exception_line(e)


class _Firmware:
    """The board's firmware as Java's Firmware parsed it: release '1.22.0', version (1, 22, 0,
    '')."""

    def __init__(self, release, major, minor, patch):
        self.release = release
        self.version = (major, minor, patch, "")


firmware = None  # set_firmware() runs before any shim is imported


def set_firmware(release, major, minor, patch):
    global firmware
    firmware = _Firmware(str(release), int(major), int(minor), int(patch))
    _host.firmware = firmware


def set_device_builtins(mapping):
    _device_builtins.clear()
    _device_builtins.update(mapping)


def finish_setup():
    set_device_builtins(
        {
            "open": _builtin("os").open,
            "OSError": OSError,
            "print": _dev_print,
            "exec": _dev_exec,
            "eval": _dev_eval,
            "compile": _dev_compile,
            "hasattr": _dev_hasattr,
            "getattr": _dev_getattr,
            "setattr": _dev_setattr,
            "delattr": _dev_delattr,
            "globals": _dev_globals,
            "locals": _dev_locals,
            "__import__": _dev_import,
            "help": _dev_help,
            "repr": _dev_repr,
            "pow": _dialect._mpy_powmod,
        }
    )
    _dialect._gc = _builtin
    for name, device in (
        ("getattr", lambda f, *a: _dev_getattr(*a)),
        ("setattr", lambda f, *a: _dev_setattr(*a)),
        ("delattr", lambda f, *a: _dev_delattr(*a)),
        ("exec", lambda f, src, g=None, loc=None: _dev_exec(src, g, loc, f)),
        ("eval", lambda f, src, g=None, loc=None: _dev_eval(src, g, loc, f)),
        ("compile", lambda f, *a: _dev_compile(*a)),
        ("globals", lambda f: _dialect._mpy_fix(f.f_globals)),
        ("locals", _locals),
        ("vars", _no_builtin("vars")),
        ("breakpoint", _no_builtin("breakpoint")),
    ):
        _b.__dict__[name] = _device_builtin(name, _RAW[name], device)
    _device_builtins_module.__dict__.clear()
    # exec() puts the host's builtins into a globals dict that lacks __builtins__: device globals
    # carry the device's builtins module instead (GraalPy looks names up elsewhere; notes §1.1)
    _fill_builtins_module()
    _device_builtins["__builtins__"] = _device_builtins_module


def open_host_door():
    # SandboxProbe (Java only): the sandbox tests' way past the first line of defence
    _device_builtins["__host_sys__"] = sys


def _fill_builtins_module():
    # built on first `import builtins`: most boots never ask
    d = _device_builtins_module.__dict__
    d["__name__"] = "builtins"
    for name in _dialect._BUILTIN_NAMES:
        if name in _device_builtins:
            d[name] = _device_builtins[name]
        elif hasattr(_b, name):
            d[name] = getattr(_b, name)


# -------------------------------------------------------------- MicroPython's dialect and builtins
# The dialect module (dialect.py) compiles device code; the functions below replace the builtins
# whose behaviour differs on the board. They sit in every device module's globals.

_dialect = None
_device_builtins_module = types.ModuleType("builtins")


_code_cache = None


def install_dialect(cache):
    # dialect.py was evaluated into this module (a cached Source, like this bootstrap)
    global _dialect, _code_cache
    _dialect = sys.modules["__main__"]
    _host.dialect = _dialect
    _code_cache = cache


def _dcompile(source, filename, mode="exec"):
    # The ast pass costs more than GraalPy's parser, so a device file's code object is kept
    # (marshalled, in the JVM) across boots: the second boot of the same main.py skips the pass.
    # The cache compiles a miss itself, in a context that runs no device code: this boot can
    # read code from it but never store any (CodeCache).
    if isinstance(source, (bytes, bytearray)):
        source = bytes(source).decode()
    if _code_cache is not None:
        hit = _code_cache.code(mode, filename, source)
        if hit is not None:
            return _marshal.loads(hit.encode("latin-1"))
    # not compilable: compiling it here raises the SyntaxError the board reports
    return _dialect.device_compile(source, filename, mode)


def _hcompile(source, filename):
    # Shims are host code (no dialect pass), but compiling them is still a cost every boot pays;
    # their marshalled code is shared through the same JVM-wide cache.
    if _code_cache is not None:
        hit = _code_cache.code("host", filename, source)
        if hit is not None:
            return _marshal.loads(hit.encode("latin-1"))
    return compile(source, filename, "exec")


def _dev_print(*args, sep=" ", end="\n", file=None, **extra):
    # print() on the board has no flush= (spec §3.2)
    if extra:
        raise TypeError("extra keyword arguments given")
    if file is None:
        _b.print(*args, sep=sep, end=end)
        return
    # py/modbuiltins.c prints into the stream piece by piece: each argument (a container's
    # repr token by token), each separator, the end; empty pieces write nothing
    sep = " " if sep is None else sep
    end = "\n" if end is None else end
    pieces = []
    for i, a in enumerate(args):
        if i and sep:
            pieces.append(sep)
        if type(a) is str:
            pieces.append(a)
        else:
            _repr_pieces(a, pieces, True)
    if end:
        pieces.append(end)
    for p in pieces:
        if p:
            file.write(p)


_REPR_ESC = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def _quoted_pieces(chars, is_bytes, pieces):
    # py/objstrunicode.c uni_print_quoted, py/objstr.c mp_str_print_quoted: a write per character
    quote = "'"
    if "'" in chars and '"' not in chars:
        quote = '"'
    pieces.append(quote)
    for ch in chars:
        code = ord(ch)
        if ch == quote:
            pieces.append("\\")
            pieces.append(ch)
        elif ch in _REPR_ESC:
            pieces.append(_REPR_ESC[ch])
        elif 32 <= code <= 126:
            pieces.append(ch)
        elif code < 0x100:
            pieces.append("\\x")
            pieces.append("%02x" % code)
        elif code < 0x10000:
            pieces.append("\\u")
            pieces.append("%04x" % code)
        else:
            pieces.append("\\U")
            pieces.append("%08x" % code)
    pieces.append(quote)


def _repr_pieces(obj, pieces, top=False):
    # the pieces in which the board prints an object into a stream: containers and strings
    # token by token, everything else in one write
    kind = type(obj)
    if kind is str and not top:
        _quoted_pieces(obj, False, pieces)
    elif kind is bytes:
        pieces.append("b")
        _quoted_pieces(obj.decode("latin-1"), True, pieces)
    elif kind is bytearray:
        pieces.append("bytearray(b")
        _quoted_pieces(bytes(obj).decode("latin-1"), True, pieces)
        pieces.append(")")
    elif kind in (list, tuple, dict) or (kind is set and obj):
        opening, closing = {list: "[]", tuple: "()", dict: "{}", set: "{}"}[kind]
        pieces.append(opening)
        for i, item in enumerate(obj):
            if i:
                pieces.append(", ")
            _repr_pieces(item, pieces)
            if kind is dict:
                pieces.append(": ")
                _repr_pieces(obj[item], pieces)
        if kind is tuple and len(obj) == 1:
            pieces.append(",")
        pieces.append(closing)
    elif kind is object:
        pieces.extend(("<", "object", ">"))
    else:
        pieces.append(str(obj) if top else repr(obj))


def _mark(g):
    # globals handed to exec/eval become device globals: device imports and builtins (through
    # dict's own methods: a dict subclass's get() may lie about the mark)
    if type(g) is not dict and not isinstance(g, dict):
        raise TypeError("globals must be a dict")
    if dict.get(g, "__mpy__") is not MARK:
        dict.__setitem__(g, "__mpy__", MARK)
        for k, v in _device_builtins.items():
            dict.setdefault(g, k, v)


def _unmark(g):
    # exec() with separate locals stores the interpreter's builtins dict into the globals (_run):
    # device code reads the device's builtins module there
    if dict.get(g, "__builtins__") is not _device_builtins_module:
        dict.__setitem__(g, "__builtins__", _device_builtins_module)


def _code(src, mode, g, loc):
    if isinstance(src, types.CodeType):
        return src
    if loc is None or loc is g:
        return _dcompile(src, "<string>", mode)
    return _dialect.device_compile(src, "<string>", mode, unmark=True)


def _run(code, g, loc, run):
    # GraalPy's exec() and eval() store the interpreter's builtins dict into the globals they run
    # with, whatever __builtins__ held, where device code running meanwhile can read it; code
    # called as a function with those globals runs the same without that store
    try:
        if loc is None or loc is g:
            return types.FunctionType(code, g)()
        return run(code, g, loc)
    finally:
        _unmark(g)


def _dev_exec(src, globals=None, locals=None, _caller=None):
    if globals is None:
        f = _caller or sys._getframe(1)
        globals = f.f_globals
        locals = f.f_locals if locals is None else locals
    else:
        _mark(globals)
    return _run(_code(src, "exec", globals, locals), globals, locals, exec)


def _dev_eval(src, globals=None, locals=None, _caller=None):
    if globals is None:
        f = _caller or sys._getframe(1)
        globals = f.f_globals
        locals = f.f_locals if locals is None else locals
    else:
        _mark(globals)
    return _run(_code(src, "eval", globals, locals), globals, locals, eval)


def _dev_compile(source, filename, mode, *rest):
    # the code may go to exec() with locals of its own (_run)
    return _dialect.device_compile(source, filename, mode, unmark=True)


def _device_builtin(name, host, device):
    # The interpreter looks names up in its own builtins module whatever a frame's globals hold
    # (notes/graalpy-embedding.md §1.1): device code that deleted its own `getattr`, or runs with
    # globals of its own, would get the host's. These stand in the interpreter's builtins for the
    # few that reach past the device's rules, and decide by the caller's namespace.
    def any_caller(*args, **kw):
        f = sys._getframe(1)
        if not _host_globals(f.f_globals):
            return device(f, *args, **kw)
        if not args and name in ("globals", "locals", "vars"):
            # these read their caller's frame, which would be this one
            return f.f_globals if name == "globals" else f.f_locals
        if len(args) == 1 and not kw and name in ("exec", "eval"):
            return host(args[0], f.f_globals, f.f_locals)
        return host(*args, **kw)

    any_caller.__name__ = any_caller.__qualname__ = name
    any_caller._otasim_raw = host
    return any_caller


def _no_builtin(name):
    def missing(f, *args, **kw):
        raise NameError("name '%s' isn't defined" % name)

    return missing


def _dev_hasattr(o, name):
    if _dialect.missing_attr(o, name):
        return False
    return _b.hasattr(o, name)


def _dev_getattr(o, name, *default):
    if name in _dialect._CHECKED_HOOKS or name == "format" or name in _dialect._SIZED_METHODS:
        return _dialect._mpy_attr(o, name)
    if _dialect.missing_attr(o, name):
        if default:
            return default[0]
        raise _dialect._no_attr(o, name)
    if name == "__dict__" or name == "__globals__":
        return _dialect._mpy_fix(getattr(o, name, *default))
    return getattr(o, name, *default)


def _dev_globals():
    return _dialect._mpy_fix(sys._getframe(1).f_globals)


def _dev_locals():
    return _locals(sys._getframe(1))


def _locals(f):
    # module code that exec() ran as a function (_run) keeps its names in its globals
    if f.f_code.co_name == "<module>" and not f.f_locals:
        return _dialect._mpy_fix(f.f_globals)
    return _dialect._mpy_fix(f.f_locals)


def _dev_setattr(o, name, value):
    _dialect._mpy_guard(o, name)
    return setattr(o, name, value)


def _dev_delattr(o, name):
    _dialect._mpy_guard(o, name)
    return delattr(o, name)


def _dev_import(name, globals=None, locals=None, fromlist=(), level=0):
    if globals is None or globals.get("__mpy__") is not MARK:
        globals = sys._getframe(1).f_globals
        if globals.get("__mpy__") is not MARK:
            globals = {"__mpy__": MARK, "__name__": "__main__"}
    return _device_import(name, globals, locals, fromlist, level)


def _dev_repr(o):
    # MicroPython's repr escapes non-ASCII characters of strings: '\xe9', '\u2603' (py/objstr.c)
    return _b.ascii(o)


def _dev_help(obj=None):
    if obj is None:
        _b.print("Welcome to MicroPython on the ESP32!")
    else:
        _b.print("object", repr(obj), "is of type", type(obj).__name__)


for _f, _n in (
    (_dev_print, "print"),
    (_dev_exec, "exec"),
    (_dev_eval, "eval"),
    (_dev_compile, "compile"),
    (_dev_hasattr, "hasattr"),
    (_dev_getattr, "getattr"),
    (_dev_import, "__import__"),
    (_dev_help, "help"),
    (_dev_repr, "repr"),
    (_dev_setattr, "setattr"),
    (_dev_delattr, "delattr"),
    (_dev_globals, "globals"),
    (_dev_locals, "locals"),
):
    _f.__name__ = _f.__qualname__ = _n


def call_site():
    """Where device code stands now, as 'file:line', or None: the innermost frame of the
    device's own files (a frozen module's frame stands for the device line that called it)."""
    f = sys._getframe(1)
    frozen = None
    while f is not None:
        g = f.f_globals
        if g.get("__mpy__") is MARK:
            site = "%s:%d" % (f.f_code.co_filename, f.f_lineno)
            spec = _frozen_specs.get(g.get("__name__"))
            if spec is None or spec[1] != f.f_code.co_filename:
                return site
            frozen = frozen or site
        f = f.f_back
    return frozen


def new_hash(name):
    """hashlib's digest object on this engine (the shim is shared with the MicroPython engine)."""
    import hashlib

    return hashlib.new(name)


for _name in (
    "MARK",
    "OSError",
    "guard",
    "register_builtin",
    "register_frozen",
    "set_loader",
    "builtin",
    "device_globals",
    "exception_line",
    "format_exception",
    "run_file",
    "precompile",
    "run_source",
    "set_device_builtins",
    "set_firmware",
    "firmware",
    "finish_setup",
    "install_dialect",
    "open_host_door",
    "new_hash",
    "call_site",
):
    setattr(_host, _name, globals()[_name])
_host._device_modules = _device_modules
_host._device_path = _device_path
_host.real_sys = sys  # the VM's own sys: the sys shim's streams (both engines share the shim)
_host.vm_gc = None  # GraalPy's heap is not the board's: the gc shim models it

_host
