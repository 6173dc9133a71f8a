# MicroPython's collections on the ESP32: namedtuple, OrderedDict, deque only (spec §13).
from collections import namedtuple, OrderedDict, deque
