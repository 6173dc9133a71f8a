"""missing-dunder: dunder attributes the board's objects do not have (spec §16)."""

from dev.otasim.lint import data
from dev.otasim.lint.source import ERROR

ID = "missing-dunder"


def on_Attribute(node, file):
    if node.attr in data.MISSING_DUNDERS and not file.guarded("AttributeError"):
        file.add(
            node,
            ID,
            ERROR,
            "%s does not exist on MicroPython (AttributeError); %s"
            % (node.attr, data.MISSING_DUNDERS[node.attr]),
        )
