# order_probe.py adapted: the lfs2 half, on the board's own LittleFS root instead of a VfsLfs2
# mounted on a RAM block device (no vfs module in the simulator). The FAT half has no ESP32 analogue
# in the simulator (the ESP32_GENERIC image formats LittleFS).
import os
os.mkdir('/o')
for n in ['zeta', 'Alpha', 'mid', 'beta', 'B2']:
    f = open('/o/' + n, 'w'); f.close()
os.remove('/o/mid'); f = open('/o/new', 'w'); f.close()
print('lfs2', [e[0] for e in os.ilistdir('/o')])
try:
    f = open('/o/ZETA', 'r'); f.close(); print('lfs2', 'case-insensitive open OK')
except OSError as e: print('lfs2', 'case-sensitive: open ZETA ->', e)
