# MicroPython's binascii (extmod/modbinascii.c; spec §13): hexlify returns bytes.
import binascii as _cpy


def _buf(data):
    return data.encode() if isinstance(data, str) else bytes(data)


def hexlify(data, sep=None):
    h = _buf(data).hex()
    if sep is not None:
        s = sep.decode() if isinstance(sep, (bytes, bytearray)) else sep
        h = s.join(h[i:i + 2] for i in range(0, len(h), 2))
    return h.encode()


def unhexlify(data):
    try:
        return bytes.fromhex(_buf(data).decode())
    except ValueError:
        raise ValueError('non-hex digit') from None


def a2b_base64(data):
    raw = bytes(c for c in _buf(data) if chr(c).isalnum() or c in b'+/=')
    try:
        return _cpy.a2b_base64(raw)
    except _cpy.Error:
        raise ValueError('incorrect padding') from None


def b2a_base64(data, *, newline=True):
    return _cpy.b2a_base64(_buf(data), newline=newline)


def crc32(data, value=0):
    return _cpy.crc32(_buf(data), value)
