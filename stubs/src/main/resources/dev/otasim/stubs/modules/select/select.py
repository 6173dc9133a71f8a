# MicroPython's select (extmod/modselect.c; spec §13): poll() and select() over the simulated
# sockets. The simulator's sockets block until data or a timeout, so every registered object is
# reported ready for what it asked: a read then returns data, b'' at EOF, or times out as on the board.
POLLIN = 1
POLLOUT = 4
POLLERR = 8
POLLHUP = 16


class _Poll:
    def __init__(self):
        self._objs = {}

    def register(self, obj, eventmask=POLLIN | POLLOUT):
        self._objs[id(obj)] = (obj, eventmask)

    def unregister(self, obj):
        self._objs.pop(id(obj), None)

    def modify(self, obj, eventmask):
        if id(obj) not in self._objs:
            raise _host.OSError(2)
        self._objs[id(obj)] = (obj, eventmask)

    def poll(self, timeout=-1, flags=0):
        return [(o, m & (POLLIN | POLLOUT)) for o, m in self._objs.values() if m & (POLLIN | POLLOUT)]

    def ipoll(self, timeout=-1, flags=0):
        return iter(self.poll(timeout, flags))


def poll():
    return _Poll()


def select(rlist, wlist, xlist, timeout=None):
    return (list(rlist), list(wlist), [])
