# ssl as firmware 1.23+ freezes it: a small Python layer over the tls C module. Device code.
# Its SSLContext forces verify_mode = CERT_NONE, unlike tls.SSLContext (spec §9).
import tls
from tls import CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED, PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER


class SSLContext:
    def __init__(self, *args):
        self._context = tls.SSLContext(*args)
        self._context.verify_mode = CERT_NONE

    @property
    def verify_mode(self):
        return self._context.verify_mode

    @verify_mode.setter
    def verify_mode(self, value):
        self._context.verify_mode = value

    def load_cert_chain(self, certfile, keyfile):
        self._context.load_cert_chain(certfile, keyfile)

    def load_verify_locations(self, cafile=None, cadata=None):
        self._context.load_verify_locations(cafile=cafile, cadata=cadata)

    def wrap_socket(self, sock, server_side=False, do_handshake_on_connect=True,
                    server_hostname=None):
        return self._context.wrap_socket(sock, server_side, do_handshake_on_connect,
                                         server_hostname)


def wrap_socket(sock, server_side=False, key=None, cert=None, cert_reqs=CERT_NONE, cadata=None,
                server_hostname=None, do_handshake=True):
    con = SSLContext(PROTOCOL_TLS_SERVER if server_side else PROTOCOL_TLS_CLIENT)
    con.verify_mode = cert_reqs
    return con.wrap_socket(sock, server_side, do_handshake, server_hostname)
