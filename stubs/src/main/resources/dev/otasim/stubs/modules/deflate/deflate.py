# MicroPython's deflate (extmod/moddeflate.c, v1.21+; spec §14, §20.1): DeflateIO decompresses a
# zlib, gzip or raw deflate stream as it is read. The ESP32 image has no compression
# (MICROPY_PY_DEFLATE_COMPRESS is a FULL_FEATURES option, the ESP32 is EXTRA_FEATURES), so there
# is no write. The constructor takes no keywords, as on the board.
AUTO = 0
RAW = 1
ZLIB = 2
GZIP = 3
_DEFAULT_WBITS = 8  # DEFLATEIO_DEFAULT_WBITS: raw streams without wbits get a 256-byte window


class DeflateIO:
    def __init__(self, *args, **kw):
        _args(args, kw, 1, 4)
        fmt = _host.mp_int(args[1]) if len(args) > 1 else AUTO
        wbits = _host.mp_int(args[2]) if len(args) > 2 else 0
        if fmt < AUTO or fmt > GZIP:
            raise ValueError('format')
        if wbits != 0 and (wbits < 5 or wbits > 15):
            raise ValueError('wbits')
        self._stream = args[0]
        self._format = fmt
        self._wbits = wbits
        self._close = bool(args[3]) if len(args) > 3 else False
        self._in = None

    def _init_read(self):
        # deflateio_init_read: the header once, then a window of 2**wbits bytes
        if self._in is not None:
            return True
        source = _source_of(self._stream)
        self._in = dec = _Inflate(source)
        wbits = self._wbits
        if self._format == RAW:
            wbits = wbits or _DEFAULT_WBITS
        else:
            header = dec.any_header()
            if header < 0:
                return False
            kind = dec.kind()
            if (self._format == ZLIB and kind != 'zlib') or (
                self._format == GZIP and kind != 'gzip'
            ):
                return False
            if wbits == 0 or header < wbits:
                wbits = header
        _host.builtin('gc')._alloc(1 << wbits)
        dec.start(1 << wbits)
        return True

    def _readn(self, n):
        if self._stream is None or not self._init_read():
            raise _host.OSError(22)
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

    def close(self):
        if self._stream is not None:
            if self._close:
                self._stream.close()
            self._stream = None
            if self._in is not None:
                self._in.end()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
