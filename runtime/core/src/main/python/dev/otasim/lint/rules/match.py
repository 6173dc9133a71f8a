"""match: `match` statements are a SyntaxError on the board (spec §16)."""

from dev.otasim.lint.source import ERROR

ID = "match"


def on_Match(node, file):
    file.add(node, ID, ERROR, "`match` is a SyntaxError on MicroPython; use if/elif")
