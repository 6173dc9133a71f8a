# MicroPython's re is a subset of CPython's (extmod/modre.c); the common calls behave alike.
import re as _cpy


def compile(pattern, flags=0):
    return _cpy.compile(pattern, flags)


def match(pattern, string, flags=0):
    return _cpy.match(pattern, string, flags)


def search(pattern, string, flags=0):
    return _cpy.search(pattern, string, flags)


def sub(pattern, repl, string, count=0, flags=0):
    return _cpy.sub(pattern, repl, string, count, flags)


def split(pattern, string, maxsplit=0, flags=0):
    return _cpy.split(pattern, string, maxsplit, flags)


DEBUG = 0x1000
