# Puts a warm context back into the state of a fresh one between boots, and tells when it cannot.
# Evaluated once per context, before the first boot; host code.
#
# What a boot leaves behind lives in three places:
#  - __main__, where the bootstrap and the dialect are evaluated once per context, and the host
#    layer they build (the `_otasim` module, the device's builtins module, their tables): the
#    first boot notes them as evaluated (snapshot()), and every later boot starts from that note
#    (prepare()): names and containers as they were, so every shim and frozen module and the
#    device's own modules and globals are built anew, as in a fresh context;
#  - sys.modules: entries a boot added are dropped; the host's own stdlib modules are imported
#    here once, so that boots do not add them;
#  - what a restore cannot undo, because the next boot uses the same objects: builtins,
#    sys.modules, the host modules' namespaces, sys settings, built-in types, and the classes and
#    functions of the bootstrap and the dialect (MicroPython's OSError and builtins are the
#    host's). Device code can reach them (introspection gets anywhere); `check` compares them
#    with their state before device code ran, and a context that differs is closed instead of
#    reused.
#
# The comparisons are dict and tuple comparisons, done by the interpreter in one call each: on
# GraalPy a loop in Python over a module's namespace costs microseconds a name (a walk of 700
# names took 20 ms). Such a comparison asks `==` only of objects that are not the same: a plant
# whose class answers `==` with True would pass it, so the comparisons run under a profile hook,
# and any Python code they call (only a plant's can run there) fails the check. A value replaced
# by an equal one of a built-in type (1 for True) passes, as it behaves the same.
#
# Everything lives in the closure of `_otasim_reuse_kit`: the functions below must keep working
# after __main__ is emptied.


def _otasim_reuse_kit():
    import sys
    import builtins
    import types

    # The stdlib modules that the bootstrap, the dialect and the shims import, lazily or not: a
    # module first imported during a boot would be dropped after it and imported again by the next.
    import array, binascii, cmath, collections, errno, hashlib, heapq, io  # noqa: F401,E401
    import json, marshal, math, random, re, struct  # noqa: F401,E401
    import _ast, _string, linecache, weakref  # noqa: F401,E401

    # the dialect's pass over device code that compile() and exec() get at run time
    import ast  # noqa: F401

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
    HEAPTYPE = 1 << 9

    # The host modules that the bootstrap, the dialect and the shims use (marshal, _string, the
    # modules shims hand to device code such as `json._cpy`), with the classes and functions
    # defined in them. Device code has no route to them, but a plant in one would outlive its
    # boot: a module dropped from sys.modules is imported anew, yet a built-in (Java) module is
    # the same object again (marshal.loads).
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
        "ast",
        "linecache",
        "weakref",
    )
    spaces = []
    functions = []

    def note_class(t):
        spaces.append(t.__dict__)
        for v in t.__dict__.values():
            note_function(v)

    def note_function(v):
        if isinstance(v, (staticmethod, classmethod)):
            v = v.__func__
        if isinstance(v, property):
            for f in (v.fget, v.fset, v.fdel):
                note_function(f)
        elif isinstance(v, types.FunctionType):
            functions.append(v)

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
    builtin_types = [t.__dict__ for t in builtins.__dict__.values() if isinstance(t, type)]
    builtin_types0 = [dict(d) for d in builtin_types]

    def frozen():
        # the state check() compares, as copies; of a function, what it is made of besides its name
        return [dict(d) for d in spaces], [
            (f.__code__, f.__defaults__, f.__kwdefaults__, dict(f.__dict__)) for f in functions
        ]

    spaces0, functions0 = frozen()

    # The host layer, noted by snapshot() after the first boot's bootstrap and dialect; what
    # prepare() returns to before every later boot (see layer()).
    layer = {}
    sealed = [None, None]
    # whether check() found builtins as seal() noted them, with nothing run since
    verified = [False]
    # names of builtins that seal() found changed from the base prepare() restores
    changed = [()]

    def base_builtins():
        return layer.get("builtins", builtins0)

    def snapshot():
        """Notes the host layer as the bootstrap and the dialect have just built it."""
        ns = dict(main.__dict__)
        containers = []
        seen = set()

        def note(c, depth):
            if id(c) in seen:
                return
            t = type(c)
            if t is dict or t is list or t is set or t is bytearray:
                seen.add(id(c))
                containers.append((c, c.copy()))
                if depth < 2:
                    for v in c.values() if t is dict else c:
                        note(v, depth + 1)

        known = [m for m in modules0.values()]
        for v in ns.values():
            if isinstance(v, types.ModuleType):
                if not any(v is m for m in known):  # a module of the layer's own (_otasim)
                    note(v.__dict__, 0)
            elif isinstance(v, type):
                if v.__flags__ & HEAPTYPE:
                    note_class(v)
            else:
                note_function(v)
                note(v, 0)
        layer["main"] = ns
        layer["containers"] = containers
        layer["builtins"] = dict(builtins.__dict__)
        layer["modules"] = dict(sys.modules)
        s, f = frozen()
        spaces0[:] = s
        functions0[:] = f

    def prepare():
        """Returns __main__, builtins and sys.modules to the host layer (or to the state before the
        bootstrap, before the first boot), dropping the modules the last boot added."""
        # builtins first: the last bootstrap's import hook must go before its globals do
        b = builtins.__dict__
        base = base_builtins()
        if verified[0]:
            # check() has just found builtins exactly as seal() noted them: undo what seal()
            # found changed instead of reading the namespace again
            for k in changed[0]:
                if k in base:
                    b[k] = base[k]
                else:
                    del b[k]
        elif b != base:
            for k in [k for k in b if k not in base]:
                del b[k]
            for k, v in base.items():
                if b.get(k, b) is not v:
                    b[k] = v
        verified[0] = False
        d = main.__dict__
        d.clear()
        d.update(layer.get("main", main0))
        for c, c0 in layer.get("containers", ()):
            if type(c) is list or type(c) is bytearray:
                c[:] = c0
            else:
                c.clear()
                c.update(c0)
        mods = sys.modules
        modules = layer.get("modules", modules0)
        if len(mods) != len(modules):
            for name in [n for n in mods if n not in modules]:
                del mods[name]
        # what seal() noted holds the last boot's modules, and through them its board
        sealed[0] = sealed[1] = None

    def seal():
        """Notes builtins and sys.modules as the host set them up, before device code runs."""
        verified[0] = False
        now = dict(builtins.__dict__)
        base = base_builtins()
        sealed[0] = now
        sealed[1] = dict(sys.modules)
        if len(now) == len(base):
            # finish_setup() replaces a few builtins: the names whose values are not the base's
            changed[0] = [k for k, v in base.items() if now.get(k, now) is not v]
        else:
            changed[0] = [k for k in now if k not in base] + [
                k for k, v in base.items() if now.get(k, now) is not v
            ]

    def check():
        """'' if the boot left nothing that prepare() cannot undo, else what it left."""
        verified[0] = False
        calls = []
        profile0 = sys.getprofile()

        def spy(frame, event, arg):
            if event == "call" and id(frame.f_code) not in own:
                calls.append(frame.f_code.co_name)

        sys.setprofile(spy)
        try:
            left = check_all(profile0)
        finally:
            sys.setprofile(profile0)
        if calls and not left:
            left = "a host value was replaced by one that claims to be equal"
        verified[0] = left == "" and sealed[0] is not None
        return left

    def check_all(profile):
        # no helper functions in here: a call to Python code fails the check (check())
        if sealed[0] is not None and builtins.__dict__ != sealed[0]:
            return "builtins were changed"
        # modules a boot adds are dropped by prepare(); those it replaced or removed are gone
        mods = sys.modules
        before = sealed[1]
        if before is not None and mods != before:
            for name, m in before.items():
                if mods.get(name) is not m:
                    return "sys.modules was changed"
        now = (
            sys.getrecursionlimit(),
            sys.gettrace(),
            profile,
            sys.stdout,
            sys.stderr,
            sys.stdin,
        )
        for a, b in zip(now, sys0):
            if a is not b:
                return "sys settings were changed"
        for seq, seq0 in lists0:
            if seq != seq0:
                return "sys.path, sys.meta_path or sys.path_hooks was changed"
        if spaces != spaces0:
            return "a host module, class or function was changed"
        fs = [(f.__code__, f.__defaults__, f.__kwdefaults__, f.__dict__) for f in functions]
        if fs != functions0:
            return "a host module, class or function was changed"
        if builtin_types != builtin_types0:
            return "a built-in type was changed"
        return ""

    # the check's own code, which the profile hook lets run
    own = [check_all.__code__]
    own.extend(c for c in check_all.__code__.co_consts if isinstance(c, types.CodeType))
    own = frozenset(map(id, own))

    def stats():
        return "%d namespaces, %d functions, %d modules" % (
            len(spaces),
            len(functions),
            len(modules0),
        )

    return types.SimpleNamespace(
        prepare=prepare, seal=seal, check=check, snapshot=snapshot, stats=stats
    )


_otasim_reuse_kit = _otasim_reuse_kit()
_otasim_reuse_kit
