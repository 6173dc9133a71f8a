# Keyword arguments the board's builtins reject (spec §3.1, §13, §16).
import json
import ujson

line = "a b c"
print(line.split(maxsplit=1), line.rsplit(" ", maxsplit=1), int("ff", base=16))
print(line.encode(encoding="utf-8"), b"x".decode(errors="ignore"), {}.get("k", default=1))
print(str(b"x", encoding="utf-8"), bytes("x", encoding="utf-8"), flush=True)
print((5).to_bytes(2, "big", signed=True), int.from_bytes(b"\x01", byteorder="big"))
print(list(zip([1], [2], strict=True)))
f = open("x.txt", "w", newline="")
print(json.dumps({"a": 1}, indent=2), ujson.dumps({}, sort_keys=True))
print(json.loads("{}", object_hook=dict))
print("é".encode("latin-1"), b"x".decode("utf-8", "ignore"), str(b"x", "ascii"))

# Fine: positional forms, and keywords the board accepts.
print(line.split(" ", 1), int("ff", 16), b"x".decode(), "x".encode("utf-8"))
print("x", end="", sep=" ")
print(json.dumps({"a": 1}, separators=(",", ":")), sorted([2, 1], key=None, reverse=True))
print("{a}".format(a=1), enumerate([1], start=1), min([1], default=0))
