# MicroPython's sys on the ESP32 (py/modsys.c; spec §13), on either engine: _host.real_sys is the
# VM's own sys (GraalPy's, or the real MicroPython VM's), which lends the streams.
_cpy = _host.real_sys

platform = 'esp32'
byteorder = 'little'
maxsize = 2147483647
argv = []
path = _host._device_path
modules = _host._device_modules
stdin = _cpy.stdin
stdout = _cpy.stdout
stderr = _cpy.stderr
ps1 = '>>> '
ps2 = '... '


class _Implementation(tuple):
    name = property(lambda s: s[0])
    version = property(lambda s: s[1])
    _machine = property(lambda s: s[2])
    _build = property(lambda s: s[3])
    _mpy = property(lambda s: s[4])


_fw = _host.firmware
implementation = _Implementation(('micropython', _fw.version, 'Generic ESP32 module with ESP32',
                                  'ESP32_GENERIC', 6 | (6 << 8)))
version = '3.4.0; MicroPython v%s on 2025-12-10' % _fw.release
version_info = (3, 4, 0)


def exit(retval=0):
    raise SystemExit(retval)


def print_exception(exc, file=None):
    (file or stdout).write(_host.format_exception(exc))
