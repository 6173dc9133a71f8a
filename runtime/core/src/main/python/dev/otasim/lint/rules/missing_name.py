"""missing-name: builtins the board does not have, such as FileNotFoundError (spec §1.1, §16)."""

from dev.otasim.lint import tree as ast

from dev.otasim.lint import data
from dev.otasim.lint.source import ERROR

ID = "missing-name"


def on_Name(node, file):
    name = node.id
    if (
        isinstance(node.ctx, ast.Load)
        and name not in file.facts.bound
        and (name in data.OSERROR_SUBCLASSES or name in data.MISSING_NAMES)
        and not file.guarded("NameError", "*")
    ):
        file.add(node, ID, ERROR, message(name))


def message(name):
    """What the board does without the name, and what to write instead."""
    if name in data.OSERROR_SUBCLASSES:
        return (
            "%s does not exist on MicroPython (NameError when the line runs); catch OSError "
            "and test %s" % (name, data.OSERROR_SUBCLASSES[name])
        )
    return "%s does not exist on MicroPython (NameError when the line runs); %s" % (
        name,
        data.MISSING_NAMES[name],
    )
