# MicroPython's heapq (extmod/modheapq.c): heappush, heappop, heapify on lists.
import heapq as _cpy

heappush = _cpy.heappush
heappop = _cpy.heappop
heapify = _cpy.heapify
