# memory_probe.py adapted: the unix port's heap is a hard 112K cap; the simulator models the
# ESP32's largest free block instead, so the fill-the-heap loop is left out (it would only stop
# when the host runs out of memory).
import gc
gc.collect()
print(gc.mem_free(), gc.mem_alloc())
try:
    b = bytearray(1500000)
except MemoryError as e:
    print(repr(e), e.args)
