"""Python's syntax tree as the rules use it: the node classes, parse(), walk() and NodeVisitor.

The same names as the ast module's, from `_ast` (the parser's own module) and a few lines here:
importing `ast` imports `re`, `enum` and `contextlib` (with `functools` and `collections` behind
them), and in the fresh GraalPy context of a lint without the daemon that is a quarter of its
start-up (issue 20: lint in CI). Rules import it as `from dev.otasim.lint import tree as ast`.
"""

from _ast import *  # noqa: F401,F403 (every node class, as ast has them)
from _ast import AST, PyCF_ONLY_AST


def parse(source, filename="<unknown>"):
    """The tree of a module's source, as ast.parse(source, filename) makes it."""
    return compile(source, filename, "exec", PyCF_ONLY_AST, dont_inherit=True)


def iter_child_nodes(node):
    """The nodes directly below a node, field by field, as ast.iter_child_nodes."""
    for name in node._fields:
        value = getattr(node, name, None)
        if isinstance(value, AST):
            yield value
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, AST):
                    yield item


def walk(node):
    """Every node under a node (itself first), breadth first, in ast.walk's order."""
    todo = [node]
    i = 0
    while i < len(todo):
        current = todo[i]
        i += 1
        todo.extend(iter_child_nodes(current))
        yield current


class NodeVisitor:
    """ast.NodeVisitor: visit() calls visit_<Class>(node), or generic_visit for the children."""

    def visit(self, node):
        return getattr(self, "visit_" + node.__class__.__name__, self.generic_visit)(node)

    def generic_visit(self, node):
        for child in iter_child_nodes(node):
            self.visit(child)
