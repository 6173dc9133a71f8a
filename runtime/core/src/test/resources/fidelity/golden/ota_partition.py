# esp32.Partition on the default ESP32_GENERIC image: no OTA slots (spec §13)
import esp32
from esp32 import Partition
r = Partition(Partition.RUNNING)
print(r)
print(r.info())
try:
    r.get_next_update()
except OSError as e:
    print(e)
try:
    Partition.mark_app_valid_cancel_rollback()
except OSError as e:
    print(e)
print([p.info()[4] for p in Partition.find(Partition.TYPE_DATA)])
try:
    Partition('nope')
except OSError as e:
    print(e)
