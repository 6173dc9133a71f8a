# MicroPython's esp module on the ESP32 (ports/esp32/modesp.c; spec §13).
LOG_NONE = 0
LOG_ERROR = 1
LOG_WARNING = 2
LOG_INFO = 3
LOG_DEBUG = 4
LOG_VERBOSE = 5


def flash_size():
    return 4194304


def flash_user_start():
    return _api.flash_user_start()


def osdebug(uart, level=LOG_ERROR):
    return None
