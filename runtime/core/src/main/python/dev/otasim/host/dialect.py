# MicroPython's dialect for device code (DESIGN §4, spec §16). Host code, CPython-flavoured.
#
# Device code is compiled through `device_compile`, an `ast` pass that routes the few operations
# where MicroPython and CPython disagree through helpers kept in the builtins module (under
# `_mpy_*` names (one leading underscore: class bodies would mangle two), so device globals stay
# clean and GraalPy finds them from any module):
#
#   b'a' + 'b', x += 'b'        -> _mpy_add / _mpy_iadd   (bytes + str works on the board)
#   b'%s' % 'str'               -> _mpy_mod               (bytes %-formatting takes str)
#   'a' in b'abc'               -> _mpy_in / _mpy_notin
#   b'{}'.format(1), b.startswith('a'), 'x'.ljust, (5).bit_length
#                               -> _mpy_attr              (bytes methods take str; missing methods)
#   s[::-1]                     -> _mpy_slice             (NotImplementedError on str/bytes/tuple)
#   s * n, x ** y, x << y, sep.join(parts), x *= n
#                               -> _mpy_mul / _mpy_pow / _mpy_lshift / _mpy_attr / _mpy_imul
#                                  (one block larger than the heap's largest free one is a
#                                  MemoryError before the host spends the memory or the time)
#   FileNotFoundError, IOError  -> _mpy_noname('X')       (NameError: the board has no such name)
#   except E as e:              -> e = _mpy_exc(e)        (MicroPython's messages, str and repr)
#
# Each rewrite keeps CPython's fast path: a helper first does what CPython would and only adapts
# on the failure MicroPython would not have. Rewrites are skipped where the operands show they
# cannot matter (numeric constants, str literals), which keeps arithmetic loops cheap.
#
# Setting this up must stay cheap: it runs at every boot, and `import re` / `import ast` cost
# 50-200 ms each in a fresh GraalPy context. Both are imported only when needed: `ast` on a
# compile the code cache (bootstrap `_dcompile`) misses, `re` when an exception's text is
# translated.
import builtins as _b
from _string import formatter_parser as _formatter_parser  # a C module: no cost at boot

_BUFFERS = (bytes, bytearray, memoryview)

# ---------------------------------------------------------------- names the board does not have

# spec §1.1 and §16: no OSError subclasses, no IOError/EnvironmentError, no Unicode{De,En}codeError,
# no RecursionError, ModuleNotFoundError, warnings, ExceptionGroup, ...; builtins vars, ascii,
# format, breakpoint, aiter, anext.
MISSING_NAMES = frozenset(
    (
        "FileNotFoundError",
        "FileExistsError",
        "PermissionError",
        "IsADirectoryError",
        "NotADirectoryError",
        "TimeoutError",
        "ConnectionError",
        "ConnectionResetError",
        "ConnectionRefusedError",
        "ConnectionAbortedError",
        "BrokenPipeError",
        "InterruptedError",
        "BlockingIOError",
        "ChildProcessError",
        "ProcessLookupError",
        "IOError",
        "EnvironmentError",
        "UnicodeDecodeError",
        "UnicodeEncodeError",
        "UnicodeTranslateError",
        "RecursionError",
        "ModuleNotFoundError",
        "BufferError",
        "FloatingPointError",
        "ReferenceError",
        "UnboundLocalError",
        "SystemError",
        "TabError",
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
        "ExceptionGroup",
        "BaseExceptionGroup",
        "vars",
        "ascii",
        "format",
        "breakpoint",
        "aiter",
        "anext",
        "__debug__",
        # GraalPy's own: no such name on the board, and a door to the host's internals
        "__graalpython__",
    )
)

# The builtins module as dir(builtins) shows it on the ESP32 (spec §16; wasm probe minus execfile,
# which only the unix/wasm ports enable).
_BUILTIN_NAMES = (
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BaseException",
    "EOFError",
    "Ellipsis",
    "Exception",
    "GeneratorExit",
    "ImportError",
    "IndentationError",
    "IndexError",
    "KeyError",
    "KeyboardInterrupt",
    "LookupError",
    "MemoryError",
    "NameError",
    "NotImplemented",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "RuntimeError",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SystemExit",
    "TypeError",
    "UnicodeError",
    "ValueError",
    "ZeroDivisionError",
    "__build_class__",
    "__import__",
    "__name__",
    "abs",
    "all",
    "any",
    "bin",
    "bool",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "compile",
    "complex",
    "delattr",
    "dict",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "filter",
    "float",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "list",
    "locals",
    "map",
    "max",
    "memoryview",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "zip",
)

# str/bytes/int attributes the board lacks (spec §16, wasm_language_probe).
_MISSING_ATTRS = {
    str: frozenset(
        (
            "casefold",
            "format_map",
            "isidentifier",
            "zfill",
            "removeprefix",
            "removesuffix",
            "title",
            "swapcase",
            "expandtabs",
            "isascii",
            "ljust",
            "rjust",
            "isprintable",
            "maketrans",
            "translate",
            "capitalize",
            "istitle",
            "isalnum",
            "isdecimal",
            "isnumeric",
        )
    ),
    bytes: frozenset(
        (
            "zfill",
            "ljust",
            "rjust",
            "removeprefix",
            "removesuffix",
            "title",
            "expandtabs",
            "isalnum",
            "translate",
            "maketrans",
            "capitalize",
            "swapcase",
            "istitle",
            "isascii",
            "casefold",
        )
    ),
    int: frozenset(
        (
            "bit_length",
            "bit_count",
            "as_integer_ratio",
            "conjugate",
            "real",
            "imag",
            "numerator",
            "denominator",
            "is_integer",
        )
    ),
}
_MISSING_ATTRS[bytearray] = _MISSING_ATTRS[bytes]
_MISSING_ATTRS[bool] = _MISSING_ATTRS[int]
# bytes methods that accept str arguments on the board (py/objstr.c takes any str-or-bytes data)
_BYTES_STR_OK = frozenset(("format", "startswith", "endswith"))
# Introspection the board does not have (no frames, tracebacks, code objects, closures, MRO or
# __subclasses__ on an ESP32): on the host these lead from any object to the host's modules.
_NO_INTROSPECTION = frozenset(
    (
        "__closure__",
        "__code__",
        "__subclasses__",
        "__builtins__",
        "__traceback__",
        "__mro__",
        "__base__",
        "__func__",
        "__self__",
        "__wrapped__",
        "__objclass__",
        "__reduce__",
        "__reduce_ex__",
        "__loader__",
        "__spec__",
        "__annotations__",
        "__type_params__",
        "tb_frame",
        "tb_next",
        "tb_lasti",
        "f_globals",
        "f_locals",
        "f_back",
        "f_builtins",
        "f_code",
        "f_trace",
        "gi_frame",
        "gi_code",
        "gi_yieldfrom",
        "cr_frame",
        "cr_code",
        "cr_await",
        "ag_frame",
        "ag_code",
        "ag_await",
        # CPython's C layout of a type: GraalPy answers them from its C API, which a sandboxed
        # context does not have (reading one ended the boot as a simulator failure)
        "__basicsize__",
        "__itemsize__",
        "__dictoffset__",
        "__weakrefoffset__",
        "__flags__",
        "__vectorcalloffset__",
        "__text_signature__",
        "__abstractmethods__",
    )
)
# Attributes the board has on device objects (a function's __globals__, an instance's or a class's
# __dict__) but that host objects (the shims, standing in for C code) must not give away.
_HOST_HIDDEN = frozenset(
    ("__globals__", "__dict__", "__bases__", "__defaults__", "__kwdefaults__", "__get__")
)
# Hooks that take an attribute name: handed out checked, so they cannot reach the names above.
_CHECKED_HOOKS = frozenset(("__getattribute__", "__setattr__", "__delattr__"))
_GUARDED_ATTRS = _NO_INTROSPECTION | _HOST_HIDDEN | _CHECKED_HOOKS
# The board's built-in types have no operator methods ('x'.__mul__, str.__mod__, (1).__pow__,
# bytes.__new__: AttributeError on the real VM), and the methods whose result can outgrow their
# operands are checked against the heap (bounded work, below)
_OP_DUNDERS = frozenset(
    "__%s__" % n
    for op in ("mul", "mod", "pow", "lshift", "add", "matmul")
    for n in (op, "r" + op, "i" + op)
) | frozenset(("__format__", "__new__", "__init__", "__call__"))
_OP_TYPES = (str, bytes, bytearray, list, tuple, int, bool, float)
_SIZED_METHODS = frozenset(("center", "replace", "join"))
_REWRITTEN_ATTRS = (
    frozenset().union(*_MISSING_ATTRS.values())
    | _BYTES_STR_OK
    | {"encode", "decode", "join"}
    | _GUARDED_ATTRS
    | _OP_DUNDERS
    | _SIZED_METHODS
)


def _no_attr(o, name):
    if isinstance(o, type):
        return AttributeError("type object '%s' has no attribute '%s'" % (o.__name__, name))
    return AttributeError("'%s' object has no attribute '%s'" % (type(o).__name__, name))


def missing_attr(o, name):
    """True if the board has no attribute `name` on `o` (a str/bytes/int value or type), or if it
    is introspection that would lead device code from `o` to the host."""
    if name in _NO_INTROSPECTION:
        return True
    if name in _HOST_HIDDEN:
        return not _device_owned(o)
    if name in _OP_DUNDERS:
        return _op_dunder_missing(o, name)
    t = o if (o is str or o is bytes or o is bytearray or o is int or o is bool) else type(o)
    m = _MISSING_ATTRS.get(t)
    if m is None and name in _SUBCLASS_MISSING:
        # a subclass of str, bytes or int lacks what its base lacks, unless a class of its own
        # defines it (read through type's own descriptor: a class body may define anything)
        t = o if isinstance(o, type) else t
        for base in _SUBCLASSED if t is not type else ():
            if issubclass(t, base):
                m = _MISSING_ATTRS[base]
                return name in m and type.__getattribute__(t, name) is base.__dict__.get(name)
    return m is not None and name in m


_SUBCLASSED = (str, bytes, bytearray, int)
_SUBCLASS_MISSING = frozenset().union(*_MISSING_ATTRS.values())
_FunctionType = type(missing_attr)
_ModuleType = type(_b)


def _device_function(f):
    return type(f) is _FunctionType and f.__globals__.get("__mpy__") is MARK


def _device_class(t):
    # a class is the device's if its own code is: its methods were compiled from device source
    found = False
    # through type's own descriptors: a class body may define __dict__ or __mro__ names
    for c in type.__getattribute__(t, "__mro__"):
        if c is object:
            continue
        for v in type.__getattribute__(c, "__dict__").values():
            if type(v) in (staticmethod, classmethod):
                v = v.__func__
            if type(v) is _FunctionType:
                if v.__globals__.get("__mpy__") is MARK:
                    return True
                found = True
    if found:
        return False
    m = _device_modules.get(t.__module__) if t.__module__ != "__main__" else _main_globals
    return m is not None and t.__module__ not in _builtin_specs


def _device_owned(o):
    t = type(o)
    if t is _FunctionType:
        return _device_function(o)
    if t is _ModuleType:
        return (
            o.__dict__.get("__mpy__") is MARK
            or o is _device_builtins_module
            or o in _builtin_faces.values()
        )
    if isinstance(o, type):
        return _device_class(o)
    if t.__module__ == "builtins" and not _device_class(t):
        # builtin functions, bound methods, descriptors, frames, code, cells: the host's (a class
        # that exec() defined in a globals dict without __name__ is the device's, yet 'builtins')
        return False
    # an instance of a class: its __dict__ holds nothing its attributes would not give
    return True


def _checked_hook(o, name, hook):
    # object.__getattribute__(f, '__globals__') must not get round the rules above
    def checked(*args):
        if name == "__setattr__":
            target, attr = (o, args[0]) if len(args) == 2 else (args[0], args[1])
        else:
            target, attr = (o, args[0]) if len(args) == 1 else (args[0], args[1])
        if type(attr) is str and missing_attr(target, attr):
            if attr in _GUARDED_ATTRS or attr in _OP_DUNDERS or name == "__getattribute__":
                raise _no_attr(target, attr)
        if name == "__getattribute__":
            if attr == "format":
                return _checked_format(hook(*args))
            if attr in _SIZED_METHODS:
                return _sized_method(target, attr)
        return hook(*args)

    return checked


def _mpy_guard(o, name):
    """The object itself, unless `name` is introspection it must not give (stores and deletes)."""
    if name in _GUARDED_ATTRS and name not in _CHECKED_HOOKS and missing_attr(o, name):
        raise _no_attr(o, name)
    return o


def _mpy_attr(o, name):
    t = type(o)
    if t is bytes or t is bytearray:
        if name in _BYTES_STR_OK:
            return _BytesMethod(o, name)
        if name == "decode":
            return _Codec(o)
    elif t is str and name == "encode":
        return _Codec(o)
    if name == "join" and (t is str or t is bytes or t is bytearray):
        return _Join(o)
    if name in _SIZED_METHODS and name != "format":
        return _sized_method(o, name)
    if name == "format" and (t is str or o is str):
        return _StrFormat(o) if t is str else _str_format
    if missing_attr(o, name):
        raise _no_attr(o, name)
    if name == "format":
        # a str subclass's, super()'s, or one reached through a type: str's own is checked too
        return _checked_format(getattr(o, name))
    if name in _CHECKED_HOOKS:
        return _checked_hook(o, name, getattr(o, name))
    if name == "__dict__" or name == "__globals__":
        return _mpy_fix(getattr(o, name))
    return getattr(o, name)


def _mpy_fix(d):
    # GraalPy's exec() puts the host's builtins dict into device globals as __builtins__; a
    # device namespace handed to device code carries the device's builtins module instead
    if (
        type(d) is dict
        and d.get("__mpy__") is MARK
        and d.get("__builtins__") is not _device_builtins_module
    ):
        d["__builtins__"] = _device_builtins_module
    return d


def _mpy_builtins():
    return _device_builtins_module


def _to_bytes(x):
    if type(x) is str:
        return x.encode()
    if type(x) is tuple:
        return tuple(_to_bytes(i) for i in x)
    return x


class _Bound:
    # A method of a str/bytes object as the board has it (str.join, bytes.format, ...): the
    # object it is bound to, and the board's rule in __call__; it prints as the board's does
    __slots__ = ("_o",)

    def __init__(self, o):
        self._o = o

    def __repr__(self):
        # py/objboundmeth.c: <bound_method ID SELF.<function>>, never the host's class name
        return "<bound_method %x %r.<function>>" % (id(self) & 0xFFFFF, self._o)


class _BytesMethod(_Bound):
    __slots__ = ("_n",)

    def __init__(self, o, n):
        self._o = o
        self._n = n

    def __call__(self, *args, **kw):
        o = self._o
        if self._n == "format":
            # bytes.format formats like str.format and gives bytes (py/objstr.c str_format)
            text = bytes(o).decode("latin-1")
            _format_fields(text)
            _format_nested(text, args, kw)
            return (
                text.format(*args, **kw).encode("latin-1")
                if _ascii(o)
                else bytes(o).decode().format(*args, **kw).encode()
            )
        return getattr(o, self._n)(*[_to_bytes(a) for a in args], **kw)


class _Codec(_Bound):
    # str.encode / bytes.decode: always UTF-8, the codec and errors arguments ignored, no
    # keywords, invalid UTF-8 is UnicodeError() (spec §16)
    __slots__ = ()

    def __call__(self, *args, **kw):
        if kw:
            raise TypeError("function doesn't take keyword arguments")
        o = self._o
        if type(o) is str:
            return o.encode()
        try:
            return o.decode()
        except UnicodeError:
            raise _shadow_class(UnicodeError)() from None


def _ascii(b):
    try:
        bytes(b).decode("ascii")
        return True
    except UnicodeError:
        return False


def _mpy_add(a, b):
    try:
        r = a + b
    except TypeError:
        if type(b) is str and isinstance(a, (bytes, bytearray)):
            r = a + b.encode()
        else:
            raise
    # a sum is at most twice what already exists, so checking after it is enough; the new object
    # needs one block (spec §11: `result += chunk` needs old + new contiguously)
    t = type(r)
    if t in _ITEM_BYTES and len(r) > _CHECK_ABOVE:
        _need(_seq_bytes(r, 1))
    return r


def _mpy_iadd(a, b):
    try:
        a += b
    except TypeError:
        if type(b) is str and isinstance(a, (bytes, bytearray)):
            a += b.encode()
        else:
            raise
    if type(a) in _ITEM_BYTES:
        if len(a) > _CHECK_ABOVE:
            _need(_seq_bytes(a, 1))
    elif type(a) is not int:
        _need_seq(a, 1)
    return a


# ---------------------------------------------------------------- the heap (spec §11)
# MicroPython allocates each new object in one block of its heap, and raises
# MemoryError('memory allocation failed, allocating N bytes') when no free block is that large.
# The host would happily build a gigabyte, or spend minutes on 7 ** (3 * 10**7), so the few
# operations whose result can be far larger than their operands are checked first, with the
# sizes the board's allocator is asked for on a 32-bit port: a str/bytes of n bytes takes n + 1
# (vstr's terminator), a bytearray n, a list 4 per item, a tuple 8 + 4 per item, an int 2 bytes
# per 16 bits (py/mpz.c digits).

_CHECK_ABOVE = 2048  # smaller blocks always fit; skipping them keeps ordinary code fast
_ITEM_BYTES = {str: 1, bytes: 1, bytearray: 1, list: 4, tuple: 4}


def _need(n):
    if n > _CHECK_ABOVE and _gc is not None:
        _gc("gc")._alloc(n)


def _seq_bytes(seq, times, t=None):
    if t is None:
        t = type(seq)
    n = t.__len__(seq) * times
    if t is str or t is bytes:
        if t is str and n > _CHECK_ABOVE and not seq.isascii():
            n = len(seq.encode()) * times
        return n + 1
    if t is list:
        return 4 * max(n, 4)
    if t is tuple:
        return 8 + 4 * n
    return n


def _int_bytes(bits):
    return ((bits + 15) >> 4) * 2


def _mpy_mul(a, b):
    ta = type(a)
    tb = type(b)
    if ta is int and tb is int:
        if a and b:
            bits = a.bit_length() + b.bit_length()
            if bits > 8 * _CHECK_ABOVE:
                _need(_int_bytes(bits))
    elif tb is int:
        if b > 0 and ta is not float:
            _need_seq(a, b)
    elif ta is int:
        if a > 0 and tb is not float:
            _need_seq(b, a)
    return a * b


def _mpy_imul(a, b):
    if type(b) is int and type(a) is not int:
        if b > 0:
            _need_seq(a, b)
    elif type(a) is int and type(b) is int and a and b:
        _need(_int_bytes(a.bit_length() + b.bit_length()))
    a *= b
    return a


def _mpy_pow(a, b):
    if type(a) is int and type(b) is int and b > 64 and a not in (0, 1, -1):
        # mpz_pow_inpl squares x and multiplies the result in, bit by bit of the exponent; each
        # product is a new block of len(x) + len(y) digits. The first one too large fails.
        n = abs(a)
        bl = n.bit_length()
        if bl <= 53:
            import math

            x = math.log2(n)
        else:
            x = float(bl)
        if x * b > 8 * _CHECK_ABOVE:
            d = 1.0
            e = b
            while e:
                if e & 1:
                    d += x
                    _need(_int_bytes(int(d) + 1))
                e >>= 1
                if e:
                    x += x
                    _need(_int_bytes(int(x) + 1))
    return a**b


def _mpy_powmod(a, b, m=None):
    """pow() for device code: pow(a, b, m) with large operands squares and multiplies a step at
    a time. The host's one modPow call cannot be interrupted (a 60,000-bit one ran for minutes
    after its boot's limit had ended the boot); the board is slow there too (py/mpz.c)."""
    if m is None:
        return _mpy_pow(a, b)
    if (
        type(a) is int
        and type(b) is int
        and type(m) is int
        and b > 0
        and m
        and b.bit_length() * m.bit_length() > _POWMOD_STEPS
    ):
        x = a % m
        r = x
        for bit in bin(b)[3:]:
            r = r * r % m
            if bit == "1":
                r = r * x % m
        return r % m
    return _b.pow(a, b, m)


_mpy_powmod.__name__ = _mpy_powmod.__qualname__ = "pow"  # the device's builtin

# exponent bits times modulus bits above which pow(a, b, m) runs in steps (a 4096-bit modulus
# and exponent is some 10 ms in one call)
_POWMOD_STEPS = 4096 * 4096


def _mpy_lshift(a, b):
    if type(a) is int and type(b) is int and a and b > 8 * _CHECK_ABOVE:
        _need(_int_bytes(a.bit_length() + b))
    return a << b


# ---------------------------------------------------------------- bounded work (spec §11)
# Every operation whose result can be far larger than its operands is checked against the heap
# before the host does it, whichever way device code reaches it: the operator (the rewrites
# above), a subclass of the built-in type, a method reached by attribute or getattr, a width or a
# precision in a format spec, a %-format or an f-string. The board has no operator methods on its
# built-in types ('x'.__mul__, str.__mod__, (1).__pow__, bytes.__new__: AttributeError on the
# real VM), so those doors are simply closed.

_SIZED_BASES = (str, bytes, bytearray, list, tuple)
_sized_bases = {}  # type -> the built-in type whose repetition it inherits, or None


def _sized_base(t):
    b = _sized_bases.get(t, _sized_bases)
    if b is _sized_bases:
        b = None
        for base in _SIZED_BASES:
            if issubclass(t, base):
                # a subclass's own __mul__ is device code, checked where it multiplies
                if t.__mul__ is base.__mul__:
                    b = base
                break
        _sized_bases[t] = b
    return b


def _need_seq(seq, times):
    base = _sized_base(type(seq))
    if base is not None:
        _need(_seq_bytes(seq, times, base))


def _op_dunder_missing(o, name):
    # the board's built-in types have no operator methods; a device class's own ones stay
    if type(o) is super:
        mro = type.__getattribute__(o.__self_class__, "__mro__")
        mro = mro[mro.index(o.__thisclass__) + 1 :]
    else:
        t = o if isinstance(o, type) else type(o)
        mro = type.__getattribute__(t, "__mro__")
    if isinstance(o, type) and type(o) is not super:
        # a class's attributes end in its metaclass: type.__call__(bytes, n), bytes.__call__
        mro = mro + type.__getattribute__(type(o), "__mro__")
    for c in mro:
        if name in type.__getattribute__(c, "__dict__"):
            if name == "__init__" or name == "__new__":
                # super().__init__(x) works on the board; bytearray.__init__(b, n) does not
                return (c is bytes or c is bytearray) and type(o) is not super
            return c in _OP_TYPES or c is type or c is object
    return False


def _spec_parts(spec):
    # [[fill]align][sign][#][0][width][,|_][.precision][type]: (width, precision, type)
    i = 2 if len(spec) > 1 and spec[1] in "<>=^" else 1 if spec[:1] in "<>=^" else 0
    while i < len(spec) and spec[i] in "+- #":
        i += 1
    j = i
    while j < len(spec) and spec[j].isdigit():
        j += 1
    width = int(spec[i:j]) if j > i else 0
    prec = -1
    if spec[j : j + 1] in (",", "_"):
        j += 1
    if spec[j : j + 1] == ".":
        k = j = j + 1
        while j < len(spec) and spec[j].isdigit():
            j += 1
        prec = int(spec[k:j]) if j > k else 0
    return width, prec, spec[j:]


# conversions whose precision is a count of digits written (a str's only truncates it)
_PREC_SIZED = frozenset("fFeE%diouxX")


def _width_ok(width, prec, kind):
    return width <= _CHECK_ABOVE and (prec <= _CHECK_ABOVE or kind not in _PREC_SIZED)


def _need_width(width, prec, kind):
    if not _width_ok(width, prec, kind):
        _need(max(width, prec if kind in _PREC_SIZED else 0) + 1)


def _check_spec(spec):
    """A format spec's width and precision: a result larger than the heap's largest free block
    is a MemoryError before the host pads it."""
    if spec and "{" not in spec:
        _need_width(*_spec_parts(spec))


def _mod_specs(fmt):
    # the conversions of a %-format: (width, precision, type), '*' as -1
    out = []
    i = fmt.find("%")
    while i >= 0:
        i += 1
        if fmt[i : i + 1] == "(":
            i = fmt.find(")", i) + 1
            if i == 0:
                break
        while i < len(fmt) and fmt[i] in "-+ #0":
            i += 1
        j = i
        while j < len(fmt) and (fmt[j].isdigit() or fmt[j] == "*"):
            j += 1
        width = -1 if fmt[i:j] == "*" else int(fmt[i:j]) if j > i else 0
        prec = -2
        if fmt[j : j + 1] == ".":
            k = j = j + 1
            while j < len(fmt) and (fmt[j].isdigit() or fmt[j] == "*"):
                j += 1
            prec = -1 if fmt[k:j] == "*" else int(fmt[k:j]) if j > k else 0
        out.append((width, prec, fmt[j : j + 1]))
        i = fmt.find("%", j + 1)
    return out


def _spec_literal_ok(spec):
    return not spec or ("{" not in spec and _width_ok(*_spec_parts(spec)))


def _mod_literal_ok(fmt):
    return all(w >= 0 and p >= -2 and _width_ok(w, p, k) for w, p, k in _mod_specs(fmt))


def _check_mod(fmt, args):
    """`fmt % args` for a str or bytes format: widths and precisions, '*' ones from args."""
    if isinstance(fmt, (bytes, bytearray)):
        fmt = bytes(fmt).decode("latin-1")
    if "%" not in fmt:
        return
    args = args if type(args) is tuple else (args,)
    at = 0
    for w, p, k in _mod_specs(fmt):
        if w == -1:
            w = args[at] if at < len(args) and type(args[at]) is int else 0
            at += 1
        if p == -1:
            p = args[at] if at < len(args) and type(args[at]) is int else 0
            at += 1
        at += 1
        _need_width(abs(w), p, k)


def _mpy_fspec(value, spec, conversion):
    # an f-string field whose spec is not a small constant: the conversion, then the check
    if conversion == 114:
        value = repr(value)
    elif conversion == 115:
        value = str(value)
    elif conversion == 97:
        value = ascii(value)
    _check_spec(spec)
    return value.__format__(spec) if type(value) is str else _b.format(value, spec)


# one-argument calls that cannot be bytes(n), bytearray(n) or list(range(n)) under another name
_SAFE_CALLS = frozenset(_BUILTIN_NAMES) - {"bytes", "bytearray", "list", "tuple", "type"}


def _may_allocate(f, node, defs):
    # X(a) where X may be bytes or bytearray by another name (an alias, a subclass), or list or
    # tuple of a range: routed through _mpy_call1; the board's other builtins and the module's
    # own functions are called as they are
    return (
        type(f) is ast.Name
        and len(node.args) == 1
        and not node.keywords
        and type(node.args[0]) is not ast.Starred
        and f.id not in _SAFE_CALLS
        and f.id not in defs
        and not _strlit(node.args[0])
        and not _byteslit(node.args[0])
    )


def _defined_functions(tree):
    return {n.name for n in ast.walk(tree) if type(n) in (ast.FunctionDef, ast.AsyncFunctionDef)}


def _mpy_call1(f, a):
    if isinstance(f, type):
        t = type(a)
        if t is int:
            if issubclass(f, (bytes, bytearray)) and a > _CHECK_ABOVE:
                _mpy_buf(bytearray, a)
        elif t is range and (issubclass(f, list) or issubclass(f, tuple)):
            n = len(a)
            if n > _CHECK_ABOVE:
                _need(4 * n if issubclass(f, list) else 8 + 4 * n)
    return f(a)


def _format_nested(text, args, kw):
    # '{:>{}}'.format(1, n): a spec built from the arguments is checked once it is known
    auto = [0]

    def pick(field):
        if field == "":
            field = auto[0]
            auto[0] += 1
        elif field.isdigit():
            field = int(field)
        else:
            return kw.get(field)
        return args[field] if field < len(args) else None

    for _, field, spec, _ in _formatter_parser(text):
        if field is not None:
            pick(field)
            if spec and "{" in spec:
                built = []
                for lit, inner, inner_spec, _ in _formatter_parser(spec):
                    built.append(lit)
                    if inner is not None:
                        built.append(_b.format(pick(inner), inner_spec or ""))
                _check_spec("".join(built))


def _sized_method(o, name):
    t = o if isinstance(o, type) else type(o)
    base = next((b for b in (str, bytes, bytearray) if issubclass(t, b)), None)
    if base is None or getattr(t, name) is not getattr(base, name):
        return getattr(o, name)
    f = getattr(o, name)
    if o is t:
        return lambda self, *args: _sized_call(name, self, args, getattr(base, name))
    return _SizedMethod(o, name, f)


def _sized_call(name, self, args, f):
    if name == "center":
        if args and type(args[0]) is int:
            _need(args[0] + 1)
    elif name == "replace":
        if len(args) >= 2 and hasattr(args[1], "__len__") and hasattr(args[0], "__len__"):
            grow = len(args[1]) - len(args[0])
            if grow > 0:
                n = self.count(args[0])
                if len(args) > 2 and type(args[2]) is int and args[2] >= 0:
                    n = min(n, args[2])
                _need(len(self) + n * grow + 1)
    elif name == "join":
        return _Join(self)(*args)
    return f(self, *args) if f is not None else None


class _SizedMethod(_Bound):
    __slots__ = ("_n", "_f")

    def __init__(self, o, n, f):
        self._o = o
        self._n = n
        self._f = f

    def __call__(self, *args):
        if self._n == "join":
            return _Join(self._o)(*args)
        _sized_call(self._n, self._o, args, None)
        return self._f(*args)


def _format_fields(text):
    # '{0.x}' and '{0[1]}' are not supported on the board (py/objstr.c: NotImplementedError
    # 'attributes not supported'), nested fields in a format spec included; GraalPy would look the
    # attribute up, which also reaches names device code must not see (__globals__)
    for _, field, spec, _ in _formatter_parser(text):
        if field and ("." in field or "[" in field):
            raise NotImplementedError("attributes not supported")
        if spec and "{" in spec:
            _format_fields(spec)
        _check_spec(spec)


def _format_literal_ok(text):
    try:
        _format_fields(text)
        for _, field, spec, _ in _formatter_parser(text):
            if field is not None and not _spec_literal_ok(spec):
                return False
    except Exception:
        return False
    return True


def _str_format(text, *args, **kw):
    if type(text) is not str:
        # str.format(S('{}'), x) with a subclass of str, too (py/objstr.c str_format)
        raise TypeError("argument should be a 'str' not a '%s'" % type(text).__name__)
    _format_fields(text)
    _format_nested(text, args, kw)
    return str.format(text, *args, **kw)


_str_format_of = type("".format)


def _checked_format(f):
    # str.format, unbound or bound to any str (a subclass's included), as the board checks it
    if f is str.format:
        return _str_format
    if type(f) is _str_format_of and isinstance(f.__self__, str) and f.__name__ == "format":
        return _StrFormat(f.__self__)
    return f


class _StrFormat(_Bound):
    __slots__ = ()

    def __call__(self, *args, **kw):
        _format_fields(self._o)
        _format_nested(self._o, args, kw)
        return str.format(self._o, *args, **kw)


class _Join(_Bound):
    # sep.join(parts): one block for the whole result (py/objstr.c str_join)
    __slots__ = ()

    def __call__(self, parts):
        if type(parts) is not list and type(parts) is not tuple:
            parts = list(parts)
        if parts:
            n = len(self._o) * (len(parts) - 1)
            for p in parts:
                n += len(p) if hasattr(p, "__len__") else 0
            if n > _CHECK_ABOVE:
                _need(n if type(self._o) is bytearray else n + 1)
        return self._o.join(parts)


def _as_text(x):
    # bytes-formatting argument as latin-1 text, so raw bytes survive a str % round trip
    if isinstance(x, _BUFFERS):
        return bytes(x).decode("latin-1")
    if type(x) is str:
        return x.encode().decode("latin-1")
    return x


def _mpy_mod(a, b):
    if type(a) is int:
        return a % b
    if isinstance(a, (str, bytes, bytearray)):
        _check_mod(a, b)
    if not isinstance(a, (bytes, bytearray)):
        return a % b
    # bytes % args formats like str % args, str and bytes arguments insert their bytes
    fmt = bytes(a).decode("latin-1")
    if type(b) is tuple:
        args = tuple(_as_text(x) for x in b)
    elif isinstance(b, dict):
        args = {k: _as_text(v) for k, v in b.items()}
    else:
        args = _as_text(b)
    out = (fmt % args).encode("latin-1")
    return bytearray(out) if type(a) is bytearray else out


def _mpy_in(a, b):
    try:
        return a in b
    except TypeError:
        if type(a) is str and isinstance(b, _BUFFERS):
            return a.encode() in b
        raise


def _mpy_notin(a, b):
    return not _mpy_in(a, b)


_NO_STEP = "only slices with step=1 (aka None) are supported"


def _mpy_slice(o, s):
    if s.step is not None and s.step != 1 and isinstance(o, (str, bytes, bytearray, tuple)):
        raise NotImplementedError(_NO_STEP)
    return o[s]


def _mpy_noslice():
    raise NotImplementedError()


_gc = None  # the bootstrap's builtin-module getter, set at setup


def _mpy_buf(cls, n):
    # bytearray(n) / bytes(n) allocate n bytes at once: larger than the largest free block is a
    # MemoryError on the board (spec §11)
    if type(n) is int and _gc is not None:
        if n > 0x7FFFFFFF:
            raise OverflowError("overflow converting long int to machine word")
        _gc("gc")._alloc(n)
    return cls(n)


def _mpy_noname(name):
    raise NameError("name '%s' isn't defined" % name)


def _mpy_name(name):
    # a name the interpreter would look up in its own builtins (those the board lacks, and
    # __import__): the device's locals, globals, then the device's builtins, never the host's
    f = sys._getframe(1)
    for d in (f.f_locals, f.f_globals, _device_builtins_module.__dict__):
        if dict.__contains__(d, name):
            return dict.__getitem__(d, name)
    raise NameError("name '%s' isn't defined" % name)


def _mpy_unmark():
    # first statement of code that exec() may run with locals of its own: that exec stores the
    # host's builtins into the globals, which device code must not find there (bootstrap _run)
    g = sys._getframe(1).f_globals
    if dict.get(g, "__builtins__") is not _device_builtins_module:
        dict.__setitem__(g, "__builtins__", _device_builtins_module)


# -------------------------------------------------------------- exceptions as the board shows them

_TEXTS = None


def _texts():
    global _TEXTS
    if _TEXTS is None:
        import re

        _rx = re.compile
        _TEXTS = (
            (NameError, _rx(r"name '(.*)' is not defined"), r"name '\1' isn't defined"),
            (
                ZeroDivisionError,
                _rx(r"(float |integer )?(division|modulo)( or modulo)? by zero"),
                "divide by zero",
            ),
            # int(b'x') quotes the text without the b (py/objint.c)
            (
                ValueError,
                _rx(r"invalid literal for int\(\) with base (\d+): b('.*'|\".*\")"),
                r"invalid syntax for integer with base \1: \2",
            ),
            (
                ValueError,
                _rx(r"invalid literal for int\(\) with base (\d+): (.*)"),
                r"invalid syntax for integer with base \1: \2",
            ),
            (ImportError, _rx(r"No module named '(.*)'"), r"no module named '\1'"),
            # from a plain module; a package tries the submodule instead (bootstrap _device_import)
            (ImportError, _rx(r"cannot import name '(\w+)' from .*"), r"can't import name \1"),
            # what an updater meets iterating an error JSON object as if it were a listing
            # (py/objstrunicode.c str_index_to_ptr, py/obj.c mp_get_index)
            (
                TypeError,
                _rx(r"string indices must be integers, not '(\w+)'"),
                r"string indices must be integers, not \1",
            ),
            (
                TypeError,
                _rx(r"byte indices must be integers or slices, not (\w+)"),
                r"bytes indices must be integers, not \1",
            ),
            (
                TypeError,
                _rx(r"(bytearray|list|tuple) indices must be integers or slices, not (\w+)"),
                r"\1 indices must be integers, not \2",
            ),
            (
                TypeError,
                _rx(r"unsupported operand type\(s\) for \+: '(\w+)' and '(\w+)'"),
                r"unsupported types for __add__: '\1', '\2'",
            ),
            (
                TypeError,
                _rx(r"unsupported operand type\(s\) for -: '(\w+)' and '(\w+)'"),
                r"unsupported types for __sub__: '\1', '\2'",
            ),
            (
                TypeError,
                _rx(r"unsupported operand type\(s\) for \*: '(\w+)' and '(\w+)'"),
                r"unsupported types for __mul__: '\1', '\2'",
            ),
            (
                TypeError,
                _rx(r"unsupported operand type\(s\) for /: '(\w+)' and '(\w+)'"),
                r"unsupported types for __truediv__: '\1', '\2'",
            ),
            (
                TypeError,
                _rx(r"unsupported operand type\(s\) for \|: '(\w+)' and '(\w+)'"),
                r"unsupported types for __or__: '\1', '\2'",
            ),
            (
                TypeError,
                _rx(r'can only concatenate (\w+) \(not "(\w+)"\) to \w+'),
                r"unsupported types for __add__: '\1', '\2'",
            ),
            (
                TypeError,
                _rx(r"can't concat (\w+) to (\w+)"),
                r"unsupported types for __add__: '\2', '\1'",
            ),
            (TypeError, _rx(r"unhashable type: '(\w+)'"), r"unsupported type for __hash__: '\1'"),
            (TypeError, _rx(r"'(\w+)' object is not callable"), r"'\1' object isn't callable"),
            (
                TypeError,
                _rx(r"'(\w+)' object is not subscriptable"),
                r"'\1' object isn't subscriptable",
            ),
            (TypeError, _rx(r"'(\w+)' object is not iterable"), r"'\1' object isn't iterable"),
            (
                TypeError,
                _rx(
                    r"\w+\.\w+\(\) (got an unexpected keyword argument '.*'|takes no keyword "
                    r"arguments)"
                ),
                "function doesn't take keyword arguments",
            ),
            (
                TypeError,
                _rx(r"\w+\(\) takes no keyword arguments"),
                "function doesn't take keyword arguments",
            ),
            (
                TypeError,
                _rx(r".*\(\) got an unexpected keyword argument '(.*)'"),
                r"unexpected keyword argument '\1'",
            ),
            (OverflowError, _rx(r"int too big to convert"), "buffer too small"),
        )
    return _TEXTS


def _text(cls, msg):
    for t, rx, repl in _texts():
        if issubclass(cls, t):
            m = rx.fullmatch(msg)
            if m is not None:
                return m.expand(repl)
    return msg


def _mp_str(self):
    a = self.args
    if not a:
        return ""
    if len(a) == 1:
        return str(a[0])
    return str(a)


def _mp_repr(self):
    a = self.args
    if len(a) == 1:
        return "%s(%r,)" % (type(self).__name__, a[0])
    return type(self).__name__ + repr(a)


_shadow = {}


def _shadow_class(cls):
    # A subclass with the board's str() and repr(): KeyError('k') prints k, repr is ValueError('x',)
    s = _shadow.get(cls)
    if s is None:
        s = type(
            cls.__name__,
            (cls,),
            {
                "__str__": _mp_str,
                "__repr__": _mp_repr,
                "__module__": "builtins",
                "__mp_shadow__": True,
            },
        )
        s.__qualname__ = cls.__name__
        _shadow[cls] = s
    return s


_BUILTIN_TYPES = frozenset(
    v for v in vars(_b).values() if isinstance(v, type) and issubclass(v, BaseException)
)


def translate(e):
    """The exception as device code would see it on the board."""
    t = type(e)
    if t not in _BUILTIN_TYPES:
        return e
    if t is UnicodeDecodeError or t is UnicodeEncodeError:
        new = _shadow_class(UnicodeError)()
    elif t is RecursionError:
        new = _shadow_class(RuntimeError)("maximum recursion depth exceeded")
    elif t is ModuleNotFoundError:
        new = _shadow_class(ImportError)(
            *[_text(ImportError, a) if type(a) is str else a for a in e.args]
        )
    elif issubclass(t, OSError) or t.__name__ == "ForeignException":
        return e
    elif t is StopIteration or t is SystemExit or t is GeneratorExit or t is KeyboardInterrupt:
        return e
    else:
        args = e.args
        if len(args) == 1 and type(args[0]) is str:
            args = (_text(t, args[0]),)
        try:
            new = _shadow_class(t)(*args)
        except BaseException:
            return e
    new.__traceback__ = e.__traceback__
    return new


_b._mpy_exc = translate

# ---------------------------------------------------------------- the transform


_Rewriter = None


def _rewriter():
    global _Rewriter, ast
    if _Rewriter is None:
        import ast as _ast

        ast = _ast
        _Rewriter = _make_rewriter()
    return _Rewriter


def _make_rewriter():
    class _Rewriter(ast.NodeTransformer):
        def __init__(self, missing):
            self.missing = missing

        def visit_Name(self, node):
            if node.id == "__builtins__" and type(node.ctx) is ast.Load:
                return _call("_mpy_builtins", [], node)
            if (node.id in MISSING_NAMES or node.id == "__import__") and type(node.ctx) is ast.Load:
                helper = "_mpy_noname" if node.id in self.missing else "_mpy_name"
                return _call(helper, [ast.Constant(node.id)], node)
            return node

        def visit_Call(self, node):
            self.generic_visit(node)
            f = node.func
            if (
                type(f) is ast.Name
                and f.id in ("bytearray", "bytes")
                and len(node.args) == 1
                and not node.keywords
                and not _strlit(node.args[0])
                and not _byteslit(node.args[0])
            ):
                return _call("_mpy_buf", [f, node.args[0]], node)
            if _may_allocate(f, node, self.defs):
                return _call("_mpy_call1", [f, node.args[0]], node)
            return node

        def visit_BinOp(self, node):
            self.generic_visit(node)
            op = type(node.op)
            if op is ast.Add:
                # bytes + 'str' works on the board; a str or number on the left decides alone
                if _plain(node.left) or _number(node.right):
                    return node
                return _call("_mpy_add", [node.left, node.right], node)
            if op is ast.Mod:
                # a %-format's widths are checked (bounded work): only a literal without large
                # ones, or a number on the left, stays as it is
                if _number(node.left) or (
                    type(node.left) is ast.Constant
                    and type(node.left.value) is str
                    and _mod_literal_ok(node.left.value)
                ):
                    return node
                return _call("_mpy_mod", [node.left, node.right], node)
            if op is ast.Mult:
                # heap checks (spec §11): numbers alone stay as they are
                if (
                    (_number(node.left) and _number(node.right))
                    or _float(node.left)
                    or _float(node.right)
                ):
                    return node
                return _call("_mpy_mul", [node.left, node.right], node)
            if op is ast.Pow:
                if _float(node.left) or _float(node.right) or _small_int(node.right, 64):
                    return node
                return _call("_mpy_pow", [node.left, node.right], node)
            if op is ast.LShift:
                if _small_int(node.right, 8 * _CHECK_ABOVE):
                    return node
                return _call("_mpy_lshift", [node.left, node.right], node)
            return node

        def visit_FormattedValue(self, node):
            self.generic_visit(node)
            spec = node.format_spec
            if spec is None or (
                type(spec) is ast.JoinedStr
                and all(type(v) is ast.Constant for v in spec.values)
                and _spec_literal_ok("".join(v.value for v in spec.values))
            ):
                return node
            value = _call("_mpy_fspec", [node.value, spec, ast.Constant(node.conversion)], node)
            return ast.copy_location(ast.FormattedValue(value, -1, None), node)

        def visit_AugAssign(self, node):
            self.generic_visit(node)
            op = type(node.op)
            if (
                type(node.target) is ast.Name
                and not _number(node.value)
                and (op is ast.Add or op is ast.Mult)
            ):
                load = ast.Name(node.target.id, ast.Load())
                ast.copy_location(load, node.target)
                helper = "_mpy_iadd" if op is ast.Add else "_mpy_imul"
                new = ast.Assign([node.target], _call(helper, [load, node.value], node))
                return ast.copy_location(new, node)
            return node

        def visit_Compare(self, node):
            self.generic_visit(node)
            if len(node.ops) == 1:
                op = type(node.ops[0])
                if op is ast.In or op is ast.NotIn:
                    if _strlit(node.comparators[0]):
                        return node
                    name = "_mpy_in" if op is ast.In else "_mpy_notin"
                    return _call(name, [node.left, node.comparators[0]], node)
            return node

        def visit_Attribute(self, node):
            self.generic_visit(node)
            if node.attr in _GUARDED_ATTRS and type(node.ctx) is not ast.Load:
                # f.__code__ = ..., del f.__globals__: checked on the object first
                node.value = _call("_mpy_guard", [node.value, ast.Constant(node.attr)], node)
                return node
            if node.attr in _REWRITTEN_ATTRS and type(node.ctx) is ast.Load:
                if (
                    node.attr == "format"
                    and _strlit(node.value)
                    and (type(node.value) is ast.JoinedStr or _format_literal_ok(node.value.value))
                ):
                    return node
                return _call("_mpy_attr", [node.value, ast.Constant(node.attr)], node)
            return node

        def visit_Subscript(self, node):
            self.generic_visit(node)
            s = node.slice
            if type(s) is ast.Slice and s.step is not None:
                if type(node.ctx) is ast.Load:
                    sl = _call(
                        "slice",
                        [s.lower or ast.Constant(None), s.upper or ast.Constant(None), s.step],
                        node,
                    )
                    return _call("_mpy_slice", [node.value, sl], node)
                # del x[::2] and x[::2] = ... are not supported on the board at all
                return node
            return node

        def visit_Delete(self, node):
            self.generic_visit(node)
            for t in node.targets:
                if (
                    type(t) is ast.Subscript
                    and type(t.slice) is ast.Slice
                    and t.slice.step is not None
                ):
                    expr = ast.Expr(_call("_mpy_noslice", [], node))
                    return ast.copy_location(expr, node)
            return node

        def visit_ExceptHandler(self, node):
            self.generic_visit(node)
            if node.name:
                fix = ast.Assign(
                    [ast.Name(node.name, ast.Store())],
                    _call("_mpy_exc", [ast.Name(node.name, ast.Load())], node),
                )
                ast.copy_location(fix, node)
                ast.fix_missing_locations(fix)
                node.body.insert(0, fix)
            return node

    return _Rewriter


ast = None


def _call(name, args, where):
    c = ast.Call(ast.Name(name, ast.Load()), args, [])
    ast.copy_location(c, where)
    ast.fix_missing_locations(c)
    return c


def _number(n):
    return type(n) is ast.Constant and type(n.value) in (int, float, complex)


def _float(n):
    return type(n) is ast.Constant and type(n.value) is float


def _small_int(n, limit):
    return type(n) is ast.Constant and type(n.value) is int and n.value <= limit


def _strlit(n):
    return type(n) is ast.JoinedStr or (type(n) is ast.Constant and type(n.value) is str)


def _byteslit(n):
    return type(n) is ast.Constant and type(n.value) is bytes


def _plain(n):
    # an operand that makes `+` behave identically on both interpreters
    return _number(n) or _strlit(n)


_BINDERS = ("class ", "def ", "as ", "import ", "global ", "nonlocal ")


def _is_ident(c):
    return c.isalnum() or c == "_"


def _bound(name, source):
    # conservative: any binding-looking use (class X, def X, as X, import X, X = ...) keeps X
    for kw in _BINDERS:
        if kw + name in source:
            return True
    at = source.find(name)
    while at >= 0:
        end = at + len(name)
        rest = source[end : end + 3].lstrip(" ")
        if rest[:1] == "=" and rest[1:2] != "=":
            return True
        at = source.find(name, end)
    return False


def _missing_in(source):
    found = set()
    for name in MISSING_NAMES:
        at = source.find(name)
        while at >= 0:
            end = at + len(name)
            if (at == 0 or not _is_ident(source[at - 1])) and (
                end == len(source) or not _is_ident(source[end])
            ):
                if not _bound(name, source):
                    found.add(name)
                break
            at = source.find(name, end)
    return found


def device_compile(source, filename, mode="exec", unmark=False):
    """Compiles device source with MicroPython's dialect (see the top of this file); `unmark`
    starts the code with _mpy_unmark(), for exec() and eval() with locals of their own."""
    if isinstance(source, (bytes, bytearray)):
        source = bytes(source).decode()
    rewriter = _rewriter()
    tree = ast.parse(source, filename, mode)
    visitor = rewriter(_missing_in(source))
    visitor.defs = _defined_functions(tree)
    tree = visitor.visit(tree)
    if unmark:
        first = _call("_mpy_unmark", [], ast.Constant(None, lineno=1, col_offset=0))
        if mode == "eval":
            tree.body = ast.BoolOp(ast.Or(), [first, tree.body], lineno=1, col_offset=0)
        else:
            # after a docstring and `from __future__` lines, which must come first
            at = 0
            for n in tree.body:
                if not (
                    (type(n) is ast.ImportFrom and n.module == "__future__")
                    or (at == 0 and type(n) is ast.Expr and _strlit(n.value))
                ):
                    break
                at += 1
            tree.body.insert(at, ast.Expr(first, lineno=1, col_offset=0))
    return compile(tree, filename, mode, dont_inherit=True)


for _n, _f in list(globals().items()):
    if _n.startswith("_mpy_"):
        setattr(_b, _n, _f)
