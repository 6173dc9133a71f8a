"""builtin-kwargs: keyword arguments that builtins and built-in methods reject (spec §3.1, §16)."""

from dev.otasim.lint import tree as ast

from dev.otasim.lint import data
from dev.otasim.lint.facts import builtin_called, module_of
from dev.otasim.lint.source import ERROR

ID = "builtin-kwargs"


def on_Call(node, file):
    func = node.func
    if isinstance(func, ast.Attribute) and not module_of(func.value, file.facts):
        _method(node, func.attr, file)
    name = builtin_called(node, file.facts)
    if name:
        _builtin(node, name, file)


def _method(node, name, file):
    fixes = data.KW_METHODS.get(name)
    if not fixes:
        return
    for kw in node.keywords:
        if kw.arg is None:
            continue
        fix = fixes.get(kw.arg) or fixes.get(None)
        if fix:
            file.add(
                kw,
                ID,
                ERROR,
                "%s(%s=) is rejected on MicroPython (TypeError: function doesn't "
                "take keyword arguments); %s" % (name, kw.arg, fix),
            )


def _builtin(node, name, file):
    fixes = data.KW_BUILTINS.get(name, {})
    for kw in node.keywords:
        if kw.arg in fixes:
            file.add(
                kw,
                ID,
                ERROR,
                "%s(%s=) is rejected on MicroPython (%s); %s"
                % (name, kw.arg, board_error(name), fixes[kw.arg]),
            )


def board_error(name):
    """The TypeError (or NotImplementedError) the board raises for a keyword to `name`."""
    if name in ("str", "bytes", "bytearray"):
        return "NotImplementedError: keyword argument(s) not implemented"
    if name == "open":
        return "TypeError: extra keyword arguments given"
    return "TypeError: function doesn't take keyword arguments"
