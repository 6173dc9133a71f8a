# MicroPython's cmath (py/modcmath.c).
import cmath as _cpy

_NAMES = 'cos e exp log log10 phase pi polar rect sin sqrt'.split()
for _n in _NAMES:
    globals()[_n] = getattr(_cpy, _n)
del _n
