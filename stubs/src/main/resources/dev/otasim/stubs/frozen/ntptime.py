# ntptime as the ESP32 image freezes it (micropython-lib micropython/net/ntptime; spec §12, §20.2):
# one UDP exchange with `host` on port 123, the answer's transmit seconds turned into the board's
# 2000 epoch, and settime() writes it into the RTC. Written here from that behaviour.
import socket
import struct
from time import gmtime

host = 'pool.ntp.org'
timeout = 1

# NTP counts from 1900; the ESP32's time from 2000
_NTP_TO_2000 = 3155673600
# an NTP seconds value below 2024-01-01 has wrapped past 2036
_WRAP_BELOW = 3913056000


def time():
    query = bytearray(48)
    query[0] = 0x1B
    addr = socket.getaddrinfo(host, 123)[0][-1]
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.settimeout(timeout)
        s.sendto(query, addr)
        answer = s.recv(48)
    finally:
        s.close()
    seconds = struct.unpack('!I', answer[40:44])[0]
    if seconds < _WRAP_BELOW:
        seconds += 0x100000000
    return seconds - _NTP_TO_2000


def settime():
    t = time()
    import machine
    tm = gmtime(t)
    machine.RTC().datetime((tm[0], tm[1], tm[2], tm[6] + 1, tm[3], tm[4], tm[5], 0))
