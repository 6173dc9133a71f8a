# MicroPython's math (py/modmath.c): CPython's functions the ESP32 build has.
import math as _cpy

_NAMES = ('acos acosh asin asinh atan atan2 atanh ceil copysign cos cosh degrees e erf erfc exp '
          'expm1 fabs floor fmod frexp gamma inf isclose isfinite isinf isnan ldexp lgamma log '
          'log10 log2 modf nan pi pow radians sin sinh sqrt tan tanh tau trunc').split()
for _n in _NAMES:
    globals()[_n] = getattr(_cpy, _n)
del _n
