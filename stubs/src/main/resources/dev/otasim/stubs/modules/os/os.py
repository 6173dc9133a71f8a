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


def listdir(path=''):
    p, as_bytes = _path(path)
    names = list(_api.listdir(p))
    return [n.encode() for n in names] if as_bytes else [str(n) for n in names]


def _ilistdir(flat, as_bytes):
    for i in range(0, len(flat), 3):
        name = str(flat[i])
        yield (name.encode() if as_bytes else name, int(flat[i + 1]), 0, int(flat[i + 2]))


def ilistdir(path=''):
    p, as_bytes = _path(path)
    return _ilistdir(list(_api.ilistdir(p)), as_bytes)


def stat(path):
    s = _api.stat(_path(path)[0])
    mode, size, mtime = int(s[0]), int(s[1]), int(s[2])
    return (mode, 0, 0, 0, 0, 0, size, mtime, mtime, mtime)


def statvfs(path):
    b = _api.statvfs(_path(path)[0])
    return (4096, 4096, int(b[0]), int(b[1]), int(b[1]), 0, 0, 0, 0, 255)


def mkdir(path):
    _api.mkdir(_path(path)[0])


def rmdir(path):
    _api.rmdir(_path(path)[0])


def remove(path):
    _api.remove(_path(path)[0])


unlink = remove


def rename(old, new):
    _api.rename(_path(old)[0], _path(new)[0])


def chdir(path):
    _api.chdir(_path(path)[0])


def getcwd():
    return str(_api.getcwd())


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
    handle = _api.open(p, mode)
    return FileIO(handle) if 'b' in mode else TextIOWrapper(handle)


FileIO.__module__ = TextIOWrapper.__module__ = 'io'
