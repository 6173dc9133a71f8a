"""codec: the board ignores codecs and error handlers; it always uses UTF-8 (spec §3)."""

from dev.otasim.lint import tree as ast

from dev.otasim.lint import data
from dev.otasim.lint.facts import builtin_called, module_of
from dev.otasim.lint.source import WARNING

ID = "codec"


def on_Call(node, file):
    func = node.func
    if (
        isinstance(func, ast.Attribute)
        and func.attr in ("encode", "decode")
        and not module_of(func.value, file.facts)
    ):
        _check(node.args, func.attr, file)
    name = builtin_called(node, file.facts)
    if name in ("str", "bytes") and len(node.args) >= 2:
        _check(node.args[1:], name, file)


def _check(args, name, file):
    if (
        args
        and isinstance(args[0], ast.Constant)
        and isinstance(args[0].value, str)
        and args[0].value.lower() not in data.UTF8
    ):
        file.add(
            args[0],
            ID,
            WARNING,
            "MicroPython ignores the codec '%s' and always uses UTF-8; convert the "
            "bytes yourself if you need another encoding" % args[0].value,
        )
    if len(args) >= 2 and isinstance(args[1], ast.Constant) and args[1].value != "strict":
        file.add(
            args[1],
            ID,
            WARNING,
            "MicroPython ignores the errors argument of %s(): invalid UTF-8 raises "
            "UnicodeError() instead" % name,
        )
