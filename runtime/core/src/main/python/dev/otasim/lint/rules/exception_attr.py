"""exception-attr: OSError.strerror, .filename, ...: the board's exceptions carry args only
(spec §1.1)."""

from dev.otasim.lint import tree as ast

from dev.otasim.lint import data
from dev.otasim.lint.source import ERROR

ID = "exception-attr"


def on_Attribute(node, file):
    if (
        isinstance(node.value, ast.Name)
        and node.value.id in file.facts.except_names
        and node.attr in data.EXCEPTION_ATTRS
    ):
        file.add(
            node,
            ID,
            ERROR,
            "exceptions on the board have no .%s (OSError carries only the errno in "
            "args); %s" % (node.attr, data.EXCEPTION_ATTRS[node.attr]),
        )
