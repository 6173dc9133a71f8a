"""no-context-manager: sockets and requests Responses are not context managers on the board
(spec §8.3, §9, §10)."""

from dev.otasim.lint import tree as ast

from dev.otasim.lint import data
from dev.otasim.lint.facts import call_target
from dev.otasim.lint.source import ERROR

ID = "no-context-manager"


def on_With(node, file):
    for item in node.items:
        what = _what(item.context_expr, file.facts)
        if what:
            file.add(
                item.context_expr,
                ID,
                ERROR,
                "%s has no __enter__/__exit__ on MicroPython (AttributeError: "
                "'__exit__'); use try/finally and call close()" % what,
            )


def _what(expr, facts):
    if isinstance(expr, ast.Name):
        if expr.id in facts.responses:
            return "a requests Response"
        if expr.id in facts.sockets:
            return "a socket"
        return None
    if not isinstance(expr, ast.Call):
        return None
    target = call_target(expr.func, facts)
    if target == ("socket", "socket"):
        return "socket.socket()"
    if target and target[0] == "requests" and target[1] in data.REQUEST_FUNCS:
        return "a requests Response"
    if isinstance(expr.func, ast.Attribute) and expr.func.attr == "wrap_socket":
        return "a TLS socket (wrap_socket())"
    return None
