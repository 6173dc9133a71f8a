"""raise-from: the board drops an exception's cause (spec §16)."""

from dev.otasim.lint.source import WARNING

ID = "raise-from"


def on_Raise(node, file):
    if node.cause is not None:
        file.add(
            node,
            ID,
            WARNING,
            "`raise ... from ...` drops the cause on MicroPython (it prints 'Warning: "
            "exception chaining not supported'); raise without `from`",
        )
