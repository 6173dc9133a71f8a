# MicroPython's esp32 module (ports/esp32/modesp32.c, esp32_partition.c; spec §13): Partition for
# firmware OTA, backed by the board's partition table (dev.otasim.stubs.ota.Ota).
HEAP_DATA = 4
HEAP_EXEC = 1
WAKEUP_ALL_LOW = False
WAKEUP_ANY_HIGH = True


class Partition:
    BOOT = 0
    RUNNING = 1
    TYPE_APP = 0
    TYPE_DATA = 1

    def __init__(self, *args, **kwargs):
        # ports/esp32/esp32_partition.c: one or two positional arguments (mp_arg_check_num); an
        # int is BOOT or RUNNING (else a bare ValueError), a label is read with mp_obj_str_get_str
        if kwargs:
            raise TypeError("function doesn't take keyword arguments")
        if not args:
            raise TypeError('function missing 1 required positional arguments')
        if len(args) > 2:
            raise TypeError('function expected at most 2 arguments, got %d' % len(args))
        id = args[0]
        block_size = args[1] if len(args) > 1 else 4096
        if type(id) is bytes:
            id = id.decode()
        if type(id) is int:
            if id == Partition.BOOT:
                label = _api.boot()
            elif id == Partition.RUNNING:
                label = _api.running()
            else:
                raise ValueError()
        elif type(id) is str:
            label = _api.lookup(id)
        else:
            raise TypeError("can't convert '%s' object to str implicitly" % type(id).__name__)
        self._label = label
        self._bs = _host.mp_int(block_size)

    @staticmethod
    def find(*args, **kwargs):
        # esp32_partition_find: type, subtype, label, block_size through mp_arg_parse_all
        values = [0, 0xff, None, 4096]
        if len(args) > 4:
            raise TypeError('extra positional arguments given')
        given = 0
        for i, name in enumerate(('type', 'subtype', 'label', 'block_size')):
            if i < len(args):
                values[i] = args[i]
            elif name in kwargs:
                values[i] = kwargs[name]
                given += 1
            if i != 2:
                values[i] = _host.mp_int(values[i])
        if given < len(kwargs):
            raise TypeError('extra keyword arguments given')
        label = values[2]
        if label is not None:
            if type(label) is bytes:
                label = label.decode()
            elif type(label) is not str:
                raise TypeError("can't convert '%s' object to str implicitly"
                                % type(label).__name__)
        return [Partition(l, values[3]) for l in _api.find(values[0], values[1], label)]

    def info(self):
        t, st, addr, size = _api.info(self._label)
        return (t, st, addr, size, self._label, False)

    def readblocks(self, block, buf, offset=0):
        data = _api.read(self._label, block * self._bs + offset, len(buf)).encode('latin-1')
        buf[:len(data)] = data

    def writeblocks(self, block, buf, offset=None):
        data = bytes(buf)
        if offset is None:
            # simple form: erase len(buf) bytes, then write (sector-aligned sizes only)
            _api.erase(self._label, block * self._bs, len(data))
            _api.write(self._label, block * self._bs, data.decode('latin-1'))
        else:
            _api.write(self._label, block * self._bs + offset, data.decode('latin-1'))

    def ioctl(self, cmd, arg):
        if cmd in (1, 2, 3):
            return 0
        if cmd == 4:
            return _api.info(self._label)[3] // self._bs
        if cmd == 5:
            return self._bs
        if cmd == 6:
            if self._bs != 4096:
                return -22
            _api.erase(self._label, arg * self._bs, self._bs)
            return 0
        return None

    def set_boot(self):
        _api.set_boot(self._label)

    def get_next_update(self):
        return Partition(_api.next_update())

    @classmethod
    def mark_app_valid_cancel_rollback(cls):
        _api.mark_app_valid_cancel_rollback()

    def __repr__(self):
        t, st, addr, size = _api.info(self._label)
        return '<Partition type=%d, subtype=%d, address=%d, size=%d, label=%s, encrypted=0>' % (
            t, st, addr, size, self._label)


def idf_heap_info(capabilities):
    return [(113200, 40000, 38912, 36000)]


def mcu_temperature():
    return 41


def wake_on_ext0(pin, level):
    return None


def wake_on_ext1(pins, level):
    return None


def wake_on_touch(wake):
    return None
