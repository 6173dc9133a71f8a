"""The second pass: one walk over the tree that hands each node to the rules that want its kind.

A rule is a module with an ID and functions named on_<NodeKind>(node, file) (on_Call,
on_Subscript, ...). The walk keeps what several rules need: the names caught by enclosing try
blocks (a guarded import is fine), the function depth and each node's parent.
"""

from dev.otasim.lint.tree import AST

from dev.otasim.lint.facts import handler_names

_TRY = ("Try", "TryStar")
_FUNCTIONS = ("FunctionDef", "AsyncFunctionDef")


def handlers(rules):
    """node kind -> the rules' on_<kind> functions, in the order of `rules`."""
    table = {}
    for rule in rules:
        for name in sorted(vars(rule)):
            if name.startswith("on_"):
                table.setdefault(name[3:], []).append(getattr(rule, name))
    return table


def walk(tree, file, table):
    """Visits every node of the tree once, parents before children."""
    _visit(tree, None, file, table)


def _visit(node, parent, file, table):
    kind = node.__class__.__name__
    file.parent = parent
    for handler in table.get(kind, ()):
        handler(node, file)
    if kind in _TRY:
        # what the handlers catch guards the body only, not the handlers, else or finally
        caught = set()
        for h in node.handlers:
            caught |= handler_names(h)
        file.guards.append(caught)
        for stmt in node.body:
            _visit(stmt, node, file, table)
        file.guards.pop()
        for child in node.handlers + node.orelse + node.finalbody:
            _visit(child, node, file, table)
        return
    if kind in _FUNCTIONS:
        file.function_depth += 1
    # iter_child_nodes without its generator, and without the leaves no rule wants (Load, Add):
    # the interpreter pays per call, and a walk visits every node
    for field in node._fields:
        value = getattr(node, field, None)
        if value.__class__ is list:
            for item in value:
                if isinstance(item, AST) and (item._fields or item.__class__.__name__ in table):
                    _visit(item, node, file, table)
        elif isinstance(value, AST) and (value._fields or value.__class__.__name__ in table):
            _visit(value, node, file, table)
    if kind in _FUNCTIONS:
        file.function_depth -= 1
