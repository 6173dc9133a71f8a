# MicroPython's json (extmod/modjson.c; spec §13): ValueError('syntax error in JSON') for any
# parse error, raw UTF-8 output, no indent/sort_keys, never raises on unserialisable objects.
import json as _cpy


def _str(s):
    return _cpy.dumps(s, ensure_ascii=False)


def _enc(o, item, key, out):
    # extmod/modjson.c prints objects with their own print: unserialisable ones never raise
    if o is None:
        out.append('null')
    elif o is True:
        out.append('true')
    elif o is False:
        out.append('false')
    elif type(o) is str:
        out.append(_str(o))
    elif isinstance(o, (bytes, bytearray)):
        out.append(_str(bytes(o).decode()))
    elif type(o) is int:
        out.append(str(o))
    elif type(o) is float:
        out.append(repr(o) if o == o and o not in (float('inf'), float('-inf'))
                   else ('nan' if o != o else ('inf' if o > 0 else '-inf')))
    elif isinstance(o, (list, tuple)):
        out.append('[')
        for i, v in enumerate(o):
            if i:
                out.append(item)
            _enc(v, item, key, out)
        out.append(']')
    elif isinstance(o, dict):
        out.append('{')
        for i, (k, v) in enumerate(o.items()):
            if i:
                out.append(item)
            out.append(_str(k) if type(k) is str else '"%s"' % k)
            out.append(key)
            _enc(v, item, key, out)
        out.append('}')
    elif type(o) is set:
        out.append('{' + ', '.join(repr(v) for v in o) + '}')
    elif type(o) is object:
        out.append('<object>')
    else:
        out.append(repr(o))


def dumps(obj, separators=None, **extra):
    if extra:
        raise TypeError('extra keyword arguments given')
    item, key = (', ', ': ') if separators is None else tuple(separators)
    out = []
    _enc(obj, item, key, out)
    return ''.join(out)


def dump(obj, stream, separators=None, **extra):
    if extra:
        raise TypeError('extra keyword arguments given')
    stream.write(dumps(obj, separators))


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
