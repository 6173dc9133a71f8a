# requests: the HTTP client device code gets for `import requests`.
#
# Behaves like the micropython-lib requests 0.10.2 that MicroPython v1.27/v1.28 freezes into the
# ESP32 image (spec/micropython-esp32.md §10), including its quirks, because updaters are written
# against that module and must meet the same surprises here as on the board:
#   - HTTP/1.0, `Connection: close`, no User-Agent; the body is read to EOF, Content-Length ignored;
#   - `reason` is bytes; headers are a plain dict with the server's spelling (case-sensitive);
#   - `Transfer-Encoding:` (exact case) with chunked raises ValueError, lowercase slips through;
#   - `Location:` (exact case) redirects recurse without a limit and drop timeout, auth and
#     parse_headers; a relative Location fails in the URL split below;
#   - Content-Length of a str body counts characters, not bytes;
#   - `auth=` writes Authorization into the caller's headers dict;
#   - only OSError closes the socket; the Response is no context manager.
# Written for otasim from that documented behaviour. It runs as device code, so `socket`, `tls`
# and `ssl` are the simulated board's, and it must stay valid MicroPython and valid CPython: no
# bytes %-formatting, which CPython rejects for str arguments.

import socket


def _bytes(x):
    # MicroPython's stream write accepts str and bytes alike; encode here so the host does too.
    if isinstance(x, str):
        return x.encode()
    return x


class Response:
    def __init__(self, f):
        self.raw = f
        self.encoding = "utf-8"
        self._cached = None

    def close(self):
        if self.raw:
            self.raw.close()
            self.raw = None
        self._cached = None

    @property
    def content(self):
        # The whole body in RAM, read until the server closes (spec §10: MemoryError on big bodies).
        if self._cached is None:
            try:
                self._cached = self.raw.read()
            finally:
                self.raw.close()
                self.raw = None
        return self._cached

    @property
    def text(self):
        return str(self.content, self.encoding)

    def json(self):
        import json

        return json.loads(self.content)


def _wrap_tls(s, host):
    # Firmware >= v1.23 has the C module `tls`; older firmware only has `ssl` (spec §20).
    try:
        import tls
    except ImportError:
        import ssl

        return ssl.wrap_socket(s, server_hostname=host)
    context = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    context.verify_mode = tls.CERT_NONE
    return context.wrap_socket(s, server_hostname=host)


def request(
    method,
    url,
    data=None,
    json=None,
    headers=None,
    stream=None,
    auth=None,
    timeout=None,
    parse_headers=True,
):
    if headers is None:
        headers = {}
    redirect = None
    # An iterator without a length is sent with chunked transfer encoding.
    chunked = data and getattr(data, "__next__", None) and not getattr(data, "__len__", None)

    if auth is not None:
        import binascii

        user, password = auth
        token = binascii.b2a_base64(("%s:%s" % (user, password)).encode())[:-1]
        headers["Authorization"] = "Basic " + str(token, "ascii")

    # 0.10.2 splits on '/' only: 'https://h?x=1' keeps '?x=1' in the host, and a relative
    # Location such as '/a' fails here with ValueError.
    try:
        proto, _, host, path = url.split("/", 3)
    except ValueError:
        proto, _, host = url.split("/", 2)
        path = ""
    if proto == "http:":
        port = 80
    elif proto == "https:":
        port = 443
    else:
        raise ValueError("Unsupported protocol: " + proto)
    if ":" in host:
        host, port = host.split(":", 1)
        port = int(port)

    ai = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)[0]
    resp_d = None
    if parse_headers is not False:
        resp_d = {}
    s = socket.socket(ai[0], socket.SOCK_STREAM, ai[2])
    if timeout is not None:
        s.settimeout(timeout)

    try:
        s.connect(ai[-1])
        if proto == "https:":
            s = _wrap_tls(s, host)
        s.write(_bytes("%s /%s HTTP/1.0\r\n" % (method, path)))
        if "Host" not in headers:
            s.write(_bytes("Host: %s\r\n" % host))
        for k in headers:
            s.write(_bytes(k))
            s.write(b": ")
            s.write(_bytes(headers[k]))
            s.write(b"\r\n")
        if json is not None:
            assert data is None
            import json as _json

            data = _json.dumps(json)
            s.write(b"Content-Type: application/json\r\n")
        if data:
            if chunked:
                s.write(b"Transfer-Encoding: chunked\r\n")
            else:
                # len() of a str counts characters: the 0.10.2 bug kept on purpose.
                s.write(_bytes("Content-Length: %d\r\n" % len(data)))
        if "Connection" not in headers:
            s.write(b"Connection: close\r\n")
        s.write(b"\r\n")
        if data:
            if chunked:
                for chunk in data:
                    s.write(_bytes("%x\r\n" % len(chunk)))
                    s.write(_bytes(chunk))
                    s.write(b"\r\n")
                s.write(b"0\r\n\r\n")
            else:
                s.write(_bytes(data))

        line = s.readline()
        parts = line.split(None, 2)
        if len(parts) < 2:
            raise ValueError("HTTP error: BadStatusLine:\n%s" % parts)
        status = int(parts[1])
        reason = ""
        if len(parts) > 2:
            reason = parts[2].rstrip()

        while True:
            line = s.readline()
            if not line or line == b"\r\n":
                break
            if line.startswith(b"Transfer-Encoding:"):
                if b"chunked" in line:
                    raise ValueError("Unsupported " + str(line, "utf-8"))
            elif line.startswith(b"Location:") and not 200 <= status <= 299:
                if status in (301, 302, 303, 307, 308):
                    # Fixed slice: 'Location: ' and the trailing CRLF.
                    redirect = str(line[10:-2], "utf-8")
                else:
                    raise NotImplementedError("Redirect %d not yet supported" % status)
            if parse_headers is False:
                pass
            elif parse_headers is True:
                k, v = str(line, "utf-8").split(":", 1)
                resp_d[k] = v.strip()
            else:
                parse_headers(line, resp_d)
    except OSError:
        s.close()
        raise

    if redirect:
        s.close()
        if status in (301, 302, 303):
            return request("GET", redirect, None, None, headers, stream)
        return request(method, redirect, data, json, headers, stream)
    resp = Response(s)
    resp.status_code = status
    resp.reason = reason
    if resp_d is not None:
        resp.headers = resp_d
    return resp


def head(url, **kw):
    return request("HEAD", url, **kw)


def get(url, **kw):
    return request("GET", url, **kw)


def post(url, **kw):
    return request("POST", url, **kw)


def put(url, **kw):
    return request("PUT", url, **kw)


def patch(url, **kw):
    return request("PATCH", url, **kw)


def delete(url, **kw):
    return request("DELETE", url, **kw)
