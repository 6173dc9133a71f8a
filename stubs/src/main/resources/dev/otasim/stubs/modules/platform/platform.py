# MicroPython's platform (extmod/modplatform.c).


def platform():
    return 'MicroPython-%s-xtensa-IDFv5.2.2-with-newlib4.3.0' % _host.firmware.release


def python_compiler():
    return 'GCC 13.2.0'


def libc_ver():
    return ('newlib', '4.3.0')
