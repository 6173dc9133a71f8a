# MicroPython's time on the ESP32 (extmod/modtime.c; spec §12): epoch 2000, int time(),
# 8-tuples, ticks that wrap at 2**30. Sleeping advances a virtual clock instantly.
_PERIOD = 1 << 30
_MASK = _PERIOD - 1
_HALF = _PERIOD >> 1


def time():
    return _api.rtc_us() // 1000000


def time_ns():
    return _api.rtc_us() * 1000


def sleep(seconds):
    _api.sleep_us(int(_host.mp_float(seconds) * 1000000))


def sleep_ms(ms):
    _api.sleep_us(_host.mp_int(ms) * 1000)


def sleep_us(us):
    _api.sleep_us(_host.mp_int(us))


def ticks_ms():
    return (_api.ticks_us() // 1000) & _MASK


def ticks_us():
    return _api.ticks_us() & _MASK


def ticks_cpu():
    return _api.ticks_us() & _MASK


def ticks_add(ticks, delta):
    delta = _host.mp_int(delta)
    if not -_HALF < delta < _HALF:
        raise OverflowError('ticks interval overflow')
    return (ticks + delta) & _MASK


def ticks_diff(ticks1, ticks2):
    return ((ticks1 - ticks2 + _HALF) & _MASK) - _HALF


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def gmtime(secs=None):
    # the ESP32's timestamps are integers (float32 build: no float path in
    # timeutils_obj_get_timestamp), so localtime(1.5) is TypeError there
    secs = time() if secs is None else _host.mp_int(secs)
    days, rem = divmod(secs, 86400)
    hour, rem = divmod(rem, 3600)
    minute, second = divmod(rem, 60)
    weekday = (days + 5) % 7  # 2000-01-01 was a Saturday (5)
    year = 2000
    while True:
        n = 366 if _leap(year) else 365
        if days < n:
            break
        days -= n
        year += 1
    yday = days + 1
    month = 1
    for i, d in enumerate(_DAYS):
        d += 1 if i == 1 and _leap(year) else 0
        if days < d:
            break
        days -= d
        month += 1
    return (year, month, days + 1, hour, minute, second, weekday, yday)


localtime = gmtime


def mktime(t):
    if not isinstance(t, (tuple, list)):
        raise TypeError("object '%s' isn't a tuple or list" % type(t).__name__)
    if not 8 <= len(t) <= 9:
        raise TypeError('mktime needs a tuple of length 8 or 9')
    year, month, mday, hour, minute, second = [_host.mp_int(v) for v in t[:6]]
    days = 0
    for y in range(2000, year):
        days += 366 if _leap(y) else 365
    for m in range(1, month):
        days += _DAYS[m - 1] + (1 if m == 2 and _leap(year) else 0)
    days += mday - 1
    return days * 86400 + hour * 3600 + minute * 60 + second
