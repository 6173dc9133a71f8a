"""The context's sys.stdout and sys.stderr: text to the board's console through a Java port.

Not through GraalPy's file descriptors: those write to an interruptible NIO channel, and a
context interrupt (Ctrl-C, the input limit) that lands while one writes closes that channel for
good, so every later print of the context failed with BrokenPipeError. The port's send() takes
the bytes as a latin-1 string, as the stubs' calls do. Evaluated first in a new context's
__main__, so it leaves one name there.
"""


def _console_install(port):
    import io
    import sys

    class Port(io.RawIOBase):
        def writable(self):
            return True

        def write(self, b):
            data = bytes(b)
            port.send(data.decode("latin-1"))
            return len(data)

    for name in ("stdout", "stderr"):
        old = getattr(sys, name)
        stream = io.TextIOWrapper(
            Port(), encoding=old.encoding, errors=old.errors, write_through=True
        )
        setattr(sys, name, stream)
        setattr(sys, "__%s__" % name, stream)


_console_install
