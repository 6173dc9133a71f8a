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

_host = types.ModuleType('_otasim')
sys.modules['_otasim'] = _host
_orig_import = _b.__import__

MARK = object()          # marks device-code globals
_builtin_specs = {}      # builtin module name -> (api, source, filename)
_frozen_specs = {}       # frozen module name -> (source, filename)
_aliases = {}            # 'uos' -> 'os'
_builtin_modules = {}    # built lazily on first import
_device_modules = {}     # the device's sys.modules: frozen and flash modules
_device_path = ['', '.frozen', '/lib']
_fs = None               # Java OsModule-like loader: kind(path) -> 0/1/2, source(path) -> str
_device_builtins = {}

# ---------------------------------------------------------------- MicroPython's OSError

_ERRNO_NAMES = {
    1: 'EPERM', 2: 'ENOENT', 5: 'EIO', 9: 'EBADF', 11: 'EAGAIN', 12: 'ENOMEM', 13: 'EACCES',
    17: 'EEXIST', 19: 'ENODEV', 21: 'EISDIR', 22: 'EINVAL', 95: 'EOPNOTSUPP', 104: 'ECONNRESET',
    105: 'ENOBUFS', 111: 'ECONNREFUSED', 112: 'EADDRINUSE', 113: 'ECONNABORTED', 116: 'ETIMEDOUT',
    118: 'EHOSTUNREACH', 119: 'EINPROGRESS', 120: 'EALREADY', 128: 'ENOTCONN',
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

    def __str__(self):
        a = self.args
        if not a:
            return ''
        if len(a) == 1:
            n = a[0]
            if type(n) is int and n in _ERRNO_NAMES:
                return '[Errno %d] %s' % (n, _ERRNO_NAMES[n])
            return str(n)
        if len(a) == 2 and type(a[0]) is int and a[0] in _ERRNO_NAMES:
            return '[Errno %d] %s: %s' % (a[0], _ERRNO_NAMES[a[0]], a[1])
        return str(a)

    def __repr__(self):
        if len(self.args) == 1:
            return 'OSError(%r,)' % (self.args[0],)
        return 'OSError%r' % (self.args,)


OSError.__module__ = 'builtins'
OSError.__qualname__ = 'OSError'


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
    cls = OSError if kind == 'OSError' else getattr(_b, kind)
    return cls(*args)


class _Guard:
    # Wraps a Java stub so that its MicroPythonErrors surface as Python exceptions.
    def __init__(self, target):
        object.__setattr__(self, '_target', target)

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


def register_builtin(name, aliases, api, source, filename):
    _builtin_specs[name] = (api, source, filename)
    for a in aliases:
        _aliases[a] = name


def register_frozen(name, source, filename):
    _frozen_specs[name] = (source, filename)


def set_loader(fs):
    global _fs
    _fs = guard(fs)


def _builtin(name):
    m = _builtin_modules.get(name)
    if m is None:
        api, source, filename = _builtin_specs[name]
        m = types.ModuleType(name)
        m.__dict__['_api'] = guard(api) if api is not None else None
        m.__dict__['_host'] = _host
        exec(compile(source, filename, 'exec'), m.__dict__)
        _builtin_modules[name] = m
    return m


def builtin(name):
    """A builtin device module, for shims that build on each other."""
    return _builtin(name)


def device_globals(name):
    g = {'__name__': name, '__mpy__': MARK}
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
            exec(compile(source, filename, 'exec'), m.__dict__)
    except BaseException:
        _device_modules.pop(fullname, None)
        raise
    return m


def _join(d, name):
    if d == '':
        return name
    return d.rstrip('/') + '/' + name


def _find(fullname, part, search):
    for d in search:
        if d == '.frozen':
            spec = _frozen_specs.get(fullname)
            if spec is not None:
                return _exec_module(fullname, spec[0], spec[1])
            continue
        base = _join(d, part)
        # A directory wins over a .py file of the same name, and needs no __init__.py
        # (py/builtinimport.c stat_dir_or_file; a directory without one is a namespace package).
        if _fs.kind(base) == 2:
            init = base + '/__init__.py'
            src = _fs.source(init) if _fs.kind(init) == 1 else None
            return _exec_module(fullname, src, init if src is not None else base, base)
        if _fs.kind(base + '.py') == 1:
            return _exec_module(fullname, _fs.source(base + '.py'), base + '.py')
    return None


def _load(fullname):
    m = _device_modules.get(fullname)
    if m is not None:
        return m
    if '.' not in fullname:
        real = _aliases.get(fullname, fullname)
        if real in _builtin_specs:
            return _builtin(real)
        m = _find(fullname, fullname, _device_path)
    else:
        parent_name, _, part = fullname.rpartition('.')
        parent = _load(parent_name)
        search = getattr(parent, '__path__', None)
        m = _find(fullname, part, search) if search else None
        if m is not None:
            setattr(parent, part, m)
    if m is None:
        raise ImportError("no module named '%s'" % fullname)
    return m


def _device_import(name, globals=None, locals=None, fromlist=(), level=0):
    if globals is None or globals.get('__mpy__') is not MARK:
        return _orig_import(name, globals, locals, fromlist, level)
    if level:
        pkg = globals.get('__name__', '')
        if '__path__' not in globals:
            pkg = pkg.rpartition('.')[0]
        for _ in range(level - 1):
            pkg = pkg.rpartition('.')[0]
        name = pkg + ('.' + name if name else '') if pkg else name
        if not name:
            raise ImportError("can't perform relative import")
    parts = name.split('.')
    m = _load(parts[0])
    top = m
    for i in range(1, len(parts)):
        m = _load('.'.join(parts[:i + 1]))
    if fromlist:
        for item in fromlist:
            if item != '*' and not hasattr(m, item) and hasattr(m, '__path__'):
                try:
                    _load(name + '.' + item)
                except ImportError:
                    pass
        return m
    return top


_b.__import__ = _device_import

# ---------------------------------------------------------------- running boot.py and main.py

_main_globals = None


def _frames(tb):
    out = []
    while tb is not None:
        code = tb.tb_frame.f_code
        filename = code.co_filename
        # Host frames (shims, this bootstrap) do not exist on the board: C functions print no line.
        if not filename.startswith('<'):
            out.append('  File "%s", line %d, in %s' % (filename, tb.tb_lineno, code.co_name))
        tb = tb.tb_next
    return out


def exception_line(e):
    name = type(e).__name__
    if isinstance(e, OSError):
        text = str(e)
    elif len(e.args) == 0:
        text = ''
    elif len(e.args) == 1:
        text = str(e.args[0])
    else:
        text = str(e.args)
    return name + ': ' + text if text else name


def format_exception(e):
    lines = ['Traceback (most recent call last):']
    lines.extend(_frames(e.__traceback__))
    lines.append(exception_line(e))
    return '\n'.join(lines) + '\n'


def _is_host_failure(e):
    # A Java exception that is not a MicroPythonError is a bug in the simulator, not in device code.
    return type(e).__name__ == 'ForeignException' and _translate(e) is None


def run_file(path):
    """Runs boot.py or main.py the way pyexec_file_if_exists does.

    Returns 'absent', 'ok', 'exit' (SystemExit: soft reset) or 'exc:' + the traceback's last line.
    """
    global _main_globals
    if _fs.kind(path) != 1:
        return 'absent'
    if _main_globals is None:
        _main_globals = device_globals('__main__')
    source = _fs.source(path)
    try:
        exec(compile(source, path, 'exec'), _main_globals)
        return 'ok'
    except SystemExit:
        return 'exit'
    except BaseException as e:
        if _is_host_failure(e):
            raise
        text = format_exception(e)
        sys.stdout.write(text)
        return 'exc:' + exception_line(e)


def run_source(source, filename):
    """Runs a snippet as device code in __main__ (tests, the shell)."""
    global _main_globals
    if _main_globals is None:
        _main_globals = device_globals('__main__')
    try:
        exec(compile(source, filename, 'exec'), _main_globals)
        return 'ok'
    except SystemExit:
        return 'exit'
    except BaseException as e:
        if _is_host_failure(e):
            raise
        sys.stdout.write(format_exception(e))
        return 'exc:' + exception_line(e)


class _Firmware:
    def __init__(self, release):
        self.release = release
        self.version = tuple(int(x) for x in release.split('.')) + ('',)


firmware = _Firmware('1.27.0')


def set_firmware(release):
    global firmware
    firmware = _Firmware(release)
    _host.firmware = firmware


def set_device_builtins(mapping):
    _device_builtins.clear()
    _device_builtins.update(mapping)


def finish_setup():
    set_device_builtins({'open': _builtin('os').open, 'OSError': OSError})


for _name in ('MARK', 'OSError', 'guard', 'register_builtin', 'register_frozen', 'set_loader',
              'builtin', 'device_globals', 'exception_line', 'format_exception', 'run_file',
              'run_source', 'set_device_builtins', 'set_firmware', 'firmware', 'finish_setup'):
    setattr(_host, _name, globals()[_name])
_host._device_modules = _device_modules
_host._device_path = _device_path

_host
