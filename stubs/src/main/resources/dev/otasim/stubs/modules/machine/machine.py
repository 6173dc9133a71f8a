# MicroPython's machine module on the ESP32 (ports/esp32/modmachine.c; spec §5).
PWRON_RESET = 1
HARD_RESET = 2
WDT_RESET = 3
DEEPSLEEP_RESET = 4
SOFT_RESET = 5
PIN_WAKE = EXT0_WAKE = 2
EXT1_WAKE = 3
TIMER_WAKE = 4
TOUCHPAD_WAKE = 5
ULP_WAKE = 6
SLEEP = 2
DEEPSLEEP = 4
IDLE = 0


def reset():
    # Never returns: the host ends the boot; no except or finally of the caller runs.
    _api.reset()


def soft_reset():
    # Literally sys.exit (extmod/modmachine.c): a SystemExit that device code can catch.
    raise SystemExit


def reset_cause():
    return _api.reset_cause()


def unique_id():
    return _api.unique_id().encode('latin-1')


def freq(hz=None):
    if hz is None:
        return _api.freq()
    _api.freq(_host.mp_int(hz))


def deepsleep(ms=0):
    _api.deepsleep(_host.mp_int(ms))


def lightsleep(ms=0):
    _api.sleep_us(_host.mp_int(ms) * 1000)


sleep = lightsleep


def idle():
    return None


def wake_reason():
    return TIMER_WAKE if reset_cause() == DEEPSLEEP_RESET else 0


def disable_irq():
    return 0


def enable_irq(state=0):
    return None


class WDT:
    def __init__(self, *args, **kwargs):
        # extmod/machine_wdt.c parses id and timeout (mp_arg_parse_all); ports/esp32/machine_wdt.c
        # has only WDT 0 (a bare ValueError) and no timeout below 1 ms
        if len(args) > 2:
            raise TypeError('extra positional arguments given')
        names = ('id', 'timeout')
        values = [0, 5000]
        given = 0
        for i, name in enumerate(names):
            if i < len(args):
                values[i] = _host.mp_int(args[i])
            elif name in kwargs:
                values[i] = _host.mp_int(kwargs[name])
                given += 1
        if given < len(kwargs):
            raise TypeError('extra keyword arguments given')
        if values[0] != 0:
            raise ValueError()
        _api.wdt(values[1])

    def feed(self):
        _api.wdt_feed()


class Pin:
    IN = 1
    OUT = 3
    OPEN_DRAIN = 7
    PULL_UP = 2
    PULL_DOWN = 1
    IRQ_RISING = 1
    IRQ_FALLING = 2
    WAKE_LOW = 4
    WAKE_HIGH = 5
    _levels = {}

    def __init__(self, id, mode=-1, pull=-1, *, value=None, drive=None, hold=None):
        id = Pin._find(id)
        self._id = id
        self._mode = mode
        if value is not None:
            Pin._levels[id] = 1 if value else 0

    def init(self, mode=-1, pull=-1, *, value=None, drive=None, hold=None):
        if value is not None:
            Pin._levels[self._id] = 1 if value else 0

    def value(self, x=None):
        if x is None:
            return Pin._levels.get(self._id, 0)
        Pin._levels[self._id] = 1 if x else 0

    def __call__(self, x=None):
        return self.value(x)

    def on(self):
        self.value(1)

    def off(self):
        self.value(0)

    def irq(self, handler=None, trigger=3, *, wake=None, hard=False):
        return None

    def __repr__(self):
        return 'Pin(%s)' % self._id

    # ports/esp32/machine_pin.h: the GPIOs of an ESP32 without PSRAM; a Pin, a GPIO number or a
    # board pin name (the generic board names none), else 'invalid pin'
    _GPIOS = frozenset(tuple(range(24)) + (25, 26, 27) + tuple(range(32, 40)))

    @staticmethod
    def _find(id):
        if isinstance(id, Pin):
            return id._id
        if type(id) is int and id in Pin._GPIOS:
            return id
        raise ValueError('invalid pin')


class RTC:
    # ports/esp32/machine_rtc.c: one RTC; datetime() reads and sets the clock that time.time(),
    # time.localtime() and file mtimes read (spec §20.2). The tuple is (year, month, day, weekday,
    # hours, minutes, seconds, microseconds), weekday 0 = Monday.
    def __init__(self):
        pass

    def datetime(self, *args):
        if not args:
            us = _api.rtc_us()
            t = _host.builtin('time').gmtime(us // 1000000)
            return (t[0], t[1], t[2], t[6], t[3], t[4], t[5], us % 1000000)
        self._set(args[0], 4)

    def init(self, datetime):
        # init() takes the hour from index 3 (machine_rtc_init passes hour_index 3)
        self._set(datetime, 3)

    @staticmethod
    def _set(t, hour):
        if not isinstance(t, (tuple, list)):
            raise TypeError("object '%s' isn't a tuple or list" % type(t).__name__)
        if len(t) != 8:
            raise ValueError('requested length 8 but object has length %d' % len(t))
        secs = _host.builtin('time').mktime((t[0], t[1], t[2], t[hour], t[hour + 1], t[hour + 2],
                                             0, 0))
        _api.rtc_set_us(secs * 1000000 + int(t[7]))
