"""function-attr: functions take no attributes on the board (spec §16)."""

from dev.otasim.lint import tree as ast

from dev.otasim.lint.source import ERROR

ID = "function-attr"


def on_Attribute(node, file):
    facts = file.facts
    name = node.value.id if isinstance(node.value, ast.Name) else None
    if isinstance(node.ctx, ast.Store) and name in facts.functions and name not in facts.assigned:
        file.add(
            node,
            ID,
            ERROR,
            "functions take no attributes on MicroPython (AttributeError); keep '%s' "
            "in a dict or on a class" % node.attr,
        )
