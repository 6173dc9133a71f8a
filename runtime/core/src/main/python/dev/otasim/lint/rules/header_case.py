"""header-case: requests 0.10.2 on the board keeps header names as sent (spec §10)."""

from dev.otasim.lint import tree as ast

from dev.otasim.lint.facts import module_of
from dev.otasim.lint.source import WARNING

ID = "header-case"


def on_Subscript(node, file):
    check(node, node.value, node.slice, file)


def on_Call(node, file):
    func = node.func
    if (
        isinstance(func, ast.Attribute)
        and func.attr == "get"
        and node.args
        and not module_of(func.value, file.facts)
    ):
        check(node, func.value, node.args[0], file)


def check(node, headers, key, file):
    """r.headers['content-length'] on a requests Response."""
    if (
        isinstance(headers, ast.Attribute)
        and headers.attr == "headers"
        and isinstance(headers.value, ast.Name)
        and headers.value.id in file.facts.responses
        and isinstance(key, ast.Constant)
        and isinstance(key.value, str)
    ):
        file.add(
            node,
            ID,
            WARNING,
            "header '%s': requests 0.10.2 on the board keeps header names as the "
            "server spelled them (a case-sensitive dict); find it by comparing "
            "k.lower() over the keys" % key.value,
        )
