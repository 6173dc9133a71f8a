"""unsupported-call: builtin calls the board does not support as CPython does (spec §16)."""

from dev.otasim.lint.facts import builtin_called, is_dictish
from dev.otasim.lint.source import ERROR, WARNING

ID = "unsupported-call"


def on_Call(node, file):
    name = builtin_called(node, file.facts)
    if name == "iter" and len(node.args) == 2:
        file.add(
            node,
            ID,
            ERROR,
            "iter(callable, sentinel) is not supported on MicroPython (TypeError); "
            "loop with while True and break",
        )
    if name == "reversed" and node.args and is_dictish(node.args[0], file.facts):
        file.add(
            node,
            ID,
            ERROR,
            "reversed() of a dict is not supported on MicroPython; reverse a list of the keys",
        )
    if name == "locals" and file.function_depth:
        file.add(
            node,
            ID,
            WARNING,
            "locals() inside a function returns the module globals on MicroPython; "
            "pass the values explicitly",
        )
