# The decoding half of deflate (v1.21+) and uzlib (up to v1.20), after lib/uzlib: the zlib and
# gzip headers and trailers are read here a byte at a time as uzlib reads them; the deflate body
# is decoded in Java, in the board's window (_api.raw), fed from the source in chunks of _CHUNK
# bytes, so an archive never sits whole in memory (spec §11, §14). Unlike the board, which takes
# one byte at a time, the body's last chunk may read a little past the stream's end.
_CHUNK = 512
_DATA_ERROR = -3  # UZLIB_DATA_ERROR (TINF_DATA_ERROR up to v1.20)
_CHKSUM_ERROR = -4  # UZLIB_CHKSUM_ERROR


def _eof_error():
    raise EOFError


class _Inflate:
    # source(n) gives up to n bytes, b'' at the end; at_end() is what a byte past the end is
    # (EOFError from a stream, the sticky 0 of a buffer up to v1.20)
    def __init__(self, source, at_end=_eof_error):
        self._source = source
        self._at_end = at_end
        self._ahead = b''
        self._s = None
        self._kind = None
        self.done = False

    def byte(self):
        if self._ahead:
            b = self._ahead[0]
            self._ahead = self._ahead[1:]
            return b
        data = self._source(1)
        if not data:
            return self._at_end()
        return data[0]

    def _skip(self, n):
        for _ in range(n):
            self.byte()

    def _le16(self):
        lo = self.byte()
        return lo | self.byte() << 8

    def gzip_header(self, id_checked=False):
        # lib/uzlib header.c (tinfgzip.c up to v1.20); the header CRC is skipped, not checked
        if not id_checked and (self.byte() != 0x1F or self.byte() != 0x8B):
            return _DATA_ERROR
        if self.byte() != 8:
            return _DATA_ERROR
        flg = self.byte()
        if flg & 0xE0:
            return _DATA_ERROR
        self._skip(6)
        if flg & 4:
            self._skip(self._le16())
        if flg & 8:
            while self.byte():
                pass
        if flg & 16:
            while self.byte():
                pass
        if flg & 2:
            self._le16()
        self._kind = 'gzip'
        return 15

    def zlib_header(self, cmf=None, flg=None):
        # the window's wbits (8..15) from a valid zlib header, else _DATA_ERROR
        if cmf is None:
            cmf = self.byte()
            flg = self.byte()
        if (256 * cmf + flg) % 31 or cmf & 0x0F != 8 or cmf >> 4 > 7 or flg & 0x20:
            return _DATA_ERROR
        self._kind = 'zlib'
        return (cmf >> 4) + 8

    def any_header(self):
        # v1.21+: uzlib_parse_zlib_gzip_header
        cmf = self.byte()
        flg = self.byte()
        if cmf == 0x1F and flg == 0x8B:
            return self.gzip_header(True)
        return self.zlib_header(cmf, flg)

    def kind(self):
        return self._kind

    def start(self, window):
        # window: the ring the board allocates, 2**wbits bytes, which a back-reference may not
        # reach past (UZLIB_DICT_ERROR); 0 for all the output so far (uzlib.decompress)
        self._s = _api.raw({None: 0, 'zlib': 1, 'gzip': 2}[self._kind], window)

    def read(self, n):
        # up to n decoded bytes (b'' once done), or a status < 0 for bad data or a bad sum
        if self.done or n <= 0:
            return b''
        # self._s, the Java decoder, keeps the name the MicroPython engine's source adapter knows
        # (EngineHost.adapt: its latin-1 str results become bytes there too)
        while True:
            out = self._s.inflate(n).encode('latin-1')
            if self._s.failed():
                self.done = True
                return _DATA_ERROR
            if self._s.finished():
                self.done = True
                return self._trailer(out)
            if out:
                return out
            if self._s.needs_input():
                data = self._ahead or self._source(_CHUNK)
                self._ahead = b''
                if not data:
                    self._at_end()
                    self.done = True
                    return _DATA_ERROR
                self._s.feed(data.decode('latin-1'))

    def _trailer(self, out):
        self._ahead = self._s.rest().encode('latin-1') + self._ahead
        want = self._s.checksum()
        self._s.end()
        if self._kind == 'zlib':
            got = 0
            for _ in range(4):
                got = got << 8 | self.byte()
            if got != want:
                return _CHKSUM_ERROR
        elif self._kind == 'gzip':
            got = 0
            for i in range(4):
                got |= self.byte() << 8 * i
            if got != want:
                return _CHKSUM_ERROR
            self._skip(4)  # the length: read, not checked (uzlib's TODO)
        return out

    def end(self):
        if self._s is not None and not self.done:
            self._s.end()
        self.done = True


def _source_of(stream):
    read = getattr(stream, 'read', None)
    if read is None:
        raise _host.OSError('stream operation not supported')
    return read


def _args(args, kw, least, most):
    # the board's mp_arg_check_num for a C constructor or function without keywords
    if kw:
        raise TypeError("function doesn't take keyword arguments")
    if len(args) < least:
        raise TypeError('function missing %d required positional arguments' % (least - len(args)))
    if len(args) > most:
        raise TypeError('function expected at most %d arguments, got %d' % (most, len(args)))


def _read_all(readn, size):
    # mp_stream_read: size < 0 reads to the end; else up to size bytes, looping until full
    gc = _host.builtin('gc')
    size = _host.mp_int(size)
    if size >= 0:
        gc._alloc(size)
    parts = []
    got = 0
    while size < 0 or got < size:
        chunk = readn(256 if size < 0 else size - got)
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
        if size < 0:
            # the board's buffer grows with what was read: a bomb is a MemoryError as soon as
            # it outgrows the heap, never a gigabyte held by the host first
            gc._alloc(got)
    return b''.join(parts)


def _readinto(readn, buf, n):
    if not isinstance(buf, (bytearray, memoryview)):
        raise TypeError('object with buffer protocol required')
    n = _host.mp_int(n)
    want = len(buf) if n < 0 else min(n, len(buf))
    data = _read_all(readn, want)
    buf[: len(data)] = data
    return len(data)


def _readline(readn, size):
    # mp_stream_unbuffered_readline: a byte at a time up to and including b'\n'
    size = _host.mp_int(size)
    gc = _host.builtin('gc')
    line = bytearray()
    while size < 0 or len(line) < size:
        c = readn(1)
        if not c:
            break
        line += c
        if c == b'\n':
            break
        if size < 0 and not len(line) & 255:
            gc._alloc(len(line))  # a line without an end grows on the heap, as on the board
    return bytes(line)
