# MicroPython's uzlib (extmod/moduzlib.c, up to v1.20; spec §14, §20): decompress() of a whole
# zlib (or, with wbits < 0, raw deflate) buffer, returned as a bytearray, its errors ValueError
# with uzlib's status (-3 data, -4 checksum); DecompIO, a read-only stream whose header is parsed
# when it is made (wbits >= 16 gzip, 0..15 zlib, < 0 raw with a window of 2**-wbits bytes).
# Neither takes keywords. v1.21 replaced it with deflate.


def decompress(*args, **kw):
    _args(args, kw, 1, 3)
    data = args[0]
    if isinstance(data, str):
        data = data.encode()
    elif not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError('object with buffer protocol required')
    data = bytes(data)
    raw = len(args) > 1 and _host.mp_int(args[1]) < 0
    pos = [0]

    def source(n):
        chunk = data[pos[0]: pos[0] + n]
        pos[0] += len(chunk)
        return chunk

    dec = _Inflate(source, lambda: 0)  # a buffer's end is a sticky 0 byte (tinflate.c)
    if not raw and dec.zlib_header() < 0:
        raise ValueError(_DATA_ERROR)
    dec.start(0)  # no ring: the whole output is the window
    gc = _host.builtin('gc')
    parts = []
    got = 0
    while not dec.done:
        r = dec.read(4096)
        if type(r) is int:
            raise ValueError(r)
        parts.append(r)
        got += len(r)
        gc._alloc(got)  # the output buffer grows on the heap: a bomb fails as it outgrows it
    return bytearray(b''.join(parts))


class DecompIO:
    def __init__(self, *args, **kw):
        _args(args, kw, 1, 2)
        source = _source_of(args[0])
        wbits = _host.mp_int(args[1]) if len(args) > 1 else 0
        self._in = dec = _Inflate(source)
        if wbits >= 16:
            if dec.gzip_header() < 0:
                raise ValueError('compression header')
            window = 1 << (wbits - 16)
        elif wbits >= 0:
            header = dec.zlib_header()
            if header < 0:
                raise ValueError('compression header')
            window = 1 << header
        else:
            window = 1 << -wbits
        _host.builtin('gc')._alloc(window)
        dec.start(window)

    def _readn(self, n):
        r = self._in.read(n)
        if type(r) is int:
            raise _host.OSError(22)
        return r

    def read(self, size=-1):
        return _read_all(self._readn, size)

    def readinto(self, buf, n=-1):
        return _readinto(self._readn, buf, n)

    def readline(self, size=-1):
        return _readline(self._readn, size)
