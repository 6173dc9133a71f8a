"""format-field: '{0.attr}' and '{0[key]}' fields raise NotImplementedError on the board
(spec §16)."""

import _string

from dev.otasim.lint import tree as ast
from dev.otasim.lint.source import ERROR

ID = "format-field"


def on_Call(node, file):
    func = node.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr == "format"
        and isinstance(func.value, ast.Constant)
        and isinstance(func.value.value, str)
    ):
        return
    try:
        fields = [f for _, f, _, _ in _string.formatter_parser(func.value.value) if f]
    except ValueError:
        return
    for f in fields:
        if "." in f or "[" in f:
            file.add(
                node,
                ID,
                ERROR,
                "str.format field {%s} raises NotImplementedError('attributes not "
                "supported') on MicroPython; look the value up before formatting" % f,
            )
            return
