# Members the board's modules lack (spec §2.1, §8, §12, §13).
import os
import sys
import time as t
import utime
import struct, collections, random, errno, json, socket, hashlib, re
import requests
from time import monotonic
from collections import defaultdict, OrderedDict

start = t.monotonic()
print(t.perf_counter(), utime.strftime("%Y"), monotonic)
os.makedirs("a/b")
for root, dirs, files in os.walk("/"):
    pass
print(os.getenv("HOME"), os.environ["HOME"], os.path.exists("x"))
os.replace("a", "b")
print(sys.exc_info(), sys.version_info.major, sys.getsizeof(1))
print(struct.Struct("<I"), collections.Counter(), random.shuffle([1]), random.sample([1], 1))
print(random.choices([1]), errno.ENOSPC, errno.ENOTEMPTY, json.JSONDecodeError)
s = socket.socket()
try:
    s.connect(("h", 80))
except socket.timeout:
    pass
print(hashlib.new("sha256"), re.fullmatch("a", "a"))
r = requests.get("http://h/")
print(r.ok, r.status_code, r.json())

# Fine: what the board has.
print(t.ticks_ms(), t.ticks_diff(t.ticks_ms(), start), os.stat("/"), os.listdir(), os.uname())
print(errno.ENOENT, errno.ETIMEDOUT, sys.version_info[0], sys.print_exception, OrderedDict())
print(struct.pack("<I", 1), random.randint(0, 1), random.choice([1]), hashlib.sha256(b""))
