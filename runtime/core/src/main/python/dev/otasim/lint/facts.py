"""What a file defines, imports and calls: the first pass, and the questions rules ask of it.

The rules are heuristics on names, so they need to tell a builtin from a name of the file's own
(`def format(...)`), a module from a variable (`import utime as time`), and a dict or a requests
Response from anything else. Nothing here reports; see rules/.
"""

from dev.otasim.lint import tree as ast

from dev.otasim.lint import data


class Facts(ast.NodeVisitor):
    """What the file binds, so the rules can tell a builtin from a name of its own.

    aliases: the board's other names for its modules ({'uos': 'os', 'urequests': 'requests'}),
    so that `import utime` counts as `time`.
    """

    def __init__(self, aliases=None):
        self.aliases = dict(aliases or {})
        self.bound = set()  # every name bound anywhere (assign, def, class, import, param)
        self.assigned = set()  # names bound other than by def
        self.functions = set()  # names bound by def
        self.methods = set()  # every def name (a method named like a str method is the user's)
        self.modules = {}  # local name -> module name (u-names mapped to plain ones)
        self.members = {}  # local name -> (module, member) for `from m import n`
        self.dicts = set()  # names bound to a dict (literal, dict(), json.load(s), .json())
        self.responses = set()  # names bound to a requests response
        self.sockets = set()  # names bound to socket.socket()
        self.classes = {}  # class name -> base names
        self.except_names = set()  # names bound by `except ... as e`
        self.texts = set()  # names bound to a str or bytes literal somewhere
        self.non_texts = set()  # names bound to anything else somewhere

    @classmethod
    def of(cls, tree, aliases=None):
        """The facts of a parsed file."""
        facts = cls(aliases)
        facts.visit(tree)
        return facts

    def plain(self, module):
        """The module's plain name: 'uos' -> 'os', 'urequests' -> 'requests'."""
        top, _, rest = module.partition(".")
        top = self.aliases.get(top, top)
        return top + ("." + rest if rest else "")

    def _bind(self, name, by_def=False, text=False):
        self.bound.add(name)
        if by_def:
            self.functions.add(name)
        else:
            self.assigned.add(name)
        (self.texts if text else self.non_texts).add(name)

    def is_text(self, name):
        """Whether every binding of the name is a str or bytes literal."""
        return name in self.texts and name not in self.non_texts

    def _targets(self, target, value=None):
        # Only names are bound: `f.x = 1` and `d[k] = v` bind nothing.
        if isinstance(target, ast.Name):
            self._bind(target.id, text=is_text_literal(value))
        elif isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:
                self._targets(elt)
        elif isinstance(target, ast.Starred):
            self._targets(target.value)
        if isinstance(target, ast.Name) and value is not None:
            kind = value_kind(value, self)
            if kind == "dict":
                self.dicts.add(target.id)
            elif kind == "response":
                self.responses.add(target.id)
            elif kind == "socket":
                self.sockets.add(target.id)

    def visit_Assign(self, node):
        for t in node.targets:
            self._targets(t, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node):
        self._targets(node.target, node.value)
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        # `s += 'x'` keeps what s is.
        if isinstance(node.target, ast.Name):
            self.bound.add(node.target.id)
            self.assigned.add(node.target.id)
        self.generic_visit(node)

    def visit_NamedExpr(self, node):
        self._targets(node.target, node.value)
        self.generic_visit(node)

    def visit_For(self, node):
        self._targets(node.target)
        self.generic_visit(node)

    visit_AsyncFor = visit_For

    def visit_comprehension(self, node):
        self._targets(node.target)
        self.generic_visit(node)

    def visit_withitem(self, node):
        if node.optional_vars is not None:
            self._targets(node.optional_vars, node.context_expr)
        self.generic_visit(node)

    def visit_ExceptHandler(self, node):
        if node.name:
            self._bind(node.name)
            self.except_names.add(node.name)
        self.generic_visit(node)

    def _parameters(self, a):
        for arg in a.posonlyargs + a.args + a.kwonlyargs + [a.vararg, a.kwarg]:
            if arg is not None:
                self._bind(arg.arg)

    def visit_FunctionDef(self, node):
        self._bind(node.name, by_def=True)
        self.methods.add(node.name)
        self._parameters(node.args)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        self._parameters(node.args)
        self.generic_visit(node)

    def visit_ClassDef(self, node):
        self._bind(node.name)
        self.classes[node.name] = [b.id for b in node.bases if isinstance(b, ast.Name)]
        self.generic_visit(node)

    def visit_Import(self, node):
        for alias in node.names:
            if alias.asname:
                self._bind(alias.asname)
                self.modules[alias.asname] = self.plain(alias.name)
            else:
                top = alias.name.split(".")[0]
                self._bind(top)
                self.modules[top] = self.plain(top)

    def visit_ImportFrom(self, node):
        for alias in node.names:
            local = alias.asname or alias.name
            self._bind(local)
            if node.module and not node.level:
                self.members[local] = (self.plain(node.module), alias.name)

    def visit_Global(self, node):
        for n in node.names:
            self.bound.add(n)


def is_text_literal(node):
    """A str, bytes or f-string literal."""
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes))
    )


def module_of(node, facts):
    """The module a Name stands for (`import utime as time` -> 'time'), else None."""
    if isinstance(node, ast.Name):
        return facts.modules.get(node.id)
    return None


def call_target(func, facts):
    """(module, name) a call goes to: json.dumps -> ('json', 'dumps'); from json import dumps ->
    ('json', 'dumps'); a builtin -> (None, 'print'); otherwise None."""
    if isinstance(func, ast.Attribute):
        mod = module_of(func.value, facts)
        if mod:
            return mod, func.attr
    elif isinstance(func, ast.Name):
        if func.id in facts.members:
            return facts.members[func.id]
        return None, func.id
    return None


def builtin_called(node, facts):
    """The builtin a call goes to ('print'), unless the file binds that name itself; else None."""
    target = call_target(node.func, facts)
    if target and target[0] is None and target[1] not in facts.bound:
        return target[1]
    return None


def value_kind(value, facts):
    """'dict', 'response' or 'socket' for what an assignment binds, else None."""
    if isinstance(value, (ast.Dict, ast.DictComp)):
        return "dict"
    if isinstance(value, ast.Call):
        target = call_target(value.func, facts)
        if target == (None, "dict") and "dict" not in facts.assigned:
            return "dict"
        if target in (("json", "load"), ("json", "loads")):
            return "dict"
        if isinstance(value.func, ast.Attribute) and value.func.attr == "json":
            return "dict"
        if target and target[0] == "requests" and target[1] in data.REQUEST_FUNCS:
            return "response"
        if target == ("socket", "socket"):
            return "socket"
    return None


def is_dictish(node, facts):
    """A dict, a name bound to one, or a dict's keys()/values()/items()."""
    if isinstance(node, (ast.Dict, ast.DictComp)):
        return True
    if isinstance(node, ast.Name):
        return node.id in facts.dicts
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("keys", "values", "items")
        and not node.args
    ):
        return True
    return False


def is_list(node, facts):
    """Whether a slice's object is surely a list (then a step is fine)."""
    if isinstance(node, (ast.List, ast.ListComp)):
        return True
    if isinstance(node, ast.Call):
        return (
            call_target(node.func, facts) in ((None, "list"), (None, "sorted"))
            and node.func.id not in facts.bound
        )
    return False


_TEXT_CALLS = ("str", "bytes", "bytearray", "tuple", "repr", "hex", "bin", "oct", "chr")
_TEXT_METHODS = ("decode", "encode", "lower", "upper", "strip", "format", "join", "replace")


def is_sequence_text(node, facts):
    """Whether a slice's object is surely a str, bytes or tuple (then a step always fails)."""
    if is_text_literal(node) or isinstance(node, ast.Tuple):
        return True
    if isinstance(node, ast.Name):
        return facts.is_text(node.id)
    if isinstance(node, ast.Call):
        target = call_target(node.func, facts)
        if target and target[0] is None and target[1] in _TEXT_CALLS:
            return target[1] not in facts.bound
        if isinstance(node.func, ast.Attribute) and node.func.attr in _TEXT_METHODS:
            return True
    return False


def handler_names(handler):
    """The exception names an `except` clause catches; '*' for a bare `except:`."""
    t = handler.type
    if t is None:
        return {"*"}
    elts = t.elts if isinstance(t, ast.Tuple) else [t]
    return {e.id if isinstance(e, ast.Name) else getattr(e, "attr", "") for e in elts}


def ancestors(name, classes, depth=0):
    """A class and every base it inherits from, as far as the file defines them."""
    result = {name}
    if depth < 20:
        for b in classes.get(name, ()):
            result |= ancestors(b, classes, depth + 1)
    return result
