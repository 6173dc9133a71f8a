# MicroPython's gc (py/modgc.c; spec §11). collect() returns None. On the MicroPython engine
# _host.vm_gc is the VM's own gc, its heap sized to the board's, and the numbers are its own; on
# GraalPy they are modelled.
_enabled = True
_threshold = -1
_BASELINE = 18000  # bytes the interpreter and the updater's imports hold after boot (estimate)
_vm = _host.vm_gc


def collect():
    if _vm is not None:
        _vm.collect()
    return None


def enable():
    global _enabled
    _enabled = True


def disable():
    global _enabled
    _enabled = False


def isenabled():
    return _enabled


def mem_alloc():
    if _vm is not None:
        return _vm.mem_alloc()
    return _BASELINE


def mem_free():
    if _vm is not None:
        return _vm.mem_free()
    return _api.heap_bytes() - _BASELINE


def _alloc(n):
    # An allocation made on the guest's behalf (a body or file read whole, read(n), json.load):
    # one block larger than the largest free one fails as on the board (py/gc.c, spec §11).
    if n > _api.max_alloc_bytes():
        raise MemoryError('memory allocation failed, allocating %d bytes' % n)


def threshold(amount=None):
    global _threshold
    if amount is None:
        return _threshold
    _threshold = amount
