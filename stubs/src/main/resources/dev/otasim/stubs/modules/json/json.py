# MicroPython's json (extmod/modjson.c; spec §13): ValueError('syntax error in JSON') for any
# parse error, raw UTF-8 output, no indent/sort_keys, never raises on unserialisable objects.
import json as _cpy
from io import TextIOBase as _TextIOBase


# extmod/modjson.c prints through the stream token by token (py/objstr.c mp_str_print_json: one
# write per byte of a string, two for an escaped quote, the zero padding of \u00XX apart), so a
# power cut inside json.dump falls between the same writes as on a board.
_ESC = {0x0A: b'\\n', 0x0D: b'\\r', 0x09: b'\\t'}


def _str(data, out):
    out.append(b'"')
    for c in data:
        if c == 0x22 or c == 0x5C:
            out.append(b'\\')
            out.append(bytes((c,)))
        elif c >= 32:
            out.append(bytes((c,)))
        elif c in _ESC:
            out.append(_ESC[c])
        else:
            out.append(b'\\u')
            digits = b'%x' % c
            out.append(b'0' * (4 - len(digits)))
            out.append(digits)
    out.append(b'"')


def _enc(o, item, key, out):
    # extmod/modjson.c prints objects with their own print: unserialisable ones never raise
    if o is None:
        out.append(b'null')
    elif o is True:
        out.append(b'true')
    elif o is False:
        out.append(b'false')
    elif type(o) is str:
        _str(o.encode(), out)
    elif isinstance(o, (bytes, bytearray)):
        _str(bytes(o), out)
    elif type(o) is int:
        out.append(str(o).encode())
    elif type(o) is float:
        out.append((repr(o) if o == o and o not in (float('inf'), float('-inf'))
                    else ('nan' if o != o else ('inf' if o > 0 else '-inf'))).encode())
    elif isinstance(o, (list, tuple)):
        out.append(b'[')
        for i, v in enumerate(o):
            if i:
                out.append(item)
            _enc(v, item, key, out)
        out.append(b']')
    elif isinstance(o, dict):
        out.append(b'{')
        for i, (k, v) in enumerate(o.items()):
            if i:
                out.append(item)
            if type(k) is str:
                _str(k.encode(), out)
            else:
                out.append(b'"')
                out.append(str(k).encode())
                out.append(b'"')
            out.append(key)
            _enc(v, item, key, out)
        out.append(b'}')
    elif type(o) is set:
        if not o:
            out.append(b'set()')
            return
        out.append(b'{')
        for i, v in enumerate(o):
            if i:
                out.append(b', ')
            out.append(repr(v).encode())
        out.append(b'}')
    elif type(o) is object:
        out.extend((b'<', b'object', b'>'))
    else:
        out.append(repr(o).encode())


def _tokens(obj, separators, extra):
    if extra:
        raise TypeError('extra keyword arguments given')
    item, key = (', ', ': ') if separators is None else tuple(separators)
    out = []
    _enc(obj, item.encode(), key.encode(), out)
    return out


def dumps(obj, separators=None, **extra):
    return b''.join(_tokens(obj, separators, extra)).decode()


def dump(obj, stream, separators=None, **extra):
    tokens = _tokens(obj, separators, extra)
    if isinstance(stream, _TextIOBase):
        # a StringIO takes text: the bytes of one character go in together
        pending = b''
        for t in tokens:
            pending += t
            try:
                text = pending.decode()
            except UnicodeError:
                continue
            stream.write(text)
            pending = b''
        return
    for t in tokens:
        # a stream's write gets a bytearray on the board, one per token
        stream.write(bytearray(t))


def loads(s):
    if isinstance(s, (bytes, bytearray, memoryview)):
        try:
            s = bytes(s).decode()
        except UnicodeError:
            raise UnicodeError() from None
    try:
        return _cpy.loads(s)
    except ValueError:
        raise ValueError('syntax error in JSON') from None


def load(stream):
    data = stream.read()
    _host.builtin('gc')._alloc(len(data))
    return loads(data)
