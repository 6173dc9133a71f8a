# MicroPython's struct (py/modstruct.c): no Struct class, ValueError('buffer too small').
import struct as _cpy


def _check(fmt):
    # py/modstruct.c knows b B h H i I l L q Q s P f d x; '?', 'e', 'n', 'N' are bad typecodes
    for c in fmt:
        if c in '?eNn':
            raise ValueError('bad typecode')


def calcsize(fmt):
    _check(fmt)
    return _cpy.calcsize(fmt)


def pack(fmt, *values):
    _check(fmt)
    return _cpy.pack(fmt, *values)


def pack_into(fmt, buffer, offset, *values):
    _cpy.pack_into(fmt, buffer, offset, *values)


def unpack(fmt, data):
    try:
        return _cpy.unpack(fmt, data)
    except _cpy.error:
        raise ValueError('buffer too small') from None


def unpack_from(fmt, data, offset=0):
    try:
        return _cpy.unpack_from(fmt, data, offset)
    except _cpy.error:
        raise ValueError('buffer too small') from None
