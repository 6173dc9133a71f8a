# sys as the ESP32 shows it, on the MicroPython engine: the VM's own sys underneath (its path,
# modules and streams), with the board's platform, implementation and version (spec §13).
_r = _host.real_sys

platform = 'esp32'
byteorder = 'little'
maxsize = 2147483647
argv = []
path = _r.path
modules = _r.modules
stdin = _r.stdin
stdout = _r.stdout
stderr = _r.stderr
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
    _host.print_exception(exc, file or stdout)
