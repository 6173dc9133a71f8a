"""facts.py: what a file binds, imports and calls, as the rules ask it."""

import ast

from dev.otasim.lint.facts import (
    Facts,
    ancestors,
    builtin_called,
    call_target,
    handler_names,
    is_dictish,
    is_list,
    is_sequence_text,
)


def facts(text, aliases=None):
    return Facts.of(ast.parse(text), aliases or {"utime": "time", "urequests": "requests"})


def expr(text):
    return ast.parse(text, mode="eval").body


def test_imports_map_u_names_to_the_plain_module():
    f = facts("import utime\nimport utime as t\nimport os.path\nfrom urequests import get\n")
    assert f.modules == {"utime": "time", "t": "time", "os": "os"}
    assert f.members == {"get": ("requests", "get")}
    assert {"utime", "t", "os", "get"} <= f.bound


def test_bindings_tell_defs_from_assignments():
    f = facts("def f(a, *b, c=1, **d):\n    pass\nx = 1\nclass C(Base):\n    pass\n")
    assert f.functions == {"f"}
    assert {"a", "b", "c", "d", "x", "C"} <= f.assigned
    assert f.classes == {"C": ["Base"]}
    assert f.methods == {"f"}


def test_text_names_are_only_ever_text():
    f = facts("s = 'a'\nb = b'x'\nm = 'x'\nm = 1\nt = f'{s}'\n")
    assert f.is_text("s") and f.is_text("b") and f.is_text("t")
    assert not f.is_text("m")
    assert not f.is_text("unknown")


def test_values_bound_to_dicts_responses_and_sockets():
    f = facts(
        "import json, requests, socket\n"
        "a = {}\nb = dict()\nc = json.loads(t)\nd = r.json()\n"
        "r = requests.get(u)\ns = socket.socket()\nn = 1\n"
    )
    assert f.dicts == {"a", "b", "c", "d"}
    assert f.responses == {"r"}
    assert f.sockets == {"s"}


def test_a_dict_of_its_own_is_not_the_builtin():
    f = facts("dict = MyDict\nd = dict()\n")
    assert f.dicts == set()


def test_except_names_and_globals():
    f = facts("try:\n    pass\nexcept OSError as e:\n    pass\ndef g():\n    global q\n")
    assert f.except_names == {"e"}
    assert "q" in f.bound


def test_call_targets():
    f = facts("import json\nfrom json import dumps as d\n")
    assert call_target(expr("json.dumps(x)").func, f) == ("json", "dumps")
    assert call_target(expr("d(x)").func, f) == ("json", "dumps")
    assert call_target(expr("print(x)").func, f) == (None, "print")
    assert call_target(expr("x.y(z)").func, f) is None
    assert builtin_called(expr("print(x)"), f) == "print"
    assert builtin_called(expr("d(x)"), f) is None


def test_shapes_of_values():
    f = facts("d = {}\ns = 'abc'\n")
    assert is_dictish(expr("d"), f) and is_dictish(expr("x.items()"), f)
    assert not is_dictish(expr("x.items(1)"), f)
    assert is_list(expr("[1, 2]"), f) and is_list(expr("sorted(x)"), f)
    assert not is_list(expr("x"), f)
    assert is_sequence_text(expr("s"), f) and is_sequence_text(expr("x.decode()"), f)
    assert is_sequence_text(expr("(1, 2)"), f) and is_sequence_text(expr("str(x)"), f)
    assert not is_sequence_text(expr("x"), f)


def test_handler_names_and_ancestors():
    tree = ast.parse("try:\n    pass\nexcept (OSError, errno.X):\n    pass\nexcept:\n    pass\n")
    first, bare = tree.body[0].handlers
    assert handler_names(first) == {"OSError", "X"}
    assert handler_names(bare) == {"*"}
    assert ancestors("D", {"D": ["B", "C"], "B": ["A"], "C": ["A"]}) == {"A", "B", "C", "D"}
