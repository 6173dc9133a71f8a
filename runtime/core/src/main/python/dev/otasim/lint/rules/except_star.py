"""except-star: `except*` is a SyntaxError on the board (spec §16)."""

from dev.otasim.lint.source import ERROR

ID = "except-star"


def on_TryStar(node, file):
    file.add(node, ID, ERROR, "`except*` is a SyntaxError on MicroPython; use a plain `except`")
