# MicroPython's json (extmod/modjson.c; spec §13): ValueError('syntax error in JSON') for any
# parse error, raw UTF-8 output, no indent/sort_keys, never raises on unserialisable objects.
import json as _cpy


def _dev_str(o):
    if isinstance(o, (bytes, bytearray)):
        return bytes(o).decode()
    return repr(o)


def dumps(obj, separators=None):
    seps = (', ', ': ') if separators is None else tuple(separators)
    return _cpy.dumps(obj, ensure_ascii=False, separators=seps, default=_dev_str)


def dump(obj, stream, separators=None):
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
    return loads(stream.read())
