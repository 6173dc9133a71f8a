# MicroPython's socket on the ESP32 (ports/esp32/modsocket.c; spec §8): getaddrinfo through the
# fake DNS, TCP to the fake servers. No context manager, no socket.timeout, OSError(errno) only.
AF_INET = 2
AF_INET6 = 10
SOCK_STREAM = 1
SOCK_DGRAM = 2
SOCK_RAW = 3
IPPROTO_IP = 0
IPPROTO_TCP = 6
IPPROTO_UDP = 17
SOL_SOCKET = 4095
SO_REUSEADDR = 4
SO_BROADCAST = 32
TCP_NODELAY = 1
MSG_PEEK = 1
MSG_DONTWAIT = 8


_gc = _host.builtin('gc')

def _text(b):
    if isinstance(b, str):
        b = b.encode()
    elif not isinstance(b, (bytes, bytearray, memoryview)):
        raise TypeError('object with buffer protocol required')
    return bytes(b).decode('latin-1')


def getaddrinfo(host, port, af=0, type=0, proto=0, flags=0):
    ip = str(_api.getaddrinfo(str(host)))
    return [(AF_INET, SOCK_STREAM, 0, host, (ip, int(port)))]


import weakref as _weakref

_live = []  # (weakref to the socket object, its lwIP socket): what a GC can reclaim
_ENFILE = 23


def _lwip_socket(owner):
    # lwIP's table is fixed (spec §8): when it is full the board runs the GC and tries once more
    # (ports/esp32/modsocket.c), so sockets nothing references any more are closed by their
    # finalisers first; only then OSError(23).
    try:
        s = _api.socket()
    except OSError as e:
        if e.errno != _ENFILE:
            raise
        _reclaim()
        s = _api.socket()
    _live[:] = [x for x in _live if x[0]() is not None]
    _live.append((_weakref.ref(owner), s))
    return _host.guard(s)


def _reclaim():
    import gc
    gc.collect()
    keep = []
    for ref, s in _live:
        if ref() is None:
            s.close()
        else:
            keep.append((ref, s))
    _live[:] = keep


class socket:
    def __init__(self, af=AF_INET, type=SOCK_STREAM, proto=0):
        self._s = _lwip_socket(self)
        self._blocking = True
        self._udp = type == SOCK_DGRAM
        self._timeout = None
        self._answer = None

    def connect(self, address):
        host, port = address[0], address[1]
        # The ESP32 port resolves names itself, so connect((name, port)) can raise -202 too.
        ip = str(_api.getaddrinfo(str(host)))
        self._s.connect(ip, int(port))

    def settimeout(self, value):
        self._timeout = value
        self._s.settimeout(-1.0 if value is None else float(value))

    def setblocking(self, flag):
        self._s.settimeout(-1.0 if flag else 0.0)

    def setsockopt(self, level, optname, value):
        return None

    def send(self, data):
        return self._s.send(_text(data))

    def sendall(self, data):
        self._s.send(_text(data))

    write = send

    def sendto(self, data, address):
        # UDP: the simulated network answers NTP (port 123) only; anything else goes nowhere.
        ip = str(_api.getaddrinfo(str(address[0])))
        n = len(data)
        if int(address[1]) == 123:
            t = _api.ntp(ip)
            if t >= 0:
                answer = bytearray(48)
                answer[0] = 0x1C  # leap 0, version 3, mode 4 (server)
                answer[40:44] = int(t).to_bytes(4, 'big')
                self._answer = bytes(answer)
        return n

    def _datagram(self, bufsize):
        if self._answer is None:
            # nothing answers: the read waits out its timeout (forever without one)
            while True:
                wait = 3600.0 if self._timeout is None else self._timeout
                _host.builtin('time').sleep(wait)
                if self._timeout is not None:
                    raise _host.OSError(116)
        data, self._answer = self._answer[:bufsize], None
        return data

    def recvfrom(self, bufsize):
        return self._datagram(bufsize), ('0.0.0.0', 0)

    def recv(self, bufsize, flags=0):
        if self._udp:
            return self._datagram(bufsize)
        _gc._alloc(bufsize)
        return self._s.recv(bufsize).encode('latin-1')

    def read(self, size=-1):
        # read() to EOF grows one buffer: the whole body must fit in one block (spec §11)
        if size is not None and size >= 0:
            _gc._alloc(size)
            return self._s.read(size).encode('latin-1')
        data = self._s.read(-1).encode('latin-1')
        _gc._alloc(len(data))
        return data

    def readinto(self, buf, nbytes=-1):
        want = len(buf) if nbytes < 0 else min(nbytes, len(buf))
        data = self._s.read(want).encode('latin-1')
        buf[:len(data)] = data
        return len(data)

    def readline(self):
        return self._s.readline().encode('latin-1')

    def makefile(self, mode='rb', buffering=0):
        # Returns the socket itself: no buffering, closing it closes the socket (spec §8.3).
        return self

    def close(self):
        self._s.close()

    def fileno(self):
        return 54

    def __repr__(self):
        return '<socket>'
