"""dict-view: d.keys() & other is a TypeError on the board: its views are not set-like
(spec §16)."""

from dev.otasim.lint import tree as ast

from dev.otasim.lint.source import ERROR

ID = "dict-view"


def on_BinOp(node, file):
    if not isinstance(node.op, (ast.BitAnd, ast.BitOr, ast.BitXor, ast.Sub)):
        return
    for side in (node.left, node.right):
        if (
            isinstance(side, ast.Call)
            and isinstance(side.func, ast.Attribute)
            and side.func.attr in ("keys", "items")
            and not side.args
        ):
            file.add(
                node,
                ID,
                ERROR,
                "dict views are not set-like on MicroPython (TypeError); convert "
                "first: set(d.%s())" % side.func.attr,
            )
            break
