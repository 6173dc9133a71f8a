"""Imports host Python modules from source texts the Java host hands over.

A sandboxed context has no file access (DESIGN §4), so `import dev.otasim.lint.facts` cannot
find a file: Java registers each module's text first (register()), and this finder serves them,
with packages implied by the dotted names. Tracebacks show the module's resource path and line.
"""

import sys

# importlib's own ModuleSpec, loaded with the interpreter: importlib.machinery and linecache
# would import half the standard library into a context that needs none of it (issue 20)
from _frozen_importlib import ModuleSpec

_SOURCES = {}  # module name -> (source text, file name)
_PACKAGES = set()  # names with registered modules below them


def register(name, source, filename):
    """Makes `name` (such as 'dev.otasim.lint.facts') importable from its source text."""
    name, text, filename = str(name), str(source), str(filename)
    if name.endswith(".__init__"):
        name = name[: -len(".__init__")]
        _PACKAGES.add(name)
    _SOURCES[name] = (text, filename)
    parts = name.split(".")
    for i in range(1, len(parts)):
        _PACKAGES.add(".".join(parts[:i]))
    # tracebacks print the failing line from the loader's get_source (there is no file to read)


class _Loader:
    @staticmethod
    def create_module(spec):
        return None

    @staticmethod
    def get_source(name):
        entry = _SOURCES.get(name)
        return entry[0] if entry is not None else None

    @staticmethod
    def exec_module(module):
        entry = _SOURCES.get(module.__name__)
        if entry is not None:
            text, filename = entry
            exec(compile(text, filename, "exec", dont_inherit=True), module.__dict__)


class _Finder:
    @staticmethod
    def find_spec(name, path=None, target=None):
        package = name in _PACKAGES
        if not package and name not in _SOURCES:
            return None
        origin = _SOURCES[name][1] if name in _SOURCES else None
        spec = ModuleSpec(name, _Loader, origin=origin, is_package=package)
        if package:
            spec.submodule_search_locations = []
        return spec


if not any(f is _Finder for f in sys.meta_path):
    sys.meta_path.insert(0, _Finder)
