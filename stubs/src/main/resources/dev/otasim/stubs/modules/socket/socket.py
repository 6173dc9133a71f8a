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


class socket:
    def __init__(self, af=AF_INET, type=SOCK_STREAM, proto=0):
        self._s = _host.guard(_api.socket())
        self._blocking = True

    def connect(self, address):
        host, port = address[0], address[1]
        # The ESP32 port resolves names itself, so connect((name, port)) can raise -202 too.
        ip = str(_api.getaddrinfo(str(host)))
        self._s.connect(ip, int(port))

    def settimeout(self, value):
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

    def recv(self, bufsize, flags=0):
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
