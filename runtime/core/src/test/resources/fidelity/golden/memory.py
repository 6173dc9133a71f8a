# One allocation larger than the largest free block fails as on the board (spec §11, §15)
import gc
print(gc.collect(), gc.mem_free() > 0)
with open('big.bin', 'wb') as f:
    for i in range(12):
        f.write(b'x' * 4096)
try:
    open('big.bin', 'rb').read()
except MemoryError as e:
    print(repr(e))
with open('big.bin', 'rb') as f:
    print(len(f.read(4096)))
try:
    bytearray(50000)
except MemoryError as e:
    print(e)
print(len(bytearray(1000)))
