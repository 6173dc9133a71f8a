# An HTTP client written straight on the socket, the way updaters did before urequests was
# frozen into the firmware: the request built with bytes.format and bytes %, the status line and
# headers read with readline(), the JSON body parsed straight off the TLS socket with ujson.load.
import usocket
import ussl
import ujson

AGENT = 'idioms-updater/0.1'


def _connect(host):
    ai = usocket.getaddrinfo(host, 443, 0, usocket.SOCK_STREAM)[0]
    s = usocket.socket(ai[0], ai[1], ai[2])
    s.connect(ai[-1])
    return ussl.wrap_socket(s, server_hostname=host)


def _head(s):
    status = int(s.readline().split(None, 2)[1])
    headers = {}
    while True:
        line = s.readline()
        if not line or line == b'\r\n':
            break
        name, value = line.split(b':', 1)
        headers[name.strip().lower()] = value.strip()
    return status, headers


def get_json(host, path, agent=True):
    s = _connect(host)
    try:
        if agent:
            s.write(b'GET /{} HTTP/1.0\r\nHost: {}\r\n'.format(path, host))
            s.write(b'User-Agent: %s\r\n\r\n' % AGENT)
        else:
            s.write(b'GET /{} HTTP/1.0\r\nHost: {}\r\n\r\n'.format(path, host))
        status, headers = _head(s)
        return status, headers, ujson.load(s)
    finally:
        s.close()


def get_json11(host, path):
    # The same request as HTTP/1.1: GitHub may answer with a chunked body, which this client
    # cannot read; it checks for that the way micropython-lib's requests 0.10.2 does, by the
    # header's exact spelling.
    s = _connect(host)
    try:
        s.write(b'GET /%s HTTP/1.1\r\nHost: %s\r\nUser-Agent: %s\r\nConnection: close\r\n\r\n'
                % (path, host, AGENT))
        status = int(s.readline().split(None, 2)[1])
        while True:
            line = s.readline()
            if not line or line == b'\r\n':
                break
            if line.startswith(b'Transfer-Encoding:') and b'chunked' in line:
                raise ValueError('Unsupported ' + line)
        return status, ujson.load(s)
    finally:
        s.close()
