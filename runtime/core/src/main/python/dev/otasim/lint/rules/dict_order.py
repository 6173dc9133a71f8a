"""dict-order: code that relies on dict order; the board's dicts are unordered (spec §16)."""

from dev.otasim.lint import tree as ast

from dev.otasim.lint.facts import call_target, is_dictish, module_of
from dev.otasim.lint.source import WARNING

ID = "dict-order"


def on_Call(node, file):
    facts = file.facts
    func = node.func
    if (
        isinstance(func, ast.Attribute)
        and func.attr == "popitem"
        and not node.args
        and not module_of(func.value, facts)
    ):
        file.add(
            node,
            ID,
            WARNING,
            "popitem() relies on dict order, and the board's dicts are unordered; "
            "pick the key explicitly",
        )
    target = call_target(func, facts)
    if (
        target in ((None, "list"), (None, "tuple"))
        and node.args
        and is_dictish(node.args[0], facts)
        and isinstance(file.parent, ast.Subscript)
    ):
        file.add(
            node,
            ID,
            WARNING,
            "indexing %s relies on dict order, and the board's dicts are unordered "
            "(hash order); use collections.OrderedDict or sort the keys" % file.segment(node),
        )
    if target == (None, "next") and node.args and isinstance(node.args[0], ast.Call):
        inner = node.args[0]
        if (
            call_target(inner.func, facts) == (None, "iter")
            and inner.args
            and is_dictish(inner.args[0], facts)
        ):
            file.add(
                node,
                ID,
                WARNING,
                "next(iter(...)) of a dict relies on dict order, and the board's dicts "
                "are unordered (hash order); pick the key explicitly",
            )
