# otasim lint: finds code that runs on GraalPy (so in the simulator) but fails or differs on an
# ESP32 running MicroPython (DESIGN §4, spec/micropython-esp32.md §1.1, §2.1, §8-§14, §16, §20).
# Host code, CPython-flavoured; it only reads the source text it is given.
#
# Setup: configure(aliases, tls_since) with the board's module table (Java's BoardModules).
# Entry point: check(source, filename, firmware, importable, local_modules, imports) -> one
# finding per line,
#   "line\tcol\trule\tseverity\tmessage"  (line and col 1-based, col in characters).
# Every rule is static and most are heuristics on names: a rule that cannot tell (a step slice
# on a list or on a str) says "warning"; one that fails the board whenever it runs says "error".
import ast
import io
import re
import string
import tokenize

ERROR = 'error'
WARNING = 'warning'

# CPython's ast counts columns in UTF-8 bytes, GraalPy's in characters: ask the parser once.
_BYTE_COLUMNS = ast.parse('"\u00e9";x').body[1].value.col_offset == 5

# ------------------------------------------------------------------ names the board lacks (§1.1, §16)

_OSERROR_SUBCLASSES = {
    'FileNotFoundError': 'e.args[0] == errno.ENOENT',
    'FileExistsError': 'e.args[0] == errno.EEXIST',
    'PermissionError': 'e.args[0] == errno.EACCES',
    'IsADirectoryError': 'e.args[0] == errno.EISDIR',
    'NotADirectoryError': 'e.args[0] == 20',
    'TimeoutError': 'e.args[0] == errno.ETIMEDOUT',
    'ConnectionResetError': 'e.args[0] == errno.ECONNRESET',
    'ConnectionRefusedError': 'e.args[0] == errno.ECONNREFUSED',
    'ConnectionAbortedError': 'e.args[0] == errno.ECONNABORTED',
    'BlockingIOError': 'e.args[0] == errno.EAGAIN',
    'ConnectionError': 'e.args[0]',
    'BrokenPipeError': 'e.args[0]',
    'InterruptedError': 'e.args[0]',
    'ChildProcessError': 'e.args[0]',
    'ProcessLookupError': 'e.args[0]',
}

_MISSING_NAMES = {
    'IOError': 'use OSError',
    'EnvironmentError': 'use OSError',
    'UnicodeDecodeError': 'use UnicodeError',
    'UnicodeEncodeError': 'use UnicodeError',
    'UnicodeTranslateError': 'use UnicodeError',
    'RecursionError': "use RuntimeError (the board raises RuntimeError('maximum recursion depth "
                      "exceeded'))",
    'ModuleNotFoundError': 'use ImportError',
    'UnboundLocalError': 'use NameError (what the board raises for an unbound local)',
    'ExceptionGroup': 'raise and catch single exceptions',
    'BaseExceptionGroup': 'raise and catch single exceptions',
    'BufferError': 'catch Exception or a class of your own',
    'FloatingPointError': 'catch Exception or a class of your own',
    'ReferenceError': 'catch Exception or a class of your own',
    'SystemError': 'catch Exception or a class of your own',
    'TabError': 'use IndentationError',
    'vars': 'use obj.__dict__',
    'ascii': 'use repr()',
    'format': "use '{:spec}'.format(x) or '%' formatting",
    'breakpoint': 'remove the call',
    'aiter': 'call obj.__aiter__()',
    'anext': 'call obj.__anext__()',
    '__debug__': 'use a constant of your own',
}
for _w in ('Warning', 'DeprecationWarning', 'UserWarning', 'RuntimeWarning', 'ResourceWarning',
           'FutureWarning', 'SyntaxWarning', 'ImportWarning', 'UnicodeWarning', 'BytesWarning',
           'EncodingWarning', 'PendingDeprecationWarning'):
    _MISSING_NAMES[_w] = 'the board has no warning classes; print a message instead'


def _missing_name_message(name):
    if name in _OSERROR_SUBCLASSES:
        return ('%s does not exist on MicroPython (NameError when the line runs); catch OSError '
                'and test %s' % (name, _OSERROR_SUBCLASSES[name]))
    return '%s does not exist on MicroPython (NameError when the line runs); %s' % (
        name, _MISSING_NAMES[name])


# ------------------------------------------------------------------ modules (§14, §20)

# Imports that fail on the ESP32_GENERIC image (spec §14), with the replacement to suggest.
_MISSING_MODULES = {
    'os.path': "use os.stat() inside try/except OSError, and join paths with '/'",
    'pathlib': "use os functions and '/'-joined string paths",
    'shutil': 'copy with open()/read()/write() in chunks, remove with os.remove()',
    'typing': 'drop it: annotations are never evaluated on the board',
    'dataclasses': 'write the __init__ yourself',
    'enum': 'use class attributes as constants',
    'abc': 'use a plain base class',
    'collections.abc': 'check with hasattr() instead',
    'functools': 'write the helper yourself',
    'itertools': 'write the loop yourself',
    'contextlib': 'use try/finally',
    'traceback': 'print exceptions with sys.print_exception(e)',
    'logging': 'use print()',
    'warnings': 'use print()',
    'copy': 'copy with list(x) / dict(x)',
    'string': 'spell the characters out',
    'datetime': 'use the 8-tuples of time.gmtime()/time.localtime() (epoch 2000)',
    'tempfile': 'write to a fixed file name and os.rename() it',
    'uuid': 'use binascii.hexlify(os.urandom(16))',
    'secrets': 'use os.urandom()',
    'base64': 'use binascii.b2a_base64()/a2b_base64()',
    'hmac': 'compute the HMAC with hashlib yourself',
    'zlib': 'use deflate.DeflateIO',
    'gzip': 'use deflate.DeflateIO',
    'tarfile': 'ship plain files',
    'zipfile': 'ship plain files',
    'urllib': 'split the URL yourself',
    'http': 'use requests (frozen on the board)',
    'email': 'build the text yourself',
    'csv': "split lines with str.split(',')",
    'textwrap': 'wrap the text yourself',
    'argparse': 'the board has no command line',
    'pickle': 'use json',
    'glob': 'filter os.listdir() yourself',
    'fnmatch': 'filter os.listdir() yourself',
    'weakref': 'keep plain references',
    'threading': 'use _thread',
    'queue': 'use collections.deque',
    'inspect': 'avoid introspection',
    'types': 'avoid it',
    'operator': 'use lambdas',
    'bisect': 'write the search yourself',
    'decimal': 'use ints (floats are single precision on the board)',
    'fractions': 'use ints',
    'statistics': 'compute it yourself',
    'unittest': 'test on the host (otasim) instead',
    'subprocess': 'the board has no processes',
    'signal': 'the board has no signals',
    'socketserver': 'use socket directly',
    'ctypes': 'use uctypes',
    'multiprocessing': 'the board has no processes',
    'concurrent': 'use _thread or asyncio',
    'selectors': 'use select.poll()',
    'configparser': 'use json',
    'locale': 'the board has no locales',
    'calendar': 'use time.gmtime()/time.mktime()',
    'pprint': 'use print()',
    'importlib': 'use __import__()',
    'codecs': 'use str.encode()/bytes.decode() (always UTF-8)',
    'getpass': 'the board has no terminal',
    'ipaddress': 'parse the address yourself',
    'atexit': 'the board runs no exit hooks',
    'sqlite3': 'use json files',
    'numbers': 'check with isinstance(x, (int, float))',
}

# `u`-names of built-in C modules (spec §14) and frozen forwarders (`urequests`): the same module
# as the plain name. Filled by configure() from the board's module table.
_U_ALIASES = {}

# The first firmware whose TLS module is `tls` (spec §20), as configure() was told: '1.23'.
_TLS_SINCE = ['']


def configure(aliases, tls_since):
    """Takes the board's module table: aliases 'uos=os,utime=time,...', the tls release '1.23'."""
    _U_ALIASES.clear()
    for pair in str(aliases).split(','):
        alias, _, name = pair.partition('=')
        _U_ALIASES[alias] = name
    _TLS_SINCE[0] = str(tls_since)

# The firmware's import table (name -> (module, when)), given with each check by the simulator.
_IMPORTS = {}

# ------------------------------------------------------------------ module members the board lacks

_OS_MISSING = {
    'path': "os.path does not exist on the board: use os.stat() in try/except OSError and join "
            "with '/'",
    'makedirs': 'create each level with os.mkdir() (OSError 17 when it exists)',
    'removedirs': 'remove each level with os.rmdir()',
    'walk': 'recurse with os.ilistdir() (type 0x4000 is a folder)',
    'scandir': 'use os.ilistdir()',
    'replace': 'use os.rename() (it replaces an existing file atomically on LittleFS)',
    'fsync': 'call f.flush() and close the file',
    'environ': 'the board has no environment; keep settings in a file',
    'getenv': 'the board has no environment; keep settings in a file',
    'putenv': 'the board has no environment; keep settings in a file',
    'getpid': 'the board has no processes',
    'system': 'the board has no processes',
    'linesep': "use '\\n'",
    'curdir': "use '.'",
    'pardir': "use '..'",
    'devnull': 'the board has no null device',
    'name': 'use sys.platform',
    'SEEK_SET': 'use 0', 'SEEK_CUR': 'use 1', 'SEEK_END': 'use 2',
    'stat_result': 'os.stat() returns a plain 10-tuple: size is [6]',
    'fspath': 'use str paths',
    'access': 'use os.stat() in try/except OSError',
    'chmod': 'the board has no permissions',
    'utime': 'the board cannot set file times',
    'truncate': 'rewrite the file',
    'getlogin': 'the board has no users',
    'kill': 'the board has no processes',
}

_MISSING_MEMBERS = {
    'os': _OS_MISSING,
    'time': dict({k: 'use time.ticks_ms() with time.ticks_diff()' for k in (
        'monotonic', 'monotonic_ns', 'perf_counter', 'perf_counter_ns', 'process_time',
        'process_time_ns', 'thread_time', 'get_clock_info')}, **{k: (
            'format the 8-tuple of time.gmtime() yourself') for k in (
        'strftime', 'strptime', 'asctime', 'ctime', 'struct_time')}, **{k: (
            'the board has no time zones (localtime == gmtime)') for k in (
        'timezone', 'tzname', 'altzone', 'daylight', 'tzset')}),
    'sys': {
        'exc_info': 'catch the exception with except E as e',
        'getrecursionlimit': 'the board has a fixed C stack',
        'setrecursionlimit': 'the board has a fixed C stack',
        'getsizeof': 'use gc.mem_free() before and after',
        'intern': 'drop it',
        'executable': 'the board has no executable path',
        'flags': 'drop it',
        'float_info': 'floats are single precision on the board',
        'getdefaultencoding': "it is always 'utf-8'",
        '_getframe': 'avoid frame introspection',
        'settrace': 'avoid tracing',
        'atexit': 'the board runs no exit hooks',
        'version_info.major': 'sys.version_info is a plain tuple: use sys.version_info[0]',
        'version_info.minor': 'sys.version_info is a plain tuple: use sys.version_info[1]',
        'version_info.micro': 'sys.version_info is a plain tuple: use sys.version_info[2]',
    },
    'json': {k: "catch ValueError (the board's only JSON error)" for k in (
        'JSONDecodeError',)} | {k: 'use json.dumps()/json.loads()' for k in (
        'JSONEncoder', 'JSONDecoder')},
    'struct': {
        'Struct': 'call struct.pack()/unpack() with the format',
        'iter_unpack': 'loop over struct.unpack_from() with an offset',
        'error': "catch ValueError (the board raises ValueError('buffer too small'))",
    },
    'collections': {
        'defaultdict': 'use dict.setdefault() or d.get(k, default)',
        'Counter': 'count into a dict with d.get(k, 0) + 1',
        'ChainMap': 'merge dicts yourself',
        'UserDict': 'subclass dict',
        'UserList': 'subclass list',
        'UserString': 'subclass str',
        'abc': 'check with hasattr() instead',
    },
    'random': {k: 'build it from random.randrange()/random.choice()' for k in (
        'shuffle', 'sample', 'choices', 'gauss', 'normalvariate', 'triangular', 'betavariate',
        'expovariate', 'SystemRandom', 'Random', 'randbytes')},
    'hashlib': {
        'new': 'call hashlib.sha256()/sha1()/md5() directly',
        'sha224': 'use hashlib.sha256()', 'sha384': 'use hashlib.sha256()',
        'sha512': 'use hashlib.sha256()', 'blake2b': 'use hashlib.sha256()',
        'blake2s': 'use hashlib.sha256()', 'sha3_256': 'use hashlib.sha256()',
        'pbkdf2_hmac': 'derive the key yourself with hashlib.sha256()',
        'file_digest': 'read the file in chunks into h.update()',
        'algorithms_available': 'the board has sha256, sha1 and md5',
    },
    'binascii': {'b2a_hex': 'use binascii.hexlify()', 'a2b_hex': 'use binascii.unhexlify()'},
    'socket': {
        'create_connection': 'use socket.getaddrinfo() then s.connect(addr)',
        'gethostbyname': "use socket.getaddrinfo(host, port)[0][-1]",
        'inet_aton': 'convert the address yourself', 'inet_ntoa': 'convert the address yourself',
        'inet_pton': 'convert the address yourself', 'inet_ntop': 'convert the address yourself',
        'timeout': 'a timeout is OSError with e.args[0] == errno.ETIMEDOUT (116)',
        'error': 'catch OSError',
        'gaierror': 'DNS failures are OSError with a negative number (-202)',
        'herror': 'catch OSError',
        'setdefaulttimeout': 'call s.settimeout() on each socket',
        'getdefaulttimeout': 'keep the timeout yourself',
        'getfqdn': 'the board has no resolver for that',
        'socketpair': 'the board has no socketpair',
        'SHUT_RD': 'close the socket', 'SHUT_WR': 'close the socket',
        'SHUT_RDWR': 'close the socket',
    },
    'ssl': {
        'create_default_context': 'use ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT) and load a CA '
                                  'with load_verify_locations()',
        'SSLError': 'TLS failures are OSError (negative mbedTLS codes) or ValueError',
        'CertificateError': 'certificate failures are ValueError',
        'get_default_verify_paths': 'the board has no CA store',
    },
    'io': {'TextIOWrapper': 'use open()', 'BufferedReader': 'use open(path, "rb")',
           'FileIO': 'use open(path, "rb")', 'SEEK_SET': 'use 0', 'SEEK_CUR': 'use 1',
           'SEEK_END': 'use 2', 'UnsupportedOperation': 'catch OSError'},
    're': {'fullmatch': "use re.match() with '$' at the end of the pattern",
           'findall': 'loop with re.search() on the rest of the string',
           'finditer': 'loop with re.search() on the rest of the string'},
    'errno': {k: 'the board has no errno.%s: compare e.args[0] with the number (%d on '
                 'LittleFS)' % (k, n) for k, n in (
        ('ENOTEMPTY', 39), ('ENOSPC', 28), ('ENOTDIR', 20), ('ENAMETOOLONG', 36), ('EROFS', 30),
        ('EFBIG', 27), ('EPIPE', 32), ('EMFILE', 24), ('ENFILE', 23))}
    | {'EWOULDBLOCK': 'use errno.EAGAIN'},
    'gc': {'get_objects': 'use gc.mem_free()', 'get_count': 'use gc.mem_alloc()',
           'get_referrers': 'avoid it', 'freeze': 'drop it'},
}

# ------------------------------------------------------------------ methods the board lacks (§3, §13, §16)

_PAD = "use '{:<10}'.format(s) (or pad with ' ' * n)"
_MISSING_METHODS = {
    'ljust': ('str.ljust', _PAD),
    'rjust': ('str.rjust', "use '{:>10}'.format(s) (or pad with ' ' * n)"),
    'zfill': ('str.zfill', "use '%05d' % n or '{:0>5}'.format(s)"),
    'removeprefix': ('str.removeprefix', 's[len(p):] if s.startswith(p) else s'),
    'removesuffix': ('str.removesuffix', 's[:-len(x)] if x and s.endswith(x) else s'),
    'casefold': ('str.casefold', 'use lower()'),
    'title': ('str.title', 'change case with upper()/lower() yourself'),
    'capitalize': ('str.capitalize', 's[:1].upper() + s[1:]'),
    'swapcase': ('str.swapcase', 'change case with upper()/lower() yourself'),
    'istitle': ('str.istitle', 'test the characters with isupper()/islower()'),
    'format_map': ('str.format_map', 'use format(**d)'),
    'isidentifier': ('str.isidentifier', 'test the characters yourself'),
    'expandtabs': ('str.expandtabs', "use replace('\\t', ' ' * 8)"),
    'isascii': ('str.isascii', 'all(ord(c) < 128 for c in s)'),
    'isprintable': ('str.isprintable', 'test the characters yourself'),
    'maketrans': ('str.maketrans', 'use replace()'),
    'translate': ('str.translate', 'use replace()'),
    'isalnum': ('str.isalnum', 'c.isalpha() or c.isdigit()'),
    'isdecimal': ('str.isdecimal', 'use isdigit()'),
    'isnumeric': ('str.isnumeric', 'use isdigit()'),
    'hexdigest': ('hash.hexdigest', 'use binascii.hexlify(h.digest()).decode()'),
    'bit_length': ('int.bit_length', 'use len(bin(n)) - 2 for n > 0'),
    'bit_count': ('int.bit_count', "use bin(n).count('1')"),
    'as_integer_ratio': ('int.as_integer_ratio', 'compute it yourself'),
    'writelines': ('file.writelines', 'call write() for each line'),
    'raise_for_status': ('Response.raise_for_status',
                         'check r.status_code yourself (requests 0.10.2 on the board)'),
    'iter_content': ('Response.iter_content', 'read r.raw.readinto(buf) in a loop'),
    'iter_lines': ('Response.iter_lines', 'read r.raw.readline() in a loop'),
    'with_traceback': ('exception.with_traceback', 'raise the exception as it is'),
    'add_note': ('exception.add_note', 'put the note in the message'),
}

# Dunder attributes the board's objects do not have (§16).
_MISSING_DUNDERS = {
    '__mro__': 'the board has no __mro__ (and resolves methods depth-first, not C3)',
    '__qualname__': 'use __name__',
    '__doc__': 'the board drops docstrings',
    '__annotations__': 'the board parses annotations but keeps none',
    '__defaults__': 'keep the defaults yourself',
    '__kwdefaults__': 'keep the defaults yourself',
    '__wrapped__': 'keep a reference to the wrapped function yourself',
    '__code__': 'the ESP32 build has no function.__code__',
    '__cause__': 'the board has no exception chaining',
    '__context__': 'the board has no exception chaining',
    '__traceback__': 'print exceptions with sys.print_exception(e)',
    '__suppress_context__': 'the board has no exception chaining',
    '__notes__': 'put the note in the message',
}

# OSError on the board is constructed with one argument only (§1.1).
_EXCEPTION_ATTRS = {
    'strerror': 'use e.args[0] (the errno number)',
    'filename': 'keep the path yourself',
    'filename2': 'keep the paths yourself',
    'winerror': 'use e.args[0]',
    'characters_written': 'check the count write() returns',
}

# requests 0.10.2 Response (§10).
_RESPONSE_ATTRS = {
    'ok': 'test 200 <= r.status_code < 300',
    'url': 'keep the URL you asked for',
    'history': 'requests 0.10.2 keeps no redirect history',
    'elapsed': 'time it with time.ticks_ms()',
    'cookies': "read r.headers['Set-Cookie'] (exact case)",
    'apparent_encoding': "the board always decodes UTF-8",
    'links': 'parse the Link header yourself',
    'is_redirect': 'test r.status_code',
}

# Keyword arguments builtins and built-in methods reject (§3.1, §16): "function doesn't take
# keyword arguments" (or "extra keyword arguments given"). name -> {kw: fix}
_KW_BUILTINS = {
    'int': {'base': 'pass the base positionally: int(x, 16)'},
    'str': {'encoding': "pass it positionally: str(b, 'utf-8')",
            'errors': 'drop it: the board ignores it'},
    'bytes': {'encoding': "pass it positionally: bytes(s, 'utf-8')",
              'errors': 'drop it: the board ignores it'},
    'bytearray': {'encoding': "pass it positionally: bytearray(s, 'utf-8')"},
    'print': {'flush': "drop it: the board's console is unbuffered"},
    'zip': {'strict': 'drop it and compare the lengths yourself'},
    'round': {'ndigits': 'pass it positionally: round(x, 2)'},
    'sum': {'start': 'pass it positionally: sum(xs, start)'},
    'open': {k: 'drop it: the board never translates newlines and always uses UTF-8' for k in ('newline', 'errors', 'closefd',
                                                           'opener')},
}
_KW_METHODS = {
    'split': {'maxsplit': 'pass it positionally: s.split(sep, n) (sep None for whitespace)',
              'sep': 'pass it positionally: s.split(sep)'},
    'rsplit': {'maxsplit': 'pass it positionally: s.rsplit(sep, n)',
               'sep': 'pass it positionally: s.rsplit(sep)'},
    'encode': {'encoding': 'drop it: the board always encodes UTF-8',
               'errors': 'drop it: the board ignores it'},
    'decode': {'encoding': 'drop it: the board always decodes UTF-8',
               'errors': 'drop it: invalid UTF-8 raises UnicodeError() on the board'},
    'get': {'default': 'pass it positionally: d.get(k, x)'},
    'pop': {'default': 'pass it positionally: d.pop(k, x)'},
    'to_bytes': {None: "pass length and byteorder positionally: n.to_bytes(2, 'big'); for "
                       "signed values mask them first: (n & 0xFFFF).to_bytes(2, 'big')"},
    'from_bytes': {None: "pass byteorder positionally: int.from_bytes(b, 'big'); for signed "
                         "values subtract 1 << bits yourself"},
}

# json on the board takes separators= only (§13).
_JSON_KW = {
    'dumps': ('indent', 'sort_keys', 'default', 'ensure_ascii', 'cls', 'skipkeys',
              'check_circular', 'allow_nan'),
    'dump': ('indent', 'sort_keys', 'default', 'ensure_ascii', 'cls', 'skipkeys',
             'check_circular', 'allow_nan'),
    'loads': ('object_hook', 'object_pairs_hook', 'parse_float', 'parse_int', 'parse_constant',
              'cls', 'strict'),
    'load': ('object_hook', 'object_pairs_hook', 'parse_float', 'parse_int', 'parse_constant',
             'cls', 'strict'),
}
_JSON_KW_FIX = {
    'indent': 'drop it: the board writes compact JSON only',
    'sort_keys': "drop it: the board's dicts are unordered, so build the text in the order you "
                 "need",
    'default': 'convert the objects yourself first (the board never raises for them)',
    'ensure_ascii': 'drop it: the board writes raw UTF-8',
}

_REQUEST_FUNCS = frozenset(('get', 'post', 'put', 'patch', 'delete', 'head', 'request'))
_UTF8 = frozenset(('utf-8', 'utf8', 'utf_8', 'u8'))


class _Finding:
    __slots__ = ('line', 'col', 'rule', 'severity', 'message')

    def __init__(self, line, col, rule, severity, message):
        self.line, self.col, self.rule = line, col, rule
        self.severity, self.message = severity, message


class _Facts(ast.NodeVisitor):
    """First pass: what the file binds, so the rules can tell a builtin from a name of its own."""

    def __init__(self):
        self.bound = set()          # every name bound anywhere (assign, def, class, import, param)
        self.assigned = set()       # names bound other than by def
        self.functions = set()      # names bound by def
        self.methods = set()        # every def name (a method named like a str method is the user's)
        self.modules = {}           # local name -> module name (u-names mapped to plain ones)
        self.members = {}           # local name -> (module, member) for `from m import n`
        self.dicts = set()          # names bound to a dict (literal, dict(), json.load(s), .json())
        self.responses = set()      # names bound to a requests response
        self.sockets = set()        # names bound to socket.socket()
        self.classes = {}           # class name -> base names
        self.except_names = set()   # names bound by `except ... as e`
        self.texts = set()          # names bound to a str or bytes literal somewhere
        self.non_texts = set()      # names bound to anything else somewhere

    def _bind(self, name, by_def=False, text=False):
        self.bound.add(name)
        if by_def:
            self.functions.add(name)
        else:
            self.assigned.add(name)
        (self.texts if text else self.non_texts).add(name)

    def is_text(self, name):
        """Whether every binding of the name is a str or bytes literal."""
        return name in self.texts and name not in self.non_texts

    def _targets(self, target, value=None):
        # Only names are bound: `f.x = 1` and `d[k] = v` bind nothing.
        if isinstance(target, ast.Name):
            self._bind(target.id, text=_is_text_literal(value))
        elif isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:
                self._targets(elt)
        elif isinstance(target, ast.Starred):
            self._targets(target.value)
        if isinstance(target, ast.Name) and value is not None:
            kind = _value_kind(value, self)
            if kind == 'dict':
                self.dicts.add(target.id)
            elif kind == 'response':
                self.responses.add(target.id)
            elif kind == 'socket':
                self.sockets.add(target.id)

    def visit_Assign(self, node):
        for t in node.targets:
            self._targets(t, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node):
        self._targets(node.target, node.value)
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        # `s += 'x'` keeps what s is.
        if isinstance(node.target, ast.Name):
            self.bound.add(node.target.id)
            self.assigned.add(node.target.id)
        self.generic_visit(node)

    def visit_NamedExpr(self, node):
        self._targets(node.target, node.value)
        self.generic_visit(node)

    def visit_For(self, node):
        self._targets(node.target)
        self.generic_visit(node)

    visit_AsyncFor = visit_For

    def visit_comprehension(self, node):
        self._targets(node.target)
        self.generic_visit(node)

    def visit_withitem(self, node):
        if node.optional_vars is not None:
            self._targets(node.optional_vars, node.context_expr)
        self.generic_visit(node)

    def visit_ExceptHandler(self, node):
        if node.name:
            self._bind(node.name)
            self.except_names.add(node.name)
        self.generic_visit(node)

    def visit_FunctionDef(self, node):
        self._bind(node.name, by_def=True)
        self.methods.add(node.name)
        a = node.args
        for arg in a.posonlyargs + a.args + a.kwonlyargs + [a.vararg, a.kwarg]:
            if arg is not None:
                self._bind(arg.arg)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        a = node.args
        for arg in a.posonlyargs + a.args + a.kwonlyargs + [a.vararg, a.kwarg]:
            if arg is not None:
                self._bind(arg.arg)
        self.generic_visit(node)

    def visit_ClassDef(self, node):
        self._bind(node.name)
        self.classes[node.name] = [b.id for b in node.bases if isinstance(b, ast.Name)]
        self.generic_visit(node)

    def visit_Import(self, node):
        for alias in node.names:
            if alias.asname:
                self._bind(alias.asname)
                self.modules[alias.asname] = _plain(alias.name)
            else:
                top = alias.name.split('.')[0]
                self._bind(top)
                self.modules[top] = _plain(top)

    def visit_ImportFrom(self, node):
        for alias in node.names:
            local = alias.asname or alias.name
            self._bind(local)
            if node.module and not node.level:
                self.members[local] = (_plain(node.module), alias.name)

    def visit_Global(self, node):
        for n in node.names:
            self.bound.add(n)


def _is_text_literal(node):
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)))


def _plain(module):
    top, _, rest = module.partition('.')
    top = _U_ALIASES.get(top, top)
    return top + ('.' + rest if rest else '')


def _module_of(node, facts):
    """The module a Name stands for (`import utime as time` -> 'time'), else None."""
    if isinstance(node, ast.Name):
        return facts.modules.get(node.id)
    return None


def _call_target(func, facts):
    """(module, name) a call goes to: json.dumps -> ('json', 'dumps'); from json import dumps ->
    ('json', 'dumps'); a builtin -> (None, 'print'); otherwise None."""
    if isinstance(func, ast.Attribute):
        mod = _module_of(func.value, facts)
        if mod:
            return mod, func.attr
    elif isinstance(func, ast.Name):
        if func.id in facts.members:
            return facts.members[func.id]
        return None, func.id
    return None


def _value_kind(value, facts):
    if isinstance(value, (ast.Dict, ast.DictComp)):
        return 'dict'
    if isinstance(value, ast.Call):
        target = _call_target(value.func, facts)
        if target == (None, 'dict') and 'dict' not in facts.assigned:
            return 'dict'
        if target in (('json', 'load'), ('json', 'loads')):
            return 'dict'
        if isinstance(value.func, ast.Attribute) and value.func.attr == 'json':
            return 'dict'
        if target and target[0] == 'requests' and target[1] in _REQUEST_FUNCS:
            return 'response'
        if target == ('socket', 'socket'):
            return 'socket'
    return None


def _is_dictish(node, facts):
    if isinstance(node, (ast.Dict, ast.DictComp)):
        return True
    if isinstance(node, ast.Name):
        return node.id in facts.dicts
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in ('keys', 'values', 'items') and not node.args):
        return True
    return False


def _handler_names(handler):
    t = handler.type
    if t is None:
        return {'*'}
    elts = t.elts if isinstance(t, ast.Tuple) else [t]
    return {e.id if isinstance(e, ast.Name) else getattr(e, 'attr', '') for e in elts}


class _Rules(ast.NodeVisitor):
    """Second pass: one visit per node kind, each adding findings."""

    def __init__(self, facts, text, firmware, importable, local_modules):
        self.facts = facts
        self.text = text
        self.lines = text.splitlines()
        self.firmware = firmware
        self.importable = importable
        self.local = local_modules
        self.findings = []
        self.guards = []            # names caught by the enclosing try blocks
        self.function_depth = 0

    # ------------------------------------------------------------------ plumbing

    def add(self, node, rule, severity, message):
        line = getattr(node, 'lineno', 1)
        col = self.column(line, getattr(node, 'col_offset', 0))
        # Report characters, 1-based, as compilers do.
        self.findings.append(_Finding(line, col + 1, rule, severity, message))

    def column(self, line, offset):
        if _BYTE_COLUMNS and 0 < line <= len(self.lines):
            return len(self.lines[line - 1].encode('utf-8')[:offset].decode('utf-8', 'replace'))
        return offset

    def guarded(self, *names):
        return any(n in g for g in self.guards for n in names)

    def segment(self, node):
        """The node's source text, as one line."""
        try:
            first, last = node.lineno, node.end_lineno
            lines = self.lines[first - 1:last]
            start = self.column(first, node.col_offset)
            end = self.column(last, node.end_col_offset)
        except (AttributeError, TypeError):
            return ''
        if not lines:
            return ''
        if len(lines) == 1:
            return lines[0][start:end]
        return ' '.join([lines[0][start:]] + [l.strip() for l in lines[1:-1]]
                        + [lines[-1][:end].strip()])

    # ------------------------------------------------------------------ syntax the board rejects

    def visit_Match(self, node):
        self.add(node, 'match', ERROR,
                 '`match` is a SyntaxError on MicroPython; use if/elif')
        self.generic_visit(node)

    def visit_TryStar(self, node):
        self.add(node, 'except-star', ERROR,
                 '`except*` is a SyntaxError on MicroPython; use a plain `except`')
        self._visit_try(node)

    def visit_TypeAlias(self, node):
        self.add(node, 'type-params', ERROR,
                 '`type X = ...` is a SyntaxError on MicroPython; assign the alias or drop it')
        self.generic_visit(node)

    def _check_function(self, node):
        if node.args.posonlyargs:
            self.add(node, 'posonly-param', ERROR,
                     'positional-only parameters (`/`) are a SyntaxError on MicroPython; '
                     'remove the `/`')
        if getattr(node, 'type_params', None):
            self.add(node, 'type-params', ERROR,
                     'type parameters (`[T]`) are a SyntaxError on MicroPython; remove them')

    def visit_FunctionDef(self, node):
        self._check_function(node)
        self.function_depth += 1
        self.generic_visit(node)
        self.function_depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        self._check_function(node)
        self.generic_visit(node)

    # ------------------------------------------------------------------ f-strings (§16)

    def visit_JoinedStr(self, node):
        for part in node.values:
            if not isinstance(part, ast.FormattedValue):
                continue
            if part.conversion == ord('a'):
                self.add(part, 'fstring', ERROR,
                         "f-string conversion `!a` is not supported on MicroPython; use `!r`")
            for inner in ast.walk(part.value):
                if isinstance(inner, ast.JoinedStr):
                    self.add(inner, 'fstring', ERROR,
                             'an f-string nested inside an f-string fails on MicroPython '
                             "(TypeError: 'str' object isn't callable); build the inner text "
                             'first')
                    break
        self._check_fstring_concat(node)
        self.generic_visit(node)

    def _check_fstring_concat(self, node):
        seg = self.segment(node)
        if not seg:
            return
        try:
            tokens = list(tokenize.generate_tokens(io.StringIO(seg).readline))
        except (tokenize.TokenError, SyntaxError, IndentationError):
            return
        strings = [t for t in tokens if t.type == tokenize.STRING]
        fstrings = [t for t in tokens if t.type == getattr(tokenize, 'FSTRING_START', -1)
                    or (t.type == tokenize.STRING and 'f' in _prefix(t.string))]
        plain_braces = [t for t in strings
                        if 'f' not in _prefix(t.string) and ('{' in t.string or '}' in t.string)]
        if fstrings and plain_braces:
            self.add(node, 'fstring', WARNING,
                     'a plain string with braces next to an f-string is formatted as part of '
                     'the f-string on MicroPython; join them with + instead')

    # ------------------------------------------------------------------ names and imports

    def visit_Name(self, node):
        name = node.id
        if (isinstance(node.ctx, ast.Load) and name not in self.facts.bound
                and (name in _OSERROR_SUBCLASSES or name in _MISSING_NAMES)
                and not self.guarded('NameError', '*')):
            self.add(node, 'missing-name', ERROR, _missing_name_message(name))

    def _check_module(self, node, module):
        if module == '__future__':
            self.add(node, 'future-import', ERROR,
                     'MicroPython has no __future__ module (ImportError); remove the import: '
                     'annotations are never evaluated on the board')
            return
        plain = module
        top = module.split('.')[0]
        if top in self.local or self.guarded('ImportError', 'ModuleNotFoundError', '*'):
            return
        if top == 'ussl' and top not in self.importable:
            self.add(node, 'missing-module', ERROR,
                     "ussl does not exist on firmware %s (ImportError since v%s); "
                     "import ssl" % (self.firmware, _TLS_SINCE[0]))
            return
        if top == 'tls' and top not in self.importable:
            self.add(node, 'missing-module', ERROR,
                     'tls does not exist before firmware v%s (ImportError on %s); '
                     'import ssl' % (_TLS_SINCE[0], self.firmware))
            return
        if _IMPORTS and top.startswith('u') and top not in _IMPORTS and top[1:] in _IMPORTS:
            # only extensible built-ins answer to a u-name (py/objmodule.c; spec §20.1)
            self.add(node, 'missing-module', ERROR,
                     "no module named '%s' on firmware %s (ImportError): only extensible "
                     "built-ins answer to a u-name; import %s" % (top, self.firmware, top[1:]))
            return
        for candidate in (plain, top):
            if candidate in _MISSING_MODULES:
                self.add(node, 'missing-module', ERROR,
                         "the ESP32 firmware has no module '%s' (ImportError); %s"
                         % (candidate, _MISSING_MODULES[candidate]))
                return

    def visit_Import(self, node):
        for alias in node.names:
            self._check_module(node, alias.name)

    def visit_ImportFrom(self, node):
        if node.level or not node.module:
            return
        self._check_module(node, node.module)
        module = _plain(node.module)
        if node.module.split('.')[0] in self.local:
            return
        for alias in node.names:
            if module == 'os' and alias.name == 'path':
                self._check_module(node, 'os.path')
            else:
                self._check_member(node, module, alias.name)

    def _check_member(self, node, module, member):
        hint = _MISSING_MEMBERS.get(module, {}).get(member)
        if hint is None or self.guarded('AttributeError', 'ImportError', '*'):
            return
        if module == 'os' and member == 'path':
            self.add(node, 'missing-attr', ERROR, hint)
            return
        self.add(node, 'missing-attr', ERROR,
                 '%s.%s does not exist on MicroPython; %s' % (module, member, hint))

    def visit_Attribute(self, node):
        facts = self.facts
        module = _module_of(node.value, facts)
        if module:
            self._check_member(node, module, node.attr)
        elif (isinstance(node.value, ast.Attribute) and node.value.attr == 'version_info'
              and _module_of(node.value.value, facts) == 'sys'):
            self._check_member(node, 'sys', 'version_info.' + node.attr)
        name = node.value.id if isinstance(node.value, ast.Name) else None
        if node.attr in _MISSING_DUNDERS and not self.guarded('AttributeError'):
            self.add(node, 'missing-dunder', ERROR,
                     '%s does not exist on MicroPython (AttributeError); %s'
                     % (node.attr, _MISSING_DUNDERS[node.attr]))
        elif name in facts.except_names and node.attr in _EXCEPTION_ATTRS:
            self.add(node, 'exception-attr', ERROR,
                     "exceptions on the board have no .%s (OSError carries only the errno in "
                     "args); %s" % (node.attr, _EXCEPTION_ATTRS[node.attr]))
        elif name in facts.responses and node.attr in _RESPONSE_ATTRS:
            self.add(node, 'missing-attr', ERROR,
                     'Response.%s does not exist in requests 0.10.2 on the board; %s'
                     % (node.attr, _RESPONSE_ATTRS[node.attr]))
        if (isinstance(node.ctx, ast.Store) and name in facts.functions
                and name not in facts.assigned):
            self.add(node, 'function-attr', ERROR,
                     "functions take no attributes on MicroPython (AttributeError); keep '%s' "
                     'in a dict or on a class' % node.attr)
        self.generic_visit(node)

    # ------------------------------------------------------------------ calls

    def visit_Call(self, node):
        facts = self.facts
        func = node.func
        target = _call_target(func, facts)
        if isinstance(func, ast.Attribute):
            self._check_method_call(node, func)
        if target and target[0] is None and target[1] not in facts.bound:
            self._check_builtin_call(node, target[1])
        if target and target[0] == 'json' and target[1] in _JSON_KW:
            for kw in node.keywords:
                if kw.arg in _JSON_KW[target[1]]:
                    fix = _JSON_KW_FIX.get(kw.arg, 'drop it')
                    self.add(kw, 'json-kwargs', ERROR,
                             'json.%s(%s=) is rejected on MicroPython (TypeError: extra keyword '
                             'arguments given); %s' % (target[1], kw.arg, fix))
        self._check_dict_order(node, target)
        self.generic_visit(node)

    def _check_method_call(self, node, func):
        name = func.attr
        if _module_of(func.value, self.facts):
            return
        receiver = func.value
        text = _is_text_literal(receiver) or (
            isinstance(receiver, ast.Name) and self.facts.is_text(receiver.id))
        if name in _MISSING_METHODS and (text or name not in self.facts.methods):
            what, fix = _MISSING_METHODS[name]
            self.add(func, 'missing-method', ERROR,
                     '%s() does not exist on MicroPython (AttributeError); %s' % (what, fix))
        if name in _KW_METHODS:
            fixes = _KW_METHODS[name]
            for kw in node.keywords:
                if kw.arg is None:
                    continue
                fix = fixes.get(kw.arg) or fixes.get(None)
                if fix:
                    self.add(kw, 'builtin-kwargs', ERROR,
                             "%s(%s=) is rejected on MicroPython (TypeError: function doesn't "
                             'take keyword arguments); %s' % (name, kw.arg, fix))
        if name in ('encode', 'decode'):
            self._check_codec(node, node.args, name)
        if name == 'get' and node.args:
            self._check_header(node, func.value, node.args[0])
        if name == 'popitem' and not node.args:
            self.add(node, 'dict-order', WARNING,
                     "popitem() relies on dict order, and the board's dicts are unordered; "
                     'pick the key explicitly')
        if name == 'format' and isinstance(func.value, ast.Constant) \
                and isinstance(func.value.value, str):
            self._check_format_fields(node, func.value.value)

    def _check_builtin_call(self, node, name):
        fixes = _KW_BUILTINS.get(name, {})
        for kw in node.keywords:
            if kw.arg in fixes:
                self.add(kw, 'builtin-kwargs', ERROR,
                         "%s(%s=) is rejected on MicroPython (%s); %s"
                         % (name, kw.arg, _kw_error(name), fixes[kw.arg]))
        if name in ('isinstance', 'issubclass') and len(node.args) == 2:
            for inner in ast.walk(node.args[1]):
                if isinstance(inner, ast.BinOp) and isinstance(inner.op, ast.BitOr):
                    self.add(inner, 'type-union', ERROR,
                             '`X | Y` of types fails on MicroPython (TypeError: unsupported '
                             'types for __or__); pass a tuple: %s(x, (X, Y))' % name)
                    break
        if name == 'iter' and len(node.args) == 2:
            self.add(node, 'unsupported-call', ERROR,
                     'iter(callable, sentinel) is not supported on MicroPython (TypeError); '
                     'loop with while True and break')
        if name == 'reversed' and node.args and _is_dictish(node.args[0], self.facts):
            self.add(node, 'unsupported-call', ERROR,
                     'reversed() of a dict is not supported on MicroPython; reverse a list of '
                     'the keys')
        if name == 'locals' and self.function_depth:
            self.add(node, 'unsupported-call', WARNING,
                     'locals() inside a function returns the module globals on MicroPython; '
                     'pass the values explicitly')
        if name in ('str', 'bytes') and len(node.args) >= 2:
            self._check_codec(node, node.args[1:], name)

    def _check_codec(self, node, args, name):
        if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str) \
                and args[0].value.lower() not in _UTF8:
            self.add(args[0], 'codec', WARNING,
                     "MicroPython ignores the codec '%s' and always uses UTF-8; convert the "
                     'bytes yourself if you need another encoding' % args[0].value)
        if len(args) >= 2 and isinstance(args[1], ast.Constant) and args[1].value != 'strict':
            self.add(args[1], 'codec', WARNING,
                     "MicroPython ignores the errors argument of %s(): invalid UTF-8 raises "
                     'UnicodeError() instead' % name)

    def _check_format_fields(self, node, template):
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(template) if f]
        except ValueError:
            return
        for f in fields:
            if '.' in f or '[' in f:
                self.add(node, 'format-field', ERROR,
                         "str.format field {%s} raises NotImplementedError('attributes not "
                         "supported') on MicroPython; look the value up before formatting" % f)
                return

    def _check_dict_order(self, node, target):
        if target in ((None, 'list'), (None, 'tuple')) and node.args \
                and _is_dictish(node.args[0], self.facts) \
                and isinstance(getattr(node, '_parent', None), ast.Subscript):
            self.add(node, 'dict-order', WARNING,
                     "indexing %s relies on dict order, and the board's dicts are unordered "
                     '(hash order); use collections.OrderedDict or sort the keys'
                     % self.segment(node))
        if target == (None, 'next') and node.args and isinstance(node.args[0], ast.Call):
            inner = node.args[0]
            if _call_target(inner.func, self.facts) == (None, 'iter') and inner.args \
                    and _is_dictish(inner.args[0], self.facts):
                self.add(node, 'dict-order', WARNING,
                         "next(iter(...)) of a dict relies on dict order, and the board's dicts "
                         'are unordered (hash order); pick the key explicitly')

    # ------------------------------------------------------------------ slices (§16)

    def visit_Subscript(self, node):
        for child in ast.iter_child_nodes(node):
            child._parent = node
        self._check_header(node, node.value, node.slice)
        s = node.slice
        if isinstance(s, ast.Slice) and s.step is not None and not (
                isinstance(s.step, ast.Constant) and s.step.value in (None, 1)):
            seg = self.segment(node)
            if not isinstance(node.ctx, ast.Load):
                self.add(node, 'step-slice', ERROR,
                         '%s: assigning or deleting a slice with a step fails on MicroPython, '
                         'even on lists; loop over the indices' % seg)
            elif _is_list(node.value, self.facts):
                pass
            elif _is_sequence_text(node.value, self.facts):
                self.add(node, 'step-slice', ERROR,
                         '%s: a slice with a step raises NotImplementedError on str, bytes, '
                         "bytearray and tuple on MicroPython; for a str use ''.join(reversed(s)) "
                         'or a loop' % seg)
            else:
                self.add(node, 'step-slice', WARNING,
                         '%s: a slice with a step raises NotImplementedError on MicroPython '
                         'unless the object is a list (str, bytes, bytearray and tuple fail); '
                         'convert with list() first' % seg)
        self.generic_visit(node)

    def _check_header(self, node, headers, key):
        """r.headers['content-length'] on a requests 0.10.2 Response (spec §10)."""
        if (isinstance(headers, ast.Attribute) and headers.attr == 'headers'
                and isinstance(headers.value, ast.Name)
                and headers.value.id in self.facts.responses
                and isinstance(key, ast.Constant) and isinstance(key.value, str)):
            self.add(node, 'header-case', WARNING,
                     "header '%s': requests 0.10.2 on the board keeps header names as the "
                     'server spelled them (a case-sensitive dict); find it by comparing '
                     'k.lower() over the keys' % key.value)

    # ------------------------------------------------------------------ exceptions

    def visit_Raise(self, node):
        if node.cause is not None:
            self.add(node, 'raise-from', WARNING,
                     "`raise ... from ...` drops the cause on MicroPython (it prints 'Warning: "
                     "exception chaining not supported'); raise without `from`")
        self.generic_visit(node)

    def _visit_try(self, node):
        caught = set()
        for h in node.handlers:
            caught |= _handler_names(h)
        self.guards.append(caught)
        for stmt in node.body:
            self.visit(stmt)
        self.guards.pop()
        for h in node.handlers:
            self.visit(h)
        for stmt in node.orelse + node.finalbody:
            self.visit(stmt)

    def visit_Try(self, node):
        self._visit_try(node)

    # ------------------------------------------------------------------ with (§8.3, §9, §10)

    def visit_With(self, node):
        for item in node.items:
            what = self._no_context_manager(item.context_expr)
            if what:
                self.add(item.context_expr, 'no-context-manager', ERROR,
                         "%s has no __enter__/__exit__ on MicroPython (AttributeError: "
                         "'__exit__'); use try/finally and call close()" % what)
        self.generic_visit(node)

    def _no_context_manager(self, expr):
        facts = self.facts
        if isinstance(expr, ast.Name):
            if expr.id in facts.responses:
                return 'a requests Response'
            if expr.id in facts.sockets:
                return 'a socket'
            return None
        if not isinstance(expr, ast.Call):
            return None
        target = _call_target(expr.func, facts)
        if target == ('socket', 'socket'):
            return 'socket.socket()'
        if target and target[0] == 'requests' and target[1] in _REQUEST_FUNCS:
            return 'a requests Response'
        if isinstance(expr.func, ast.Attribute) and expr.func.attr == 'wrap_socket':
            return 'a TLS socket (wrap_socket())'
        return None

    # ------------------------------------------------------------------ classes (§16)

    def visit_ClassDef(self, node):
        for kw in node.keywords:
            if kw.arg == 'metaclass':
                self.add(kw, 'class-feature', ERROR,
                         "metaclass= is rejected on MicroPython (TypeError: function doesn't "
                         'take keyword arguments); use a plain class or a class decorator')
        for stmt in node.body:
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                if any(isinstance(t, ast.Name) and t.id == '__slots__' for t in targets):
                    self.add(stmt, 'class-feature', WARNING,
                             '__slots__ is ignored on MicroPython: instances still accept any '
                             'attribute; do not rely on it')
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                why = {
                    '__getattribute__': 'is never called (only __getattr__ is); use __getattr__',
                    '__format__': 'is not called by format() or f-strings (ValueError: invalid '
                                  'format specifier); format with a method of your own',
                    '__class_getitem__': 'is not supported (the class is not subscriptable); '
                                         'drop it',
                }.get(stmt.name)
                if why:
                    self.add(stmt, 'class-feature', WARNING,
                             'on MicroPython, %s %s' % (stmt.name, why))
        if self._diamond(node):
            self.add(node, 'class-feature', WARNING,
                     'class %s inherits one base along two paths: MicroPython resolves methods '
                     'depth-first, not in C3 order; avoid diamond inheritance' % node.name)
        self.generic_visit(node)

    def _diamond(self, node):
        classes = self.facts.classes
        bases = [b.id for b in node.bases if isinstance(b, ast.Name)]
        if len(bases) < 2:
            return False
        seen = set()
        for b in bases:
            ancestors = _ancestors(b, classes)
            if seen & ancestors:
                return True
            seen |= ancestors
        return False

    # ------------------------------------------------------------------ dict views, floats

    def visit_BinOp(self, node):
        if isinstance(node.op, (ast.BitAnd, ast.BitOr, ast.BitXor, ast.Sub)):
            for side in (node.left, node.right):
                if isinstance(side, ast.Call) and isinstance(side.func, ast.Attribute) \
                        and side.func.attr in ('keys', 'items') and not side.args:
                    self.add(node, 'dict-view', ERROR,
                             'dict views are not set-like on MicroPython (TypeError); convert '
                             'first: set(d.%s())' % side.func.attr)
                    break
        self.generic_visit(node)

    def visit_Constant(self, node):
        v = node.value
        if isinstance(v, float) and v == v and v not in (float('inf'), float('-inf')):
            if abs(v) > 3.4028234663852886e38:
                self.add(node, 'float32', WARNING,
                         '%s overflows the single-precision floats of the ESP32 (it becomes '
                         'inf); keep large numbers in ints' % self.segment(node))
            elif v != 0 and float('%.7g' % v) != v:
                self.add(node, 'float32', WARNING,
                         '%s has more digits than the single-precision floats of the ESP32 keep '
                         '(about 7); keep byte counts and timestamps in ints'
                         % self.segment(node))


def _ancestors(name, classes, depth=0):
    result = {name}
    if depth < 20:
        for b in classes.get(name, ()):
            result |= _ancestors(b, classes, depth + 1)
    return result


def _prefix(token_text):
    i = 0
    while i < len(token_text) and token_text[i] not in '\'"':
        i += 1
    return token_text[:i].lower()


def _is_list(node, facts):
    """Whether a slice's object is surely a list (then a step is fine)."""
    if isinstance(node, (ast.List, ast.ListComp)):
        return True
    if isinstance(node, ast.Call):
        return _call_target(node.func, facts) in ((None, 'list'), (None, 'sorted')) \
            and node.func.id not in facts.bound
    return False


def _is_sequence_text(node, facts):
    """Whether a slice's object is surely a str, bytes or tuple (then a step always fails)."""
    if _is_text_literal(node) or isinstance(node, ast.Tuple):
        return True
    if isinstance(node, ast.Name):
        return facts.is_text(node.id)
    if isinstance(node, ast.Call):
        target = _call_target(node.func, facts)
        if target and target[0] is None and target[1] in ('str', 'bytes', 'bytearray', 'tuple',
                                                          'repr', 'hex', 'bin', 'oct', 'chr'):
            return target[1] not in facts.bound
        if isinstance(node.func, ast.Attribute) and node.func.attr in (
                'decode', 'encode', 'lower', 'upper', 'strip', 'format', 'join', 'replace'):
            return True
    return False


def _kw_error(name):
    if name in ('str', 'bytes', 'bytearray'):
        return 'NotImplementedError: keyword argument(s) not implemented'
    if name == 'open':
        return 'TypeError: extra keyword arguments given'
    return "TypeError: function doesn't take keyword arguments"


# ------------------------------------------------------------------ suppression comments

_IGNORE = re.compile(r'#\s*otasim:\s*ignore(?:\[([^\]]*)\])?')


def _suppressions(text):
    """line -> set of rule ids ('*' for all) from `# otasim: ignore[rule-id]` comments."""
    result = {}
    comments = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT:
                comments.append((tok.start[0], tok.string))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        comments = [(i + 1, line[line.index('#'):]) for i, line in enumerate(text.splitlines())
                    if '#' in line]
    for line, comment in comments:
        m = _IGNORE.search(comment)
        if m:
            ids = {r.strip() for r in (m.group(1) or '*').split(',') if r.strip()}
            result.setdefault(line, set()).update(ids or {'*'})
    return result


# ------------------------------------------------------------------ entry point

def _unexpected_indent(text):
    """(line, col) of the first indent that follows no ':' (GraalPy reports line 1)."""
    previous = None
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.INDENT and not (
                    previous is not None and previous.type == tokenize.OP
                    and previous.string == ':'):
                return tok.end[0], tok.end[1] + 1
            if tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT,
                                tokenize.DEDENT):
                previous = tok
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass
    return None


def _syntax_finding(e, source):
    text = str(e.msg) if getattr(e, 'msg', None) else 'invalid syntax'
    line, col = e.lineno or 1, max(e.offset or 1, 1)
    if isinstance(e, IndentationError) and 'unexpected indent' in text:
        board = 'IndentationError: unexpected indent'
        line, col = _unexpected_indent(source) or (line, col)
    elif isinstance(e, IndentationError) and 'unindent' in text:
        board = "IndentationError: unindent doesn't match any outer indent level"
    else:
        board = 'SyntaxError: invalid syntax'
    detail = '' if board.endswith(text) else ' (GraalPy: %s)' % text
    return _Finding(line, col, 'syntax', ERROR,
                    '%s%s; the board will not run this file' % (board, detail))


def _import_table(text):
    # name -> (module, when) from the simulator's module table (ModuleTable.describe)
    table = {}
    for entry in str(text).split(','):
        if '=' in entry and '@' in entry:
            name, rest = entry.split('=', 1)
            module, when = rest.split('@', 1)
            table[name] = (module, when)
    return table


def check(source, filename, firmware, importable, local_modules, imports=''):
    """firmware: the release series ('1.27'); importable: the names import finds, comma-separated;
    imports: the import table, name=module@when entries (ModuleTable.describe)."""
    text = str(source)
    fw = str(firmware)
    available = frozenset(str(importable).split(','))
    local = frozenset(m for m in str(local_modules).split(',') if m)
    global _IMPORTS
    _IMPORTS = _import_table(imports)
    try:
        tree = ast.parse(text, str(filename))
        facts = _Facts()
        facts.visit(tree)
        rules = _Rules(facts, text, fw, available, local)
        rules.visit(tree)
        findings = rules.findings
    except SyntaxError as e:
        findings = [_syntax_finding(e, text)]
    except (RecursionError, MemoryError) as e:
        # a finding, not an internal error: the file is reported with its path like any other
        findings = [_Finding(1, 1, 'syntax', ERROR,
                             'nested too deeply for otasim lint to check (%s); split the nesting'
                             ' up' % type(e).__name__)]
    ignored = _suppressions(text)
    out = []
    seen = set()
    for f in sorted(findings, key=lambda f: (f.line, f.col, f.rule)):
        rules_off = ignored.get(f.line, ())
        if '*' in rules_off or f.rule in rules_off:
            continue
        key = (f.line, f.col, f.rule, f.message)
        if key in seen:
            continue
        seen.add(key)
        out.append('%d\t%d\t%s\t%s\t%s' % (f.line, f.col, f.rule, f.severity,
                                           f.message.replace('\t', ' ').replace('\n', ' ')))
    return '\n'.join(out)
