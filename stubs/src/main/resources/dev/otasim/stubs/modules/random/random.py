# MicroPython's random on the ESP32 (extmod/modrandom.c): a seeded generator, the extra functions.
import random as _cpy

_rng = _cpy.Random(0x5EED)


def seed(n=None):
    _rng.seed(n)


def getrandbits(n):
    if not 0 < n <= 32:
        raise ValueError('bits must be 32 or less')
    return _rng.getrandbits(n)


def randrange(start, stop=None, step=1):
    return _rng.randrange(start, stop, step)


def randint(a, b):
    return _rng.randint(a, b)


def choice(sequence):
    return _rng.choice(sequence)


def random():
    return _rng.random()


def uniform(a, b):
    return _rng.uniform(a, b)
