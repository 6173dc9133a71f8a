# The otasim runtime inside the real MicroPython VM: the board's flash as the VM's root VFS, the
# firmware's module table in front of the port's own modules, the shims' door to the Java stubs,
# and the runner of boot.py and main.py. Host code: device code never sees this module.
import builtins
import gc
import io
import sys
import vfs



def _runtime(_call, _orig_import):
    # Everything of the runtime lives in this function's closure, not in the module's globals:
    # every function and class here reaches device code somewhere (builtins.__import__, the
    # shims' _host and _api, the flash mounted as a VFS), and on MicroPython a function's
    # __globals__ is readable. They must lead to nothing more than the board's modules (the door
    # _call, the VM's own __import__ and the jsffi it imports stay out of reach).
    _internal = False
    _loaded = {}
    _sources = {}
    _table = None
    _main = None
    _self = None
    _Src = None


    def _ret(r):
        if r.__class__ is str and r[:1] == '\x01':
            t = r[1]
            if t == 'i':
                return int(r[2:])
            if t == 's':
                return r[2:]
            if t == 'j':
                return _builtin('json').loads(r[2:])
            if t == 'h':
                return _api_for(int(r[2:]))
            if t == 'e':
                raise _exc(r[2:])
        return r


    def _exc(s):
        kind, no, text = s.split('\x01')
        args = []
        if no:
            args.append(int(no))
        if text != '\x02':
            args.append(text)
        cls = OSError if kind == 'OSError' else getattr(builtins, kind, RuntimeError)
        return cls(*args)


    def _arg(a):
        if a.__class__ is int and not -0x80000000 <= a <= 0x7FFFFFFF:
            return '\x01i%d' % a
        return a


    class _Api:
        # A Java stub object: its annotated methods, called through the one host door. It holds a
        # caller for its own object only: _Api(0) made by device code (type(os._api)) calls nothing.
        def __init__(self, caller):
            self._c = caller

        def __getattr__(self, name):
            c = self._c

            def f(*args):
                return c(name, args)

            return f


    def _api_for(h):
        def caller(name, args):
            return _ret(_call(h, name, *[_arg(a) for a in args]))

        return _Api(caller if h.__class__ is int else None)


    def l1e(s):
        # a str whose code points are bytes (the stubs' latin-1 convention) -> bytes
        b = s.encode()
        if len(b) == len(s):
            return b
        return bytes([ord(c) for c in s])


    def l1d(b):
        # bytes -> a str with one code point per byte
        b = bytes(b)
        try:
            s = b.decode()
            if len(s) == len(b):
                return s
        except UnicodeError:
            pass
        return ''.join([chr(x) for x in b])


    class _Firmware:
        def __init__(self, release):
            self.release = release
            self.version = tuple([int(x) for x in release.split('.')]) + ('',)


    class _Hash:
        # hashlib's digest object on this engine: the wasm port builds only sha256, so the host
        # computes sha1, sha256 and md5, fed chunk by chunk as the board's mbedtls context is (the
        # data never gathers in the VM's heap)
        def __init__(self, name):
            self._h = _api_for(0).hash(name)

        def update(self, data):
            self._h.update(l1d(data))

        def digest(self):
            return l1e(self._h.digest())


    class _Host:
        # What the shims call _host, as the GraalPy engine's bootstrap gives it to them.
        OSError = OSError
        IOBase = io.IOBase
        real_sys = sys
        _device_path = sys.path  # the VM's own: setup() fills it in place with the board's path
        _device_modules = sys.modules
        new_hash = _Hash
        vm_gc = None  # setup(): the VM's own gc, whose heap is sized to the board's

        def __init__(self):
            self.l1e = l1e
            self.l1d = l1d
            self.firmware = None
            self._apis = {}

        def api(self, name):
            # the boards' stubs; handle 0 is the runtime's own (sources, entry points): not a board's
            h = _table['apis'].get(name)
            if not h:
                return None
            a = self._apis.get(name)
            if a is None:
                a = self._apis[name] = _api_for(h)
            return a

        def builtin(self, name):
            return _module(name)

        def guard(self, target):
            return target

        def format_exception(self, exc):
            # not the method's own name: MicroPython would look that up in the globals
            return _format_exception(exc)

        # the board's mp_obj_get_int / mp_obj_get_float for the shims (bool is no int subclass here)
        @staticmethod
        def mp_int(x):
            if type(x) is int or type(x) is bool:
                return int(x)
            raise TypeError("can't convert %s to int" % type(x).__name__)

        @staticmethod
        def mp_float(x):
            if type(x) is int or type(x) is bool or type(x) is float:
                return float(x)
            raise TypeError("can't convert %s to float" % type(x).__name__)


    host = _Host()


    # ---------------------------------------------------------------- modules


    def _source(kind, name):
        key = kind + ':' + name
        s = _sources.get(key)
        if s is None:
            api = _table['shims'].get(name) if kind == 'shim' else None
            header = ''
            if kind == 'shim':
                header = ("_host = __import__('_otasim_rt').host; _api = _host.api(%r); "
                          "_l1e = _host.l1e; _l1d = _host.l1d; _IOBase = _host.IOBase\n") % api
            s = _sources[key] = header + _ret(_call(0, 'source', kind, name))
        return s


    def _load_hidden(kind, name):
        nonlocal _internal
        fname = '_otasim_%s_%s' % (kind, name)
        saved = sys.path[:]
        sys.path[:] = ['/.otasim']
        was = _internal
        _internal = True
        try:
            m = _orig_import(fname)
        finally:
            _internal = was
            sys.path[:] = saved
        sys.modules.pop(fname, None)
        m.__name__ = name
        return m


    def _module(name):
        if name not in _table['shims'] and name not in _table['frozen']:
            name = _table['aliases'].get(name, name)  # up to v1.20 the shims' 'os' is uos
        m = _loaded.get(name)
        if m is None:
            if name in _table['shims']:
                m = _load_hidden('shim', name)
                try:
                    del m.__file__  # a C module on the board
                except (AttributeError, KeyError):
                    pass
            else:
                m = _load_hidden('frozen', name)
                sys.modules[name] = m
            _loaded[name] = m
        return m


    def _builtin(name):
        # The VM's own C module: with an empty path, not the port's frozen extension of it (its
        # pyscript build freezes micropython-lib's binascii, os, time, ...).
        m = _loaded.get(name)
        if m is None:
            saved = sys.path[:]
            sys.path[:] = []
            try:
                m = _loaded[name] = _orig_import(name)
            finally:
                sys.path[:] = saved
        return m


    class _StrongRef:
        # The shims' weakref.ref where the VM has no weakref module: it never dies, so a full lwIP
        # socket table is not relieved by collecting dropped sockets on this engine.
        def __init__(self, obj):
            self._obj = obj

        def __call__(self):
            return self._obj


    class _Weakref:
        ref = _StrongRef


    def _no_module(name):
        return ImportError("no module named '%s'" % name)


    def _on_path(top):
        # Whether sys.path has a module or package named top before the frozen modules (a late
        # built-in is searched for everywhere; '.frozen' holds no file of its own here)
        kind = host.api('os').kind
        for entry in sys.path:
            if entry == '.frozen':
                if top in _table['frozen']:
                    return False
                continue
            base = (entry.rstrip('/') + '/' if entry else '') + top
            if kind(base + '.py') == 1 or kind(base + '.mpy') == 1 or kind(base) == 2:
                return True
        return False


    def _from_path(top, name, globals, locals, fromlist, level):
        if not _on_path(top):
            return None
        m = _orig_import(name, globals, locals, fromlist, level)
        # the VM's own import found the file; a VM built-in it preferred is not the board's
        return m if getattr(sys.modules.get(top), '__file__', None) else None


    def _import(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0:
            top = name.split('.')[0]
            if _internal and top == '_otasim_rt':
                return _self
            if _internal and top == 'weakref':
                return _Weakref
            canon = _table['aliases'].get(top, top)
            if not _internal and (
                top in _table['late'] or (top in _table['frozen'] and top == canon)
            ):
                # the board searches sys.path before an extensible built-in, and '' before
                # '.frozen' (spec §20.1): a flash json.py shadows json, a ./requests.py requests
                m = _from_path(top, name, globals, locals, fromlist, level)
                if m is not None:
                    return m
            if canon in _table['shims'] or canon in _table['frozen']:
                if '.' in name:
                    raise _no_module(name)
                return _module(canon)
            if canon in _table['real']:
                if '.' in name:
                    raise _no_module(name)
                return _builtin(canon)
            if top.startswith('_otasim') or top in _table['port']:
                raise _no_module(name)
        return _orig_import(name, globals, locals, fromlist, level)


    # ---------------------------------------------------------------- the flash as the VM's root


    class _ModuleReader(io.IOBase):
        # An import's source, a buffer at a time as the board's lexer reads it (py/reader.c): a
        # module larger than the heap's largest free block imports, as on the board.
        def __init__(self, p):
            self._p = p
            self._at = 0

        def readinto(self, buf):
            data = l1e(host.api('os').source_part(self._p, self._at, len(buf)))
            n = len(data)
            buf[:n] = data
            self._at += n
            return n

        def ioctl(self, req, arg):
            return 0


    class _Flash:
        # The VM's own open(), io.open() and import read the board's flash through the os shim.
        def mount(self, readonly, mkfs):
            pass

        def umount(self):
            pass

        def _hidden(self, p):
            if _internal and p.startswith('/.otasim/_otasim_') and p.endswith('.py'):
                kind, name = p[17:-3].split('_', 1)
                return kind, name
            return None

        # The VM's import stats a module's path, then opens it 'rb': that read is the import's, and
        # like the GraalPy engine's import hook it reads the source without journaling a file open.
        _import_path = None
        _mounted_path = None

        def _mount_hook(self):
            # os.mount of a user VFS object is the os shim's own table, which this VM's VFS layer
            # does not see: its stat and read of a path under a mount point go to the shim's
            # import hook, as the GraalPy engine's import does (a path elsewhere answers None).
            m = _loaded.get('os') or _loaded.get('uos')  # up to v1.20 the shim is uos
            return m._import_hook if m is not None and m._mounts else None

        def stat(self, p):
            h = self._hidden(p)
            if h is not None:
                return (0x8000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            if _internal and p.startswith('/.otasim'):
                raise OSError(2)
            hook = self._mount_hook()
            kind = hook[0](p) if hook is not None else None
            if kind is not None:
                if kind == 0:
                    raise OSError(2)
                self._mounted_path = p
                return (0x8000 if kind == 1 else 0x4000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            kind = host.api('os').kind(p)
            if kind == 0:
                raise OSError(2)
            self._import_path = p
            return (0x8000 if kind == 1 else 0x4000, 0, 0, 0, 0, 0, 0, 0, 0, 0)

        def open(self, p, mode):
            h = self._hidden(p)
            if h is not None:
                return _Src(_source(h[0], h[1]).encode())
            importing = p == self._import_path and mode == 'rb'
            self._import_path = None
            if importing:
                return _ModuleReader(p)
            mounted = p == self._mounted_path and mode == 'rb'
            self._mounted_path = None
            if mounted:
                return _Src(self._mount_hook()[1](p).encode())
            return _module('os').open(p, mode)

        def ilistdir(self, p):
            return _module('os').ilistdir(p)

        def statvfs(self, p):
            return _module('os').statvfs(p)

        def mkdir(self, p):
            _module('os').mkdir(p)

        def rmdir(self, p):
            _module('os').rmdir(p)

        def remove(self, p):
            _module('os').remove(p)

        def rename(self, a, b):
            _module('os').rename(a, b)

        def chdir(self, p):
            _module('os').chdir(p)

        def getcwd(self):
            return _module('os').getcwd()


    # ---------------------------------------------------------------- boots


    def _frames_hidden(line):
        return line.startswith('  File "<stdin>"') or line.startswith('  File "/.otasim/')


    def _format_exception(e):
        buf = io.StringIO()
        sys.print_exception(e, buf)
        lines = [ln for ln in buf.getvalue().split('\n') if not _frames_hidden(ln)]
        return '\n'.join(lines)


    def _last_line(text):
        lines = [ln for ln in text.split('\n') if ln]
        return lines[-1] if lines else ''


    def run(path):
        """boot.py or main.py as pyexec_file_if_exists runs it: 'absent', 'ok', 'exit' or 'exc:...'."""
        osapi = host.api('os')
        if osapi.kind(path) != 1:
            return 'absent'
        source = osapi.source(path)
        try:
            exec(compile(source, path, 'exec'), _main)
            return 'ok'
        except SystemExit:
            return 'exit'
        except BaseException as e:  # noqa: B036 - the board's REPL prints whatever ended the file
            text = _format_exception(e)
            sys.stdout.write(text)
            return 'exc:' + _last_line(text)


    def run_source(source):
        """A snippet as device code in __main__ (tests)."""
        try:
            exec(compile(source, '<stdin>', 'exec'), _main)
            return 'ok'
        except SystemExit:
            return 'exit'
        except BaseException as e:  # noqa: B036
            text = _format_exception(e)
            sys.stdout.write(text)
            return 'exc:' + _last_line(text)


    def setup(main_globals, src_class):
        nonlocal _table, _main, _self, _Src
        if _table is not None:
            raise RuntimeError('the runtime is set up once')
        _self = sys.modules['_otasim_rt']
        _Src = src_class
        _main = main_globals
        _table = _builtin('json').loads(_ret(_call(0, 'table')))
        host.firmware = _Firmware(_table['firmware'])
        host.vm_gc = gc
        vfs.umount('/')
        vfs.mount(_Flash(), '/')
        sys.path[:] = ['', '.frozen', '/lib']
        sys.modules.pop('_otasim_rt', None)
        sys.modules.pop('_otasim', None)
        builtins.__import__ = _import
        _call(0, 'runners', run, run_source)

    return host, setup


def _start():
    import _otasim

    return _runtime(_otasim.call, builtins.__import__)


host, setup = _start()
del _start, _runtime
