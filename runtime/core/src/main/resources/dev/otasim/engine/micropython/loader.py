# Runs once in a fresh VM's __main__: serves the otasim runtime from a tiny read-only VFS, imports
# it, and leaves __main__ as the board's (the runtime mounts the flash at / and takes over).
def _otasim_load(g):
    import io, sys, vfs, _otasim

    class _Src(io.IOBase):
        def __init__(self, b):
            self._b = b
            self._p = 0

        def readinto(self, buf):
            n = min(len(buf), len(self._b) - self._p)
            buf[:n] = self._b[self._p:self._p + n]
            self._p += n
            return n

        def ioctl(self, req, arg):
            return 0

    class _Boot:
        def mount(self, readonly, mkfs):
            pass

        def umount(self):
            pass

        def stat(self, p):
            if p.endswith('/_otasim_rt.py'):
                return (0x8000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            raise OSError(2)

        def open(self, p, mode):
            return _Src(_otasim.call(0, 'source', 'rt', '_otasim_rt').encode())

    vfs.umount('/')
    vfs.mount(_Boot(), '/')
    sys.path[:] = ['/.otasim']
    import _otasim_rt
    _otasim_rt.setup(g, _Src)


_otasim_load(globals())
del _otasim_load
