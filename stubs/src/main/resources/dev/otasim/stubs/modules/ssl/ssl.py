# Appended to tls/tls.py: the C module `ssl` of firmware v1.21-v1.22 (`ussl` up to v1.20), which is
# tls's SSLContext plus wrap_socket (extmod/modssl_mbedtls.c; spec §20).


def wrap_socket(sock, server_side=False, key=None, cert=None, cert_reqs=CERT_NONE, cadata=None,
                server_hostname=None, do_handshake=True):
    context = SSLContext(PROTOCOL_TLS_SERVER if server_side else PROTOCOL_TLS_CLIENT)
    context.verify_mode = cert_reqs
    return context.wrap_socket(sock, server_side, do_handshake, server_hostname)
