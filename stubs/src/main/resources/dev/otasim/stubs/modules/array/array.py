# MicroPython's array (py/objarray.c): the array type.
from array import array
