# Puts a warm context back into the state of a fresh one between boots, and tells when it cannot.
# Evaluated once per context, before the first boot; host code.
#
# What a boot leaves behind lives in three places:
#  - __main__ (the bootstrap and dialect are evaluated there) and the `_otasim` module: emptied
#    before each boot, so the bootstrap, the dialect, every shim and frozen module and the device's
#    own modules and globals are built anew, as in a fresh context;
#  - sys.modules: entries a boot added are dropped; the host's own stdlib modules are imported
#    here once, so that boots do not add them;
#  - what a boot cannot be trusted to have left alone: builtins, sys.modules, every host module's
#    namespace, sys settings, built-in types and the classes and functions that shims hand to device
#    code. Device code can reach them (MicroPython's builtins sit in device globals, but
#    introspection gets anywhere); `check` compares them with their state before device code ran,
#    and a context that differs is closed instead of reused.
#
# Everything lives in the closure of `_otasim_reuse_kit`: the functions below must keep working
# after __main__ is emptied.


def _otasim_reuse_kit():
    import sys
    import builtins
    import types
    from operator import attrgetter, is_

    # The stdlib modules that the bootstrap, the dialect and the shims import, lazily or not: a
    # module first imported during a boot would be dropped after it and imported again by the next.
    import array, binascii, cmath, collections, errno, hashlib, heapq, io  # noqa: F401,E401
    import json, marshal, math, random, re, struct  # noqa: F401,E401
    import _ast, _string, linecache, weakref  # noqa: F401,E401

    builtins0 = dict(builtins.__dict__)
    main = sys.modules["__main__"]
    main0 = {k: v for k, v in main.__dict__.items() if not k.startswith("_otasim_")}
    modules0 = dict(sys.modules)
    sys0 = (
        sys.getrecursionlimit(),
        sys.gettrace(),
        sys.getprofile(),
        sys.stdout,
        sys.stderr,
        sys.stdin,
    )
    lists0 = [(seq, list(seq)) for seq in (sys.path, sys.meta_path, sys.path_hooks)]
    # builtins changes at every boot (the bootstrap's import hook, the dialect's helpers): seal()
    HEAPTYPE = 1 << 9

    # The host modules that the bootstrap, the dialect and the shims use (marshal, _string, the
    # modules shims hand to device code such as `json._cpy`), with the classes and functions
    # defined in them. Device code has no route to them, but a plant in one would outlive its
    # boot: a module dropped from sys.modules is imported anew, yet a built-in (Java) module is
    # the same object again (marshal.loads). Walking every module of the interpreter as well (the
    # import machinery, json's and re's submodules) made a warm boot five times slower (bench:
    # 380 ms instead of 76); these cost a few ms.
    used = (
        "sys",
        "json",
        "random",
        "hashlib",
        "io",
        "struct",
        "binascii",
        "math",
        "cmath",
        "heapq",
        "re",
        "collections",
        "array",
        "errno",
        "marshal",
        "_string",
        "types",
        "_ast",
        "linecache",
        "weakref",
    )
    spaces = []
    functions = []
    for name, m in modules0.items():
        d = getattr(m, "__dict__", None)
        if type(d) is not dict or name not in used:
            continue
        spaces.append(d)
        for v in list(d.values()):
            if isinstance(v, type):
                if v.__flags__ & HEAPTYPE and getattr(v, "__module__", None) == name:
                    spaces.append(v.__dict__)
            elif isinstance(v, types.FunctionType) and getattr(v, "__module__", None) == name:
                functions.append(v)
    spaces0 = [tuple(d.values()) for d in spaces]
    codes = attrgetter("__code__")
    codes0 = list(map(codes, functions))

    def same_space(d, before):
        return len(d) == len(before) and all(map(is_, d.values(), before))

    builtin_types = [t for t in builtins.__dict__.values() if isinstance(t, type)]
    builtin_types0 = [len(t.__dict__) for t in builtin_types]
    sealed = [None, None]
    # whether check() found builtins as seal() noted them, with nothing run since
    verified = [False]

    def prepare():
        """Empties __main__ and drops the modules the last boot added, before the bootstrap."""
        # builtins first: the last bootstrap's import hook must go before its globals do
        b = builtins.__dict__
        if verified[0]:
            # check() has just found builtins exactly as seal() noted them: undo what the host
            # changed from that note instead of reading the namespace again (GraalPy reads a
            # module's namespace slowly; this was a third of prepare)
            keys, vals = sealed[0]
            for k in keys:
                if k not in builtins0:
                    del b[k]
            for k, v in zip(keys, vals):
                if k in builtins0 and builtins0[k] is not v:
                    b[k] = builtins0[k]
            present = set(keys)
            if not present.issuperset(builtins0):
                for k, v in builtins0.items():
                    if k not in present:
                        b[k] = v
        else:
            for k in [k for k in b if k not in builtins0]:
                del b[k]
            for k, v in builtins0.items():
                if b.get(k, b) is not v:
                    b[k] = v
        verified[0] = False
        d = main.__dict__
        d.clear()
        d.update(main0)
        mods = sys.modules
        for name in [n for n in mods if n not in modules0]:
            del mods[name]
        # what seal() noted holds the last boot's modules, and through them its board
        sealed[0] = sealed[1] = None

    def seal():
        """Notes builtins and sys.modules as the host set them up, before device code runs."""
        verified[0] = False
        sealed[0] = (tuple(builtins.__dict__), tuple(builtins.__dict__.values()))
        sealed[1] = (tuple(sys.modules), tuple(sys.modules.values()))

    def same(d, keys_values):
        keys, vals = keys_values
        return len(d) == len(keys) and tuple(d) == keys and all(map(is_, d.values(), vals))

    def check():
        """'' if the boot left nothing that prepare() cannot undo, else what it left."""
        verified[0] = False
        left = check_all()
        verified[0] = left == "" and sealed[0] is not None
        return left

    def check_all():
        if sealed[0] is not None and not same(builtins.__dict__, sealed[0]):
            return "builtins were changed"
        # modules a boot adds are dropped by prepare(); those it replaced or removed are gone
        mods = sys.modules
        if sealed[1] is not None and not all(map(is_, map(mods.get, sealed[1][0]), sealed[1][1])):
            return "sys.modules was changed"
        now = (
            sys.getrecursionlimit(),
            sys.gettrace(),
            sys.getprofile(),
            sys.stdout,
            sys.stderr,
            sys.stdin,
        )
        if not all(map(is_, now, sys0)):
            return "sys settings were changed"
        for seq, seq0 in lists0:
            if len(seq) != len(seq0) or not all(map(is_, seq, seq0)):
                return "sys.path, sys.meta_path or sys.path_hooks was changed"
        if not all(map(same_space, spaces, spaces0)) or not all(
            map(is_, map(codes, functions), codes0)
        ):
            return "a host module, class or function was changed"
        if list(map(len, map(attrgetter("__dict__"), builtin_types))) != builtin_types0:
            return "a built-in type was changed"
        return ""

    def stats():
        return "%d namespaces, %d functions, %d modules" % (
            len(spaces),
            len(functions),
            len(modules0),
        )

    return types.SimpleNamespace(prepare=prepare, seal=seal, check=check, stats=stats)


_otasim_reuse_kit = _otasim_reuse_kit()
_otasim_reuse_kit
