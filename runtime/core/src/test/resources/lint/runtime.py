# Runtime differences: context managers, unions, chaining, calls (spec §8.3, §9, §10, §16).
import socket
import ssl
import urequests as requests

with socket.socket() as s:
    pass
with requests.get("http://h/") as r:
    pass
raw = socket.socket()
with ssl.wrap_socket(raw) as tls:
    pass
resp = requests.post("http://h/", data=b"x")
with resp:
    pass


def check(x):
    if isinstance(x, int | str) or issubclass(type(x), (bytes, int | None)):
        return 1
    try:
        return int(x)
    except ValueError as e:
        raise RuntimeError("bad") from e


def inner():
    return locals()


d = {"a": 1}
print(iter(raw.readline, b""), reversed(d), d.keys() & {"a"}, d.items() | set())
print("{0[1]}".format("ab"), "{v.real}".format(v=1))
print(resp.headers["content-length"], resp.headers.get("Content-Type"))

# Fine: files are context managers; tuples of types; a plain raise; locals() at module level.
with open("x.txt") as f:
    pass
print(isinstance(1, (int, str)), locals(), iter([1]), reversed([1]), "{0}".format(1))
