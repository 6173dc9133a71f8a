# ntptime as the ESP32 image freezes it (micropython-lib micropython/net/ntptime; spec §12):
# asks an NTP server over UDP and sets the RTC. The simulated network has no NTP server, so
# time() fails the way a board without a route does, and settime() keeps the 2000 epoch clock.
import socket

host = 'pool.ntp.org'
timeout = 1


def time():
    socket.getaddrinfo(host, 123)
    raise OSError(116)


def settime():
    time()
