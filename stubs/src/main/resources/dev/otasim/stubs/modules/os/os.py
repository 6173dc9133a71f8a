# MicroPython's os (extmod/modos.c) on the simulated LittleFS flash; spec §2-§3.
# Host shim: _api is the Java OsModule (guarded), _host the bootstrap.
sep = '/'


def _path(p):
    if isinstance(p, (bytes, bytearray)):
        return bytes(p).decode(), True
    if not isinstance(p, str):
        # py/objstr.c bad_implicit_conversion
        raise TypeError("can't convert '%s' object to str implicitly" % type(p).__name__)
    return p, False


# ---------------------------------------------------------------- the VFS layer (extmod/vfs.c)
# The flash is mounted at '/' (its cwd and files live in the Java OsModule). User VFS objects
# mounted with mount() (mpremote's RemoteFS, a RAM disk written in Python) get their paths here:
# an absolute path under a mount point goes to that object with the rest of the path ('/' for the
# point itself), a relative one to the object the cwd is in, with the path as it is.

_mounts = []  # [(mount point, vfs object)], in mount order; the flash's '/' is implicit
_cur = None  # the mount the cwd is in; None for the flash


def _lookup(p):
    """(mount, path for it): mount None is the flash, which takes the path unchanged."""
    if not _mounts:
        return None, p
    if p.startswith('/') or (_cur is None and str(_api.getcwd()) == '/'):
        a = p if p.startswith('/') else '/' + p
        for m in _mounts:
            point = m[0]
            if a == point:
                return m, '/'
            if a.startswith(point + '/'):
                return m, a[len(point):]
        return None, p
    return _cur, p


def _mount_names(p):
    # the virtual root lists the mount points before the flash's own entries (mp_vfs_ilistdir)
    a = p if p.startswith('/') else ('/' + p if _cur is None and str(_api.getcwd()) == '/' else p)
    if a.rstrip('/') != '':
        return []
    return [m[0][1:] for m in _mounts]


def listdir(path=''):
    p, as_bytes = _path(path)
    m, q = _lookup(p)
    if m is not None:
        names = [str(e[0]) for e in m[1].ilistdir(q)]
    else:
        names = _mount_names(p) + [str(n) for n in _api.listdir(p)]
    return [n.encode() for n in names] if as_bytes else names


def _ilistdir(flat, as_bytes):
    for i in range(0, len(flat), 3):
        name = str(flat[i])
        yield (name.encode() if as_bytes else name, int(flat[i + 1]), 0, int(flat[i + 2]))


def _points(names, as_bytes):
    for n in names:
        yield (n.encode() if as_bytes else n, 0x4000, 0)


def _chain(first, then):
    yield from first
    yield from then


def ilistdir(path=''):
    p, as_bytes = _path(path)
    m, q = _lookup(p)
    if m is not None:
        return m[1].ilistdir(q)
    flash = _ilistdir(list(_api.ilistdir(p)), as_bytes)
    points = _mount_names(p)
    return _chain(_points(points, as_bytes), flash) if points else flash


def stat(path):
    p = _path(path)[0]
    m, q = _lookup(p)
    if m is not None:
        return m[1].stat(q)
    s = _api.stat(p)
    mode, size, mtime = int(s[0]), int(s[1]), int(s[2])
    return (mode, 0, 0, 0, 0, 0, size, mtime, mtime, mtime)


def statvfs(path):
    p = _path(path)[0]
    m, q = _lookup(p)
    if m is not None:
        return m[1].statvfs(q)
    b = _api.statvfs(p)
    return (4096, 4096, int(b[0]), int(b[1]), int(b[1]), 0, 0, 0, 0, 255)


def mkdir(path):
    p = _path(path)[0]
    m, q = _lookup(p)
    if m is not None:
        return m[1].mkdir(q)
    _api.mkdir(p)


def rmdir(path):
    p = _path(path)[0]
    m, q = _lookup(p)
    if m is not None:
        return m[1].rmdir(q)
    _api.rmdir(p)


def remove(path):
    p = _path(path)[0]
    m, q = _lookup(p)
    if m is not None:
        return m[1].remove(q)
    _api.remove(p)


unlink = remove


def rename(old, new):
    a, b = _path(old)[0], _path(new)[0]
    ma, qa = _lookup(a)
    mb, qb = _lookup(b)
    if ma is not mb:
        raise _host.OSError(1)  # across mount points: EPERM (mp_vfs_rename)
    if ma is not None:
        return ma[1].rename(qa, qb)
    _api.rename(a, b)


def chdir(path):
    global _cur
    p = _path(path)[0]
    m, q = _lookup(p)
    if m is not None:
        m[1].chdir(q)
        _cur = m
        return
    _api.chdir(p)
    _cur = None


def getcwd():
    if _cur is None:
        return str(_api.getcwd())
    cwd = _cur[1].getcwd()
    return _cur[0] + ('' if cwd == '/' else cwd)


class _Flash:
    """The flash as the mount table shows it: the port's VfsLfs2 (or VfsFat) at '/'."""

    def __init__(self, name):
        self._name = name

    def __repr__(self):
        return '<%s>' % self._name

    __str__ = __repr__

    def statvfs(self, path):
        return statvfs('/')


_flash = None


def mount(*args, readonly=False, mkfs=False):
    # vfs.mount (extmod/vfs.c mp_vfs_mount); no arguments: the mount table, '/' last
    global _flash
    if not args:
        if _flash is None:
            _flash = _Flash('VfsFat' if _api.fat() else 'VfsLfs2')
        return [(m[1], m[0]) for m in reversed(_mounts)] + [(_flash, '/')]
    if len(args) != 2:
        raise TypeError('function takes 2 positional arguments but %d were given' % len(args))
    obj, point = args
    point, _ = _path(point)
    if not hasattr(obj, 'mount'):
        # a block device: the port would detect its filesystem; the simulated board has none
        raise _host.OSError(19)
    obj.mount(readonly, mkfs)
    if point == '/' or point in [m[0] for m in _mounts]:
        raise _host.OSError(1)  # mount point in use
    _mounts.insert(0, (point, obj))


def umount(mnt):
    global _cur
    for m in _mounts:
        if (isinstance(mnt, str) and m[0] == mnt) or m[1] is mnt:
            _mounts.remove(m)
            if _cur is m:
                _cur = None
                _api.chdir('/')
            m[1].umount()
            return None
    raise _host.OSError(22)


def _import_kind(path):
    # for the import hook (bootstrap's _kind/_source, while _mounts is not empty): a module under
    # a mount point is 0 nothing, 1 a file, 2 a directory; None: the flash's
    m, q = _lookup(path)
    if m is None:
        return None
    try:
        mode = m[1].stat(q)[0]
    except Exception:
        return 0
    return 2 if mode & 0x4000 else 1


def _import_source(path):
    m, q = _lookup(path)
    if m is None:
        return None
    f = m[1].open(q, 'r')
    try:
        return f.read()
    finally:
        f.close()


_import_hook = (_import_kind, _import_source)


class VfsLfs2:
    """The class of the port's LittleFS; a block device of one's own is not simulated."""

    def __init__(self, *args, **kwargs):
        raise _host.OSError(19)

    @staticmethod
    def mkfs(*args, **kwargs):
        raise _host.OSError(19)


class VfsFat(VfsLfs2):
    pass


def sync():
    # Flushes FAT mounts only; a no-op on LittleFS, and it never flushes open files (spec §2.2).
    return None


class _UName(tuple):
    sysname = property(lambda s: s[0])
    nodename = property(lambda s: s[1])
    release = property(lambda s: s[2])
    version = property(lambda s: s[3])
    machine = property(lambda s: s[4])


def uname():
    fw = _host.firmware
    return _UName(('esp32', 'esp32', fw.release, 'v%s on 2025-12-10' % fw.release,
                   'Generic ESP32 module with ESP32'))


_rng = None


def urandom(n):
    global _rng
    if n < 0:
        raise ValueError('negative count')
    if _rng is None:
        import random
        _rng = random.Random(0x0E5932)
    return bytes(_rng.getrandbits(8) for _ in range(n))


def dupterm(stream=None, index=0):
    return None


def dupterm_notify(obj):
    return None


# ---------------------------------------------------------------- files


class _File:
    __slots__ = ('_h',)

    def __init__(self, handle):
        self._h = handle

    def _raw_read(self, n):
        gc = _host.builtin('gc')
        if n is not None and n > 0:
            gc._alloc(n)
        data = _api.read(self._h, n).encode('latin-1')
        if n is None or n < 0:
            gc._alloc(len(data))
        return data

    def readinto(self, buf, n=-1):
        if not isinstance(buf, (bytearray, memoryview)):
            raise TypeError('object with buffer protocol required')
        n = _host.mp_int(n)
        want = len(buf) if n < 0 else min(n, len(buf))
        data = self._raw_read(want)
        buf[:len(data)] = data
        return len(data)

    def write(self, data):
        if isinstance(data, str):
            raw = data.encode()
        elif isinstance(data, (bytes, bytearray, memoryview)):
            raw = bytes(data)
        else:
            raise TypeError('object with buffer protocol required')
        return _api.write(self._h, raw.decode('latin-1'))

    def flush(self):
        _api.flush(self._h)

    def close(self):
        _api.close(self._h)

    def seek(self, offset, whence=0):
        # py/stream.c stream_seek: both arguments through mp_obj_get_int
        return _api.seek(self._h, _host.mp_int(offset), _host.mp_int(whence))

    def tell(self):
        return _api.tell(self._h)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self):
        return list(self)


class FileIO(_File):
    __slots__ = ()

    def read(self, n=-1):
        # py/stream.c: the size goes through mp_obj_get_int, so read(None) is a TypeError
        return self._raw_read(_host.mp_int(n))

    def readline(self, size=-1):
        return _api.readline(self._h, size).encode('latin-1')

    def __repr__(self):
        return '<io.FileIO>'


class TextIOWrapper(_File):
    __slots__ = ()

    def read(self, n=-1):
        n = _host.mp_int(n)
        if n < 0:
            return self._decode(self._raw_read(-1))
        # n counts characters: whole UTF-8 sequences are read (py/stream.c)
        out = b''
        for _ in range(n):
            b = self._raw_read(1)
            if not b:
                break
            lead = b[0]
            extra = 0 if lead < 0xC0 else 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3
            out += b + (self._raw_read(extra) if extra else b'')
        return self._decode(out)

    def readline(self, size=-1):
        return self._decode(_api.readline(self._h, size).encode('latin-1'))

    @staticmethod
    def _decode(b):
        try:
            return b.decode()
        except UnicodeError:
            raise UnicodeError() from None

    def __repr__(self):
        return '<io.TextIOWrapper>'


def open(file, mode='r', buffering=-1, encoding=None, **extra):
    # buffering and encoding are accepted and ignored; anything else is rejected (spec §3.1)
    if extra:
        raise TypeError('extra keyword arguments given')
    p, _ = _path(file)
    mode, _ = _path(mode)
    _host.mp_int(buffering)
    m, q = _lookup(p)
    if m is not None:
        return m[1].open(q, mode)
    handle = _api.open(p, mode)
    return FileIO(handle) if 'b' in mode else TextIOWrapper(handle)


FileIO.__module__ = TextIOWrapper.__module__ = 'io'
