# MicroPython's sys on the ESP32 (py/modsys.c; spec §13), on either engine: _host.real_sys is the
# VM's own sys (GraalPy's, or the real MicroPython VM's), which lends the streams.
_cpy = _host.real_sys

platform = 'esp32'
byteorder = 'little'
maxsize = 2147483647
argv = []
path = _host._device_path
modules = _host._device_modules


class _Uart:
    # The UART as a stream (py/modsys.c's stdio objects): text through the board's console,
    # bytes through .buffer as they are, input from the serial line when one is attached.
    def __init__(self, text, binary, fd):
        self._text = text
        self.buffer = self if binary else _Uart(text, True, fd)
        self._binary = binary
        self._fd = fd

    def __repr__(self):
        # py/modsys.c stdio_obj_print
        return '<io.%s %d>' % ('FileIO' if self._binary else 'TextIOWrapper', self._fd)

    def _line(self):
        return _host.builtin('machine')._api

    def write(self, data, n=None):
        if isinstance(data, str):
            self._text.write(data)
            return len(data)
        b = bytes(data if n is None else memoryview(data)[:n])
        self._text.flush()
        if not self._line().stdout_write(b.decode('latin-1')):
            self._text.write(b.decode('latin-1'))
        return len(b)

    def flush(self):
        self._text.flush()

    def readinto(self, buf, n=None):
        n = len(buf) if n is None else min(n, len(buf))
        data = self._line().stdin_read(n).encode('latin-1')
        buf[:len(data)] = data
        return len(data)

    def read(self, n=-1):
        # the board's buffer is on its heap: n up front, or what came so far when reading to the
        # end, so a client that never stops sending is a MemoryError, not the host's memory
        gc = _host.builtin('gc')
        if n >= 0:
            gc._alloc(n)
        out = b''
        while n < 0 or len(out) < n:
            chunk = self._line().stdin_read(256 if n < 0 else n - len(out)).encode('latin-1')
            if not chunk:
                break
            out += chunk
            if n < 0:
                gc._alloc(len(out))
        return out if self._binary else out.decode()

    def readline(self):
        gc = _host.builtin('gc')
        out = b''
        while not out.endswith(b'\n'):
            chunk = self._line().stdin_read(1).encode('latin-1')
            if not chunk:
                break
            out += chunk
            if not len(out) & 255:
                gc._alloc(len(out))
        return out if self._binary else out.decode()


stdin = _Uart(_cpy.stdout, False, 0)
stdout = _Uart(_cpy.stdout, False, 1)
del _Uart  # dir(sys) lists the board's names and this shim's few
stderr = _cpy.stderr
ps1 = '>>> '
ps2 = '... '


class _Implementation(tuple):
    name = property(lambda s: s[0])
    version = property(lambda s: s[1])
    _machine = property(lambda s: s[2])
    _build = property(lambda s: s[3])
    _mpy = property(lambda s: s[4])


_fw = _host.firmware
implementation = _Implementation(('micropython', _fw.version, 'Generic ESP32 module with ESP32',
                                  'ESP32_GENERIC', 6 | (6 << 8)))
version = '3.4.0; MicroPython v%s on 2025-12-10' % _fw.release
version_info = (3, 4, 0)


def exit(retval=0):
    raise SystemExit(retval)


def print_exception(exc, file=None):
    # (the helpers are nested: dir(sys) lists the board's names and this shim's few)
    def _quoted(s):
        q = '"' if "'" in s and '"' not in s else "'"
        out = [q]
        for ch in s:
            if ch == q or ch == '\\':
                out.append('\\' + ch)
            elif ' ' <= ch <= '~':
                out.append(ch)
            else:
                return None
        out.append(q)
        return out

    def _value(v):
        if type(v) is str:
            return _quoted(v)
        if type(v) in (int, bool) or v is None:
            return [repr(v)]
        return None

    def _exc_pieces(exc, text):
        lines = text.split('\n')
        out = [lines[0] + '\n']
        for line in lines[1:-2]:
            head, sep, rest = line.partition('", line ')
            number, sep2, func = rest.partition(', in ')
            if not (sep and sep2 and head.startswith('  File "')):
                return [text]
            out.extend(('  File "', head[8:], '", line ', number, ', in ', func, '\n'))
        name = type(exc).__name__
        args = exc.args
        out.append(name)
        if args:
            out.append(': ')
            if isinstance(exc, OSError) and type(args[0]) is int and lines[-2].startswith(
                    name + ': [Errno '):
                out.extend(('[Errno ', str(args[0]), '] ', lines[-2].split('] ', 1)[1]))
            elif len(args) == 1:
                out.append(lines[-2][len(name) + 2:])
            else:
                out.append('(')
                for i, v in enumerate(args):
                    if i:
                        out.append(', ')
                    piece = _value(v)
                    if piece is None:
                        return [text]
                    out.extend(piece)
                out.append(',)' if len(args) == 1 else ')')
        out.append('\n')
        return out

    text = _host.format_exception(exc)
    if file is None or file is stdout:
        stdout.write(text)
        return
    # py/obj.c mp_obj_print_exception writes into a stream piece by piece: each frame's text and
    # numbers apart, the exception's name, its message (py/objexcept.c)
    pieces = _exc_pieces(exc, text)
    if ''.join(pieces) != text:
        pieces = [text]
    for p in pieces:
        file.write(p)
