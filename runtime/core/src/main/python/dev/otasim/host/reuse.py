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
# The shim layer: building the firmware's shim modules (os, machine, network, ...) was most of a
# warm boot, so the first boot of a firmware builds them all and snapshot_shims() notes the layer
# again with them, as a second layer above the host layer; later boots of that firmware return to
# it and the bootstrap's bind_board() hands the shims the boot's Java objects. What a shim keeps
# is walked from its module: containers, instances' attributes and a random generator's state are
# restored before every boot; its classes and functions are compared by check() as the host's
# are; the boot's Java objects are taken out of the note (the shims' `_api`, the loader, the code
# cache). Anything the walk cannot restore (a Java object anywhere else, an object of a type it
# does not know) is named, and that firmware's shims are built each boot instead.
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
    noted_classes = set()

    def note_class(t):
        noted_classes.add(id(t))
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
    # prepare() returns to before every later boot. The shim layer, noted by snapshot_shims()
    # above it for one firmware, is what prepare(True) returns to while it is kept.
    layer = {}
    shim_layer = {}
    # the host layer's spaces and functions: check()'s lists without the shim layer's
    base_checked = [None, None, None]
    # the layer seal() compared builtins with
    sealed_layer = [None]
    sealed = [None, None]
    # whether check() found builtins as seal() noted them, with nothing run since
    verified = [False]
    # names of builtins that seal() found changed from the base prepare() restores
    changed = [()]

    def top():
        return shim_layer if shim_layer else layer

    def base_builtins():
        return top().get("builtins", builtins0)

    def snapshot():
        """Notes the host layer as the bootstrap and the dialect have just built it."""
        layer.update(note_layer(True))
        base_checked[0] = list(spaces)
        base_checked[1] = list(functions)
        base_checked[2] = set(noted_classes)
        s, f = frozen()
        spaces0[:] = s
        functions0[:] = f

    def note_layer(compared):
        # compared: the layer's classes and functions are new, for check() to compare
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
                if v.__flags__ & HEAPTYPE and compared:
                    note_class(v)
            else:
                if compared:
                    note_function(v)
                note(v, 0)
        return {
            "main": ns,
            "containers": containers,
            "builtins": dict(builtins.__dict__),
            "modules": dict(sys.modules),
            "randoms": (),
        }

    def snapshot_shims():
        """Notes the shim layer: the host layer as the full set-up of this boot left it, with every
        shim module built. '' if it was noted, else why the shims cannot be kept."""
        drop_shims()
        try:
            main.__dict__["build_all"]()
        except Exception as e:
            return "building the shims failed: %r" % (e,)
        note = note_layer(False)
        walk = ShimWalk(note)
        problem = walk.run()
        if problem:
            drop_shims()
            return problem
        # the boot's Java objects stay out of the note: bind_board() brings the next boot's
        ns = note["main"]
        ns["_fs"] = ns["_code_cache"] = None
        scrubbed = []
        for c, c0 in note["containers"]:
            if c is ns["_builtin_specs"]:
                c0 = {k: (None,) + v[1:] for k, v in c0.items()}
            scrubbed.append((c, c0))
        note["containers"] = scrubbed + walk.containers
        note["randoms"] = walk.randoms
        shim_layer.update(note)
        s, f = frozen()
        spaces0[:] = s
        functions0[:] = f
        return ""

    def drop_shims():
        shim_layer.clear()
        if base_checked[0] is not None:
            spaces[:] = base_checked[0]
            functions[:] = base_checked[1]
            noted_classes.clear()
            noted_classes.update(base_checked[2])
            s, f = frozen()
            spaces0[:] = s
            functions0[:] = f

    class ShimWalk:
        """What the shim modules keep, walked from their namespaces: containers and instances'
        attributes to restore, classes and functions for check(), a generator's state; or the
        first thing it cannot restore."""

        ATOMS = (
            int,
            float,
            complex,
            str,
            bytes,
            bool,
            type(None),
            type(Ellipsis),
            type(NotImplemented),
            range,
            slice,
            types.CodeType,
            types.GetSetDescriptorType,
            types.MemberDescriptorType,
            types.WrapperDescriptorType,
            types.MethodDescriptorType,
            types.ClassMethodDescriptorType,
            types.MethodWrapperType,
        )

        def __init__(self, note):
            ns = note["main"]
            self.modules = list(ns["_builtin_modules"].values())
            self.faces = list(ns["_builtin_faces"].values())
            # the host layer's own: restored or compared already
            self.known = set(id(c) for c, _ in note["containers"])
            self.known.update(id(f) for f in functions)
            self.known.update(noted_classes)
            self.known.update(id(v) for v in ns.values())
            # the interpreter's own streams, which the sys shim lends (compared as sys settings)
            self.known.update(id(v) for v in sys0[3:])
            self.host_modules = [m for m in modules0.values()]
            self.containers = []
            self.randoms = []
            self.seen = set(id(m) for m in self.modules + self.faces)
            self.problem = ""

        def run(self):
            for m in self.modules + self.faces:
                d = m.__dict__
                c0 = dict(d)
                if "_api" in c0:
                    c0["_api"] = None  # bind_board() sets the boot's
                self.containers.append((d, c0))
                self.seen.add(id(d))
                for k, v in d.items():
                    if k != "_api":
                        self.value(v, m.__name__ + "." + str(k))
            # the builtins the set-up made for this context (finish_setup), kept with the shims
            for k, v in builtins.__dict__.items():
                if builtins0.get(k) is not v:
                    self.value(v, "builtins." + k)
            return self.problem

        def fail(self, what, where):
            if not self.problem:
                self.problem = (
                    "a shim keeps %s, which a later boot cannot get back as built: %s"
                    % (
                        what,
                        where,
                    )
                )

        def value(self, v, where):
            if self.problem or id(v) in self.seen or id(v) in self.known:
                return
            t = type(v)
            if t in self.ATOMS:
                return
            self.seen.add(id(v))
            if t is dict or t is list or t is set or t is bytearray:
                self.containers.append((v, v.copy()))
                for x in v.values() if t is dict else v:
                    self.value(x, where + "[]")
            elif t is tuple or t is frozenset:
                for x in v:
                    self.value(x, where + "[]")
            elif isinstance(v, types.ModuleType):
                # a host module (the bootstrap's is the host layer's): compared by check()
                if not any(v is m for m in self.host_modules):
                    self.fail("a module of its own", where)
                elif not any(v.__dict__ is d for d in spaces):
                    spaces.append(v.__dict__)
            elif isinstance(v, type):
                home = modules0.get(getattr(v, "__module__", None))
                if home is not None and getattr(home, v.__qualname__, None) is v:
                    return  # the host's (io.TextIOBase): none of the shims' state
                if v.__flags__ & HEAPTYPE:
                    noted_classes.add(id(v))
                    spaces.append(v.__dict__)
                    for k, x in v.__dict__.items():
                        self.value(x, where + "." + str(k))
            elif isinstance(v, (staticmethod, classmethod)):
                self.value(v.__func__, where)
            elif isinstance(v, property):
                for f in (v.fget, v.fset, v.fdel):
                    self.value(f, where)
            elif isinstance(v, types.FunctionType):
                home = modules0.get(getattr(v, "__module__", None))
                if home is not None and getattr(home, v.__qualname__, None) is v:
                    return  # the host's (collections.namedtuple)
                functions.append(v)
                self.value(v.__defaults__, where + ".__defaults__")
                self.value(v.__kwdefaults__, where + ".__kwdefaults__")
                for c in v.__closure__ or ():
                    self.value(c.cell_contents, where + ".__closure__")
            elif isinstance(v, types.MethodType):
                self.value(v.__self__, where + ".__self__")
                self.value(v.__func__, where)
            elif isinstance(v, types.BuiltinFunctionType):
                self.value(v.__self__, where + ".__self__")
            elif isinstance(v, random.Random):
                self.randoms.append((v, v.getstate()))
            elif (
                type(t) is type
                and t.__flags__ & HEAPTYPE
                and "__slots__" not in t.__dict__
                and not isinstance(v, (dict, list, set, bytearray))
            ):
                # an instance of a shim's class: its class and its attributes
                self.value(t, where + ".__class__")
                d = getattr(v, "__dict__", None)
                if type(d) is dict:
                    self.containers.append((d, dict(d)))
                    for k, x in d.items():
                        self.value(x, where + "." + str(k))
                if isinstance(v, (tuple, frozenset)):
                    for x in v:
                        self.value(x, where + "[]")
            else:
                self.fail("a %s" % t.__name__, where)

    def prepare(shims=True):
        """Returns __main__, builtins and sys.modules to the shim layer (to the host layer when
        `shims` is false, or before the bootstrap before the first boot), dropping the modules the
        last boot added."""
        if not shims:
            drop_shims()
        target = top()
        # builtins first: the last bootstrap's import hook must go before its globals do
        b = builtins.__dict__
        base = target.get("builtins", builtins0)
        if verified[0] and sealed_layer[0] is target:
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
        d.update(target.get("main", main0))
        for c, c0 in target.get("containers", ()):
            if type(c) is list or type(c) is bytearray:
                c[:] = c0
            else:
                c.clear()
                c.update(c0)
        for r, state in target.get("randoms", ()):
            r.setstate(state)
        mods = sys.modules
        modules = target.get("modules", modules0)
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
        sealed_layer[0] = top()
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

    def shims():
        """Whether the shim layer is kept."""
        return bool(shim_layer)

    return types.SimpleNamespace(
        prepare=prepare,
        seal=seal,
        check=check,
        snapshot=snapshot,
        snapshot_shims=snapshot_shims,
        shims=shims,
        stats=stats,
    )


_otasim_reuse_kit = _otasim_reuse_kit()
_otasim_reuse_kit
