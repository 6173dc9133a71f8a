"""What the ESP32's MicroPython lacks, and what to write instead: the tables the lint rules read.

Spec/micropython-esp32.md §1.1, §2.1, §3, §8-§14, §16. The board's own module table (which
modules exist, their u-names, the TLS boundary) is not repeated here: it comes from Java's
BoardModules with each check (see Board in check.py).
"""

# ---------- names the board lacks (§1.1, §16)

OSERROR_SUBCLASSES = {
    "FileNotFoundError": "e.args[0] == errno.ENOENT",
    "FileExistsError": "e.args[0] == errno.EEXIST",
    "PermissionError": "e.args[0] == errno.EACCES",
    "IsADirectoryError": "e.args[0] == errno.EISDIR",
    "NotADirectoryError": "e.args[0] == 20",
    "TimeoutError": "e.args[0] == errno.ETIMEDOUT",
    "ConnectionResetError": "e.args[0] == errno.ECONNRESET",
    "ConnectionRefusedError": "e.args[0] == errno.ECONNREFUSED",
    "ConnectionAbortedError": "e.args[0] == errno.ECONNABORTED",
    "BlockingIOError": "e.args[0] == errno.EAGAIN",
    "ConnectionError": "e.args[0]",
    "BrokenPipeError": "e.args[0]",
    "InterruptedError": "e.args[0]",
    "ChildProcessError": "e.args[0]",
    "ProcessLookupError": "e.args[0]",
}

MISSING_NAMES = {
    "IOError": "use OSError",
    "EnvironmentError": "use OSError",
    "UnicodeDecodeError": "use UnicodeError",
    "UnicodeEncodeError": "use UnicodeError",
    "UnicodeTranslateError": "use UnicodeError",
    "RecursionError": "use RuntimeError (the board raises RuntimeError('maximum recursion depth "
    "exceeded'))",
    "ModuleNotFoundError": "use ImportError",
    "UnboundLocalError": "use NameError (what the board raises for an unbound local)",
    "ExceptionGroup": "raise and catch single exceptions",
    "BaseExceptionGroup": "raise and catch single exceptions",
    "BufferError": "catch Exception or a class of your own",
    "FloatingPointError": "catch Exception or a class of your own",
    "ReferenceError": "catch Exception or a class of your own",
    "SystemError": "catch Exception or a class of your own",
    "TabError": "use IndentationError",
    "vars": "use obj.__dict__",
    "ascii": "use repr()",
    "format": "use '{:spec}'.format(x) or '%' formatting",
    "breakpoint": "remove the call",
    "aiter": "call obj.__aiter__()",
    "anext": "call obj.__anext__()",
    "__debug__": "use a constant of your own",
}
for _w in (
    "Warning",
    "DeprecationWarning",
    "UserWarning",
    "RuntimeWarning",
    "ResourceWarning",
    "FutureWarning",
    "SyntaxWarning",
    "ImportWarning",
    "UnicodeWarning",
    "BytesWarning",
    "EncodingWarning",
    "PendingDeprecationWarning",
):
    MISSING_NAMES[_w] = "the board has no warning classes; print a message instead"


# ---------- modules (§14, §20)

# Imports that fail on the ESP32_GENERIC image (spec §14), with the replacement to suggest.
MISSING_MODULES = {
    "os.path": "use os.stat() inside try/except OSError, and join paths with '/'",
    "pathlib": "use os functions and '/'-joined string paths",
    "shutil": "copy with open()/read()/write() in chunks, remove with os.remove()",
    "typing": "drop it: annotations are never evaluated on the board",
    "dataclasses": "write the __init__ yourself",
    "enum": "use class attributes as constants",
    "abc": "use a plain base class",
    "collections.abc": "check with hasattr() instead",
    "functools": "write the helper yourself",
    "itertools": "write the loop yourself",
    "contextlib": "use try/finally",
    "traceback": "print exceptions with sys.print_exception(e)",
    "logging": "use print()",
    "warnings": "use print()",
    "copy": "copy with list(x) / dict(x)",
    "string": "spell the characters out",
    "datetime": "use the 8-tuples of time.gmtime()/time.localtime() (epoch 2000)",
    "tempfile": "write to a fixed file name and os.rename() it",
    "uuid": "use binascii.hexlify(os.urandom(16))",
    "secrets": "use os.urandom()",
    "base64": "use binascii.b2a_base64()/a2b_base64()",
    "hmac": "compute the HMAC with hashlib yourself",
    "zlib": "use deflate.DeflateIO",
    "gzip": "use deflate.DeflateIO",
    "tarfile": "ship plain files",
    "zipfile": "ship plain files",
    "urllib": "split the URL yourself",
    "http": "use requests (frozen on the board)",
    "email": "build the text yourself",
    "csv": "split lines with str.split(',')",
    "textwrap": "wrap the text yourself",
    "argparse": "the board has no command line",
    "pickle": "use json",
    "glob": "filter os.listdir() yourself",
    "fnmatch": "filter os.listdir() yourself",
    "weakref": "keep plain references",
    "threading": "use _thread",
    "queue": "use collections.deque",
    "inspect": "avoid introspection",
    "types": "avoid it",
    "operator": "use lambdas",
    "bisect": "write the search yourself",
    "decimal": "use ints (floats are single precision on the board)",
    "fractions": "use ints",
    "statistics": "compute it yourself",
    "unittest": "test on the host (otasim) instead",
    "subprocess": "the board has no processes",
    "signal": "the board has no signals",
    "socketserver": "use socket directly",
    "ctypes": "use uctypes",
    "multiprocessing": "the board has no processes",
    "concurrent": "use _thread or asyncio",
    "selectors": "use select.poll()",
    "configparser": "use json",
    "locale": "the board has no locales",
    "calendar": "use time.gmtime()/time.mktime()",
    "pprint": "use print()",
    "importlib": "use __import__()",
    "codecs": "use str.encode()/bytes.decode() (always UTF-8)",
    "getpass": "the board has no terminal",
    "ipaddress": "parse the address yourself",
    "atexit": "the board runs no exit hooks",
    "sqlite3": "use json files",
    "numbers": "check with isinstance(x, (int, float))",
}

# ---------- module members the board lacks

OS_MISSING = {
    "path": "os.path does not exist on the board: use os.stat() in try/except OSError and join "
    "with '/'",
    "makedirs": "create each level with os.mkdir() (OSError 17 when it exists)",
    "removedirs": "remove each level with os.rmdir()",
    "walk": "recurse with os.ilistdir() (type 0x4000 is a folder)",
    "scandir": "use os.ilistdir()",
    "replace": "use os.rename() (it replaces an existing file atomically on LittleFS)",
    "fsync": "call f.flush() and close the file",
    "environ": "the board has no environment; keep settings in a file",
    "getenv": "the board has no environment; keep settings in a file",
    "putenv": "the board has no environment; keep settings in a file",
    "getpid": "the board has no processes",
    "system": "the board has no processes",
    "linesep": "use '\\n'",
    "curdir": "use '.'",
    "pardir": "use '..'",
    "devnull": "the board has no null device",
    "name": "use sys.platform",
    "SEEK_SET": "use 0",
    "SEEK_CUR": "use 1",
    "SEEK_END": "use 2",
    "stat_result": "os.stat() returns a plain 10-tuple: size is [6]",
    "fspath": "use str paths",
    "access": "use os.stat() in try/except OSError",
    "chmod": "the board has no permissions",
    "utime": "the board cannot set file times",
    "truncate": "rewrite the file",
    "getlogin": "the board has no users",
    "kill": "the board has no processes",
}

MISSING_MEMBERS = {
    "os": OS_MISSING,
    "time": dict(
        {
            k: "use time.ticks_ms() with time.ticks_diff()"
            for k in (
                "monotonic",
                "monotonic_ns",
                "perf_counter",
                "perf_counter_ns",
                "process_time",
                "process_time_ns",
                "thread_time",
                "get_clock_info",
            )
        },
        **{
            k: ("format the 8-tuple of time.gmtime() yourself")
            for k in ("strftime", "strptime", "asctime", "ctime", "struct_time")
        },
        **{
            k: ("the board has no time zones (localtime == gmtime)")
            for k in ("timezone", "tzname", "altzone", "daylight", "tzset")
        },
    ),
    "sys": {
        "exc_info": "catch the exception with except E as e",
        "getrecursionlimit": "the board has a fixed C stack",
        "setrecursionlimit": "the board has a fixed C stack",
        "getsizeof": "use gc.mem_free() before and after",
        "intern": "drop it",
        "executable": "the board has no executable path",
        "flags": "drop it",
        "float_info": "floats are single precision on the board",
        "getdefaultencoding": "it is always 'utf-8'",
        "_getframe": "avoid frame introspection",
        "settrace": "avoid tracing",
        "atexit": "the board runs no exit hooks",
        "version_info.major": "sys.version_info is a plain tuple: use sys.version_info[0]",
        "version_info.minor": "sys.version_info is a plain tuple: use sys.version_info[1]",
        "version_info.micro": "sys.version_info is a plain tuple: use sys.version_info[2]",
    },
    "json": {k: "catch ValueError (the board's only JSON error)" for k in ("JSONDecodeError",)}
    | {k: "use json.dumps()/json.loads()" for k in ("JSONEncoder", "JSONDecoder")},
    "struct": {
        "Struct": "call struct.pack()/unpack() with the format",
        "iter_unpack": "loop over struct.unpack_from() with an offset",
        "error": "catch ValueError (the board raises ValueError('buffer too small'))",
    },
    "collections": {
        "defaultdict": "use dict.setdefault() or d.get(k, default)",
        "Counter": "count into a dict with d.get(k, 0) + 1",
        "ChainMap": "merge dicts yourself",
        "UserDict": "subclass dict",
        "UserList": "subclass list",
        "UserString": "subclass str",
        "abc": "check with hasattr() instead",
    },
    "random": {
        k: "build it from random.randrange()/random.choice()"
        for k in (
            "shuffle",
            "sample",
            "choices",
            "gauss",
            "normalvariate",
            "triangular",
            "betavariate",
            "expovariate",
            "SystemRandom",
            "Random",
            "randbytes",
        )
    },
    "hashlib": {
        "new": "call hashlib.sha256()/sha1()/md5() directly",
        "sha224": "use hashlib.sha256()",
        "sha384": "use hashlib.sha256()",
        "sha512": "use hashlib.sha256()",
        "blake2b": "use hashlib.sha256()",
        "blake2s": "use hashlib.sha256()",
        "sha3_256": "use hashlib.sha256()",
        "pbkdf2_hmac": "derive the key yourself with hashlib.sha256()",
        "file_digest": "read the file in chunks into h.update()",
        "algorithms_available": "the board has sha256, sha1 and md5",
    },
    "binascii": {"b2a_hex": "use binascii.hexlify()", "a2b_hex": "use binascii.unhexlify()"},
    "socket": {
        "create_connection": "use socket.getaddrinfo() then s.connect(addr)",
        "gethostbyname": "use socket.getaddrinfo(host, port)[0][-1]",
        "inet_aton": "convert the address yourself",
        "inet_ntoa": "convert the address yourself",
        "inet_pton": "convert the address yourself",
        "inet_ntop": "convert the address yourself",
        "timeout": "a timeout is OSError with e.args[0] == errno.ETIMEDOUT (116)",
        "error": "catch OSError",
        "gaierror": "DNS failures are OSError with a negative number (-202)",
        "herror": "catch OSError",
        "setdefaulttimeout": "call s.settimeout() on each socket",
        "getdefaulttimeout": "keep the timeout yourself",
        "getfqdn": "the board has no resolver for that",
        "socketpair": "the board has no socketpair",
        "SHUT_RD": "close the socket",
        "SHUT_WR": "close the socket",
        "SHUT_RDWR": "close the socket",
    },
    "ssl": {
        "create_default_context": "use ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT) and load a CA "
        "with load_verify_locations()",
        "SSLError": "TLS failures are OSError (negative mbedTLS codes) or ValueError",
        "CertificateError": "certificate failures are ValueError",
        "get_default_verify_paths": "the board has no CA store",
    },
    "io": {
        "TextIOWrapper": "use open()",
        "BufferedReader": 'use open(path, "rb")',
        "FileIO": 'use open(path, "rb")',
        "SEEK_SET": "use 0",
        "SEEK_CUR": "use 1",
        "SEEK_END": "use 2",
        "UnsupportedOperation": "catch OSError",
    },
    "re": {
        "fullmatch": "use re.match() with '$' at the end of the pattern",
        "findall": "loop with re.search() on the rest of the string",
        "finditer": "loop with re.search() on the rest of the string",
    },
    "errno": {
        k: "the board has no errno.%s: compare e.args[0] with the number (%d on "
        "LittleFS)" % (k, n)
        for k, n in (
            ("ENOTEMPTY", 39),
            ("ENOSPC", 28),
            ("ENOTDIR", 20),
            ("ENAMETOOLONG", 36),
            ("EROFS", 30),
            ("EFBIG", 27),
            ("EPIPE", 32),
            ("EMFILE", 24),
            ("ENFILE", 23),
        )
    }
    | {"EWOULDBLOCK": "use errno.EAGAIN"},
    "gc": {
        "get_objects": "use gc.mem_free()",
        "get_count": "use gc.mem_alloc()",
        "get_referrers": "avoid it",
        "freeze": "drop it",
    },
}

# ---------- methods the board lacks (§3, §13, §16)

_PAD = "use '{:<10}'.format(s) (or pad with ' ' * n)"
MISSING_METHODS = {
    "ljust": ("str.ljust", _PAD),
    "rjust": ("str.rjust", "use '{:>10}'.format(s) (or pad with ' ' * n)"),
    "zfill": ("str.zfill", "use '%05d' % n or '{:0>5}'.format(s)"),
    "removeprefix": ("str.removeprefix", "s[len(p):] if s.startswith(p) else s"),
    "removesuffix": ("str.removesuffix", "s[:-len(x)] if x and s.endswith(x) else s"),
    "casefold": ("str.casefold", "use lower()"),
    "title": ("str.title", "change case with upper()/lower() yourself"),
    "capitalize": ("str.capitalize", "s[:1].upper() + s[1:]"),
    "swapcase": ("str.swapcase", "change case with upper()/lower() yourself"),
    "istitle": ("str.istitle", "test the characters with isupper()/islower()"),
    "format_map": ("str.format_map", "use format(**d)"),
    "isidentifier": ("str.isidentifier", "test the characters yourself"),
    "expandtabs": ("str.expandtabs", "use replace('\\t', ' ' * 8)"),
    "isascii": ("str.isascii", "all(ord(c) < 128 for c in s)"),
    "isprintable": ("str.isprintable", "test the characters yourself"),
    "maketrans": ("str.maketrans", "use replace()"),
    "translate": ("str.translate", "use replace()"),
    "isalnum": ("str.isalnum", "c.isalpha() or c.isdigit()"),
    "isdecimal": ("str.isdecimal", "use isdigit()"),
    "isnumeric": ("str.isnumeric", "use isdigit()"),
    "hexdigest": ("hash.hexdigest", "use binascii.hexlify(h.digest()).decode()"),
    "bit_length": ("int.bit_length", "use len(bin(n)) - 2 for n > 0"),
    "bit_count": ("int.bit_count", "use bin(n).count('1')"),
    "as_integer_ratio": ("int.as_integer_ratio", "compute it yourself"),
    "writelines": ("file.writelines", "call write() for each line"),
    "raise_for_status": (
        "Response.raise_for_status",
        "check r.status_code yourself (requests 0.10.2 on the board)",
    ),
    "iter_content": ("Response.iter_content", "read r.raw.readinto(buf) in a loop"),
    "iter_lines": ("Response.iter_lines", "read r.raw.readline() in a loop"),
    "with_traceback": ("exception.with_traceback", "raise the exception as it is"),
    "add_note": ("exception.add_note", "put the note in the message"),
}

# Dunder attributes the board's objects do not have (§16).
MISSING_DUNDERS = {
    "__mro__": "the board has no __mro__ (and resolves methods depth-first, not C3)",
    "__qualname__": "use __name__",
    "__doc__": "the board drops docstrings",
    "__annotations__": "the board parses annotations but keeps none",
    "__defaults__": "keep the defaults yourself",
    "__kwdefaults__": "keep the defaults yourself",
    "__wrapped__": "keep a reference to the wrapped function yourself",
    "__code__": "the ESP32 build has no function.__code__",
    "__cause__": "the board has no exception chaining",
    "__context__": "the board has no exception chaining",
    "__traceback__": "print exceptions with sys.print_exception(e)",
    "__suppress_context__": "the board has no exception chaining",
    "__notes__": "put the note in the message",
}

# OSError on the board is constructed with one argument only (§1.1).
EXCEPTION_ATTRS = {
    "strerror": "use e.args[0] (the errno number)",
    "filename": "keep the path yourself",
    "filename2": "keep the paths yourself",
    "winerror": "use e.args[0]",
    "characters_written": "check the count write() returns",
}

# requests 0.10.2 Response (§10).
RESPONSE_ATTRS = {
    "ok": "test 200 <= r.status_code < 300",
    "url": "keep the URL you asked for",
    "history": "requests 0.10.2 keeps no redirect history",
    "elapsed": "time it with time.ticks_ms()",
    "cookies": "read r.headers['Set-Cookie'] (exact case)",
    "apparent_encoding": "the board always decodes UTF-8",
    "links": "parse the Link header yourself",
    "is_redirect": "test r.status_code",
}

# Keyword arguments builtins and built-in methods reject (§3.1, §16): "function doesn't take
# keyword arguments" (or "extra keyword arguments given"). name -> {kw: fix}
KW_BUILTINS = {
    "int": {"base": "pass the base positionally: int(x, 16)"},
    "str": {
        "encoding": "pass it positionally: str(b, 'utf-8')",
        "errors": "drop it: the board ignores it",
    },
    "bytes": {
        "encoding": "pass it positionally: bytes(s, 'utf-8')",
        "errors": "drop it: the board ignores it",
    },
    "bytearray": {"encoding": "pass it positionally: bytearray(s, 'utf-8')"},
    "print": {"flush": "drop it: the board's console is unbuffered"},
    "zip": {"strict": "drop it and compare the lengths yourself"},
    "round": {"ndigits": "pass it positionally: round(x, 2)"},
    "sum": {"start": "pass it positionally: sum(xs, start)"},
    "open": {
        k: "drop it: the board never translates newlines and always uses UTF-8"
        for k in ("newline", "errors", "closefd", "opener")
    },
}
KW_METHODS = {
    "split": {
        "maxsplit": "pass it positionally: s.split(sep, n) (sep None for whitespace)",
        "sep": "pass it positionally: s.split(sep)",
    },
    "rsplit": {
        "maxsplit": "pass it positionally: s.rsplit(sep, n)",
        "sep": "pass it positionally: s.rsplit(sep)",
    },
    "encode": {
        "encoding": "drop it: the board always encodes UTF-8",
        "errors": "drop it: the board ignores it",
    },
    "decode": {
        "encoding": "drop it: the board always decodes UTF-8",
        "errors": "drop it: invalid UTF-8 raises UnicodeError() on the board",
    },
    "get": {"default": "pass it positionally: d.get(k, x)"},
    "pop": {"default": "pass it positionally: d.pop(k, x)"},
    "to_bytes": {
        None: "pass length and byteorder positionally: n.to_bytes(2, 'big'); for "
        "signed values mask them first: (n & 0xFFFF).to_bytes(2, 'big')"
    },
    "from_bytes": {
        None: "pass byteorder positionally: int.from_bytes(b, 'big'); for signed "
        "values subtract 1 << bits yourself"
    },
}

# json on the board takes separators= only (§13).
JSON_KW = {
    "dumps": (
        "indent",
        "sort_keys",
        "default",
        "ensure_ascii",
        "cls",
        "skipkeys",
        "check_circular",
        "allow_nan",
    ),
    "dump": (
        "indent",
        "sort_keys",
        "default",
        "ensure_ascii",
        "cls",
        "skipkeys",
        "check_circular",
        "allow_nan",
    ),
    "loads": (
        "object_hook",
        "object_pairs_hook",
        "parse_float",
        "parse_int",
        "parse_constant",
        "cls",
        "strict",
    ),
    "load": (
        "object_hook",
        "object_pairs_hook",
        "parse_float",
        "parse_int",
        "parse_constant",
        "cls",
        "strict",
    ),
}
JSON_KW_FIX = {
    "indent": "drop it: the board writes compact JSON only",
    "sort_keys": "drop it: the board's dicts are unordered, so build the text in the order you "
    "need",
    "default": "convert the objects yourself first (the board never raises for them)",
    "ensure_ascii": "drop it: the board writes raw UTF-8",
}

REQUEST_FUNCS = frozenset(("get", "post", "put", "patch", "delete", "head", "request"))
UTF8 = frozenset(("utf-8", "utf8", "utf_8", "u8"))
