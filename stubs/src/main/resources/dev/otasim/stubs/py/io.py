# MicroPython's io: BytesIO, StringIO, IOBase, open (spec §13).
from io import BytesIO, StringIO, IOBase


def open(*args, **kwargs):
    return _host.builtin('os').open(*args, **kwargs)
