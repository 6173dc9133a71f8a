# MicroPython's tls C module (extmod/modtls_mbedtls.c; spec §9). The fake GitHub speaks plain HTTP
# on loopback, so a "TLS" socket records the server name and passes bytes through.
PROTOCOL_TLS_CLIENT = 0
PROTOCOL_TLS_SERVER = 1
PROTOCOL_DTLS_CLIENT = 2
PROTOCOL_DTLS_SERVER = 3
CERT_NONE = 0
CERT_OPTIONAL = 1
CERT_REQUIRED = 2
MBEDTLS_VERSION = 'Mbed TLS 3.6.2'


class SSLSocket:
    def __init__(self, sock, server_hostname):
        self._sock = sock
        sock._s.wrapTls('' if server_hostname is None else str(server_hostname))

    def read(self, size=-1):
        return self._sock.read(size)

    def readinto(self, buf, nbytes=-1):
        return self._sock.readinto(buf, nbytes)

    def readline(self):
        return self._sock.readline()

    def write(self, data):
        return self._sock.write(data)

    # DTLS is enabled on the ESP32 build, which adds these (spec §9)
    def send(self, data):
        return self._sock.send(data)

    def sendall(self, data):
        return self._sock.sendall(data)

    def recv(self, bufsize):
        return self._sock.recv(bufsize)

    def setblocking(self, flag):
        self._sock.setblocking(flag)

    def close(self):
        self._sock.close()

    def cipher(self):
        return ('TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256', 'TLSv1.2')

    def getpeercert(self, binary_form=False):
        return None

    def __repr__(self):
        return '<SSLSocket>'


class SSLContext:
    def __init__(self, protocol):
        if protocol not in (0, 1, 2, 3):
            raise ValueError('invalid protocol')
        self.protocol = protocol
        self.verify_mode = CERT_REQUIRED if protocol == PROTOCOL_TLS_CLIENT else CERT_NONE

    def wrap_socket(self, sock, server_side=False, do_handshake_on_connect=True,
                    server_hostname=None):
        if self.verify_mode == CERT_REQUIRED and server_hostname is None and not server_side:
            raise ValueError('CERT_REQUIRED requires server_hostname')
        return SSLSocket(sock, server_hostname)

    def load_cert_chain(self, certfile, keyfile):
        return None

    def load_verify_locations(self, cafile=None, cadata=None):
        return None

    def get_ciphers(self):
        return ['TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256']

    def set_ciphers(self, ciphers):
        return None
