# MicroPython's io: BytesIO, StringIO, IOBase, open (spec §13).
import io as _cpy
from io import BytesIO, IOBase


def _absent(self):
    raise AttributeError("'StringIO' object has no attribute 'readlines'")


class StringIO(_cpy.StringIO):
    # MicroPython's StringIO has no readlines (spec §13)
    readlines = property(_absent)


def open(*args, **kwargs):
    return _host.builtin('os').open(*args, **kwargs)
