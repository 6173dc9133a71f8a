# MicroPython's micropython module (py/modmicropython.c).


def const(x):
    return x


def opt_level(level=None):
    return 0 if level is None else None


def alloc_emergency_exception_buf(size):
    return None


def mem_info(verbose=None):
    import gc
    print('stack: 736 out of 15360')
    print('GC: total: %d, used: %d, free: %d, max new split: 0'
          % (gc.mem_alloc() + gc.mem_free(), gc.mem_alloc(), gc.mem_free()))


def qstr_info(verbose=None):
    print('qstr pool: n_pool=1, n_qstr=1, n_str_data_bytes=10, n_total_bytes=100')


def stack_use():
    return 736


_locked = 0


def heap_lock():
    global _locked
    _locked += 1


def heap_unlock():
    global _locked
    _locked = max(0, _locked - 1)
    return _locked


def heap_locked():
    return _locked


def kbd_intr(chr):
    # which byte on the serial line raises KeyboardInterrupt (-1: none, as mpremote's mount sets)
    _host.builtin('machine')._api.kbd_intr(_host.mp_int(chr))
    return None


def schedule(func, arg):
    func(arg)
