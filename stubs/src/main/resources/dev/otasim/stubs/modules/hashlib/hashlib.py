# MicroPython's hashlib (extmod/modhashlib.c; spec §13): update() and digest() only; digest()
# finalises the object; str is accepted as data. The digest itself is the engine's
# (_host.new_hash: CPython's hashlib on GraalPy, the Java host's on the MicroPython VM, whose wasm
# port builds only sha256).


class _Hash:
    def __init__(self, name, data=None):
        self._h = _host.new_hash(name)
        self._final = False
        if data is not None:
            self.update(data)

    def update(self, data):
        if self._final:
            raise ValueError('hash is final')
        self._h.update(data.encode() if isinstance(data, str) else bytes(data))

    def digest(self):
        if self._final:
            raise ValueError('hash is final')
        self._final = True
        return self._h.digest()


class sha256(_Hash):
    def __init__(self, data=None):
        _Hash.__init__(self, 'sha256', data)


class sha1(_Hash):
    def __init__(self, data=None):
        _Hash.__init__(self, 'sha1', data)


class md5(_Hash):
    def __init__(self, data=None):
        _Hash.__init__(self, 'md5', data)
