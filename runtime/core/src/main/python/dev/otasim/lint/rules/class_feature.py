"""class-feature: class machinery the board lacks or resolves differently (spec §16)."""

from dev.otasim.lint import tree as ast

from dev.otasim.lint.facts import ancestors
from dev.otasim.lint.source import ERROR, WARNING

ID = "class-feature"

_IGNORED_METHODS = {
    "__getattribute__": "is never called (only __getattr__ is); use __getattr__",
    "__format__": "is not called by format() or f-strings (ValueError: invalid "
    "format specifier); format with a method of your own",
    "__class_getitem__": "is not supported (the class is not subscriptable); drop it",
}


def on_ClassDef(node, file):
    for kw in node.keywords:
        if kw.arg == "metaclass":
            file.add(
                kw,
                ID,
                ERROR,
                "metaclass= is rejected on MicroPython (TypeError: function doesn't "
                "take keyword arguments); use a plain class or a class decorator",
            )
    for stmt in node.body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if any(isinstance(t, ast.Name) and t.id == "__slots__" for t in targets):
                file.add(
                    stmt,
                    ID,
                    WARNING,
                    "__slots__ is ignored on MicroPython: instances still accept any "
                    "attribute; do not rely on it",
                )
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            why = _IGNORED_METHODS.get(stmt.name)
            if why:
                file.add(stmt, ID, WARNING, "on MicroPython, %s %s" % (stmt.name, why))
    if diamond(node, file.facts.classes):
        file.add(
            node,
            ID,
            WARNING,
            "class %s inherits one base along two paths: MicroPython resolves methods "
            "depth-first, not in C3 order; avoid diamond inheritance" % node.name,
        )


def diamond(node, classes):
    """Whether the class reaches one base along two of its bases."""
    bases = [b.id for b in node.bases if isinstance(b, ast.Name)]
    if len(bases) < 2:
        return False
    seen = set()
    for b in bases:
        found = ancestors(b, classes)
        if seen & found:
            return True
        seen |= found
    return False
