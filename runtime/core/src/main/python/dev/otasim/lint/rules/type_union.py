"""type-union: isinstance(x, A | B) fails on the board (spec §16)."""

from dev.otasim.lint import tree as ast

from dev.otasim.lint.facts import builtin_called
from dev.otasim.lint.source import ERROR

ID = "type-union"


def on_Call(node, file):
    name = builtin_called(node, file.facts)
    if name not in ("isinstance", "issubclass") or len(node.args) != 2:
        return
    for inner in ast.walk(node.args[1]):
        if isinstance(inner, ast.BinOp) and isinstance(inner.op, ast.BitOr):
            file.add(
                inner,
                ID,
                ERROR,
                "`X | Y` of types fails on MicroPython (TypeError: unsupported "
                "types for __or__); pass a tuple: %s(x, (X, Y))" % name,
            )
            break
