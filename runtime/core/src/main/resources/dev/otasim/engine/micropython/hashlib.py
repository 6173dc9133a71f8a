# hashlib as the ESP32 has it (sha1, sha256, md5; update/digest only) on the MicroPython engine:
# the wasm port builds only sha256, so the digest is computed by the host (spec §13).
class _Hash:
    def __init__(self, name, data=None):
        self._name = name
        self._parts = []
        self._final = False
        if data is not None:
            self.update(data)

    def update(self, data):
        if self._final:
            raise ValueError('hash is final')
        self._parts.append(data.encode() if isinstance(data, str) else bytes(data))

    def digest(self):
        if self._final:
            raise ValueError('hash is final')
        self._final = True
        return _l1e(_host.api('host').digest(self._name, _l1d(b''.join(self._parts))))


class sha256(_Hash):
    def __init__(self, data=None):
        _Hash.__init__(self, 'sha256', data)


class sha1(_Hash):
    def __init__(self, data=None):
        _Hash.__init__(self, 'sha1', data)


class md5(_Hash):
    def __init__(self, data=None):
        _Hash.__init__(self, 'md5', data)
