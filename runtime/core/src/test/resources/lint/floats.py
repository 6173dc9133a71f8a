# Single-precision floats on the ESP32 (spec §16).
PI = 3.14159265
BIG = 1e39
STAMP = 1700000000.5

# Fine: what float32 keeps.
HALF = 0.5
RATE = 0.1
MB = 1e6
