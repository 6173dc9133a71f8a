# Only the ESP32 image's modules exist for device code (spec §14)
for m in ('pathlib', 'shutil', 'os.path', 'typing', 'logging', 'functools', 'itertools',
          'datetime', 'traceback', 'subprocess', 'threading', 'urllib', '__future__', 'ussl'):
    try:
        __import__(m)
        print('import OK  ', m)
    except ImportError as e:
        print('import FAIL', m, e)
for m in ('os', 'uos', 'time', 'utime', 'json', 'ujson', 'socket', 'usocket', 'select', 'uselect',
          'esp', 'esp32', 'math', 'array', 'heapq', 'tls', 'ssl', 'requests', 'urequests',
          'ntptime', 'binascii', 'hashlib', 'struct', 'machine', 'network', 'gc', 'sys'):
    __import__(m)
print('all ESP32 modules import')
import os
try:
    os.path
except AttributeError as e:
    print(e)
import select, socket
p = select.poll()
print(p.poll(0))
import esp
print(esp.flash_size(), hex(esp.flash_user_start()))
