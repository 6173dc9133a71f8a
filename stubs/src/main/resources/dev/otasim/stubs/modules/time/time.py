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


# The ESP32 converts through shared/timeutils with 32-bit unsigned arithmetic referenced to 1970
# (extended dates are for 64-bit ports only): every leap year is year % 4, a timestamp is taken
# modulo 2**32 after adding the 1970-2000 offset, so dates run from 1970 to 2106 and wrap, and
# every conversion is a few divisions, however large the number (time.localtime(2**62) answers
# at once on the board).
_U32 = 0xFFFFFFFF
_TO_1970 = 946684800
_SINCE_JAN1 = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365)
_FROM_MARCH = (31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 29)


def _ll(x):
    # mp_obj_get_ll: a 64-bit timestamp (time_t on the ESP32)
    x = _host.mp_int(x)
    if not -(1 << 63) <= x < 1 << 63:
        raise OverflowError('overflow converting long int to machine word')
    return x


def _month_days(year, month):
    d = _SINCE_JAN1[month] - _SINCE_JAN1[month - 1]
    return d + 1 if month == 2 and year % 4 == 0 else d


def gmtime(secs=None):
    # the ESP32's timestamps are integers (float32 build: no float path in
    # timeutils_obj_get_timestamp), so localtime(1.5) is TypeError there
    secs = time() if secs is None else _ll(secs)
    t = (secs + _TO_1970) & _U32
    days, rem = divmod(t, 86400)
    hour, rem = divmod(rem, 3600)
    minute, second = divmod(rem, 60)
    weekday = (days + 3) % 7  # 1970-01-01 was a Thursday (3)
    days += 365 + 366 - (31 + 29)  # from 1968-02-29, the last leap day before 1970
    cycles, days = divmod(days, 365 * 4 + 1)
    years = min(days // 365, 3)
    days -= years * 365
    year = 1968 + years + 4 * cycles
    month = 0
    while _FROM_MARCH[month] <= days:
        days -= _FROM_MARCH[month]
        month += 1
    month += 2
    if month >= 12:
        month -= 12
        year += 1
    month += 1
    yday = _SINCE_JAN1[month - 1] + days + 1 + (1 if month >= 3 and year % 4 == 0 else 0)
    return (year & 0xFFFF, month, days + 1, hour, minute, second, weekday, yday)


localtime = gmtime


def _i32(x):
    return ((x + (1 << 31)) & _U32) - (1 << 31)


def _cdiv(a, b):
    # C's division and remainder: truncated toward zero
    q = abs(a) // b
    q = -q if a < 0 else q
    return q, a - q * b


def mktime(t):
    if not isinstance(t, (tuple, list)):
        raise TypeError("object '%s' isn't a tuple or list" % type(t).__name__)
    if not 8 <= len(t) <= 9:
        raise TypeError('mktime needs a tuple of length 8 or 9')
    year, month, mday, hour, minute, second = [_host.mp_int(v) for v in t[:6]]
    # timeutils_mktime_1970: normalise seconds into minutes, ..., months into years
    q, second = _cdiv(second, 60)
    minute = _i32(minute + q)
    if second < 0:
        second += 60
        minute -= 1
    q, minute = _cdiv(minute, 60)
    hour = _i32(hour + q)
    if minute < 0:
        minute += 60
        hour -= 1
    q, hour = _cdiv(hour, 24)
    mday = _i32(mday + q)
    if hour < 0:
        hour += 24
        mday -= 1
    q, month = _cdiv(month - 1, 12)
    year = (year + q) & _U32
    if month < 0:
        month += 12
        year = (year - 1) & _U32
    month += 1
    # whole four-year cycles (1461 days, leap years every fourth: the board's rule) at once,
    # then month by month as the board does
    if mday < 1 or mday > 1461:
        q = (mday - 1) // 1461
        mday -= q * 1461
        year = (year + 4 * q) & _U32
    while mday > _month_days(year, month):
        mday -= _month_days(year, month)
        month += 1
        if month == 13:
            month = 1
            year = (year + 1) & _U32
    # timeutils_seconds_since_1970, in 32-bit unsigned arithmetic
    res = (year - 1970) * 365 + ((year - 1969) & _U32) // 4
    res += _SINCE_JAN1[month - 1] + mday + (1 if month >= 3 and year % 4 == 0 else 0) - 1
    res = (res * 86400 + hour * 3600 + minute * 60 + second) & _U32
    return res - _TO_1970
