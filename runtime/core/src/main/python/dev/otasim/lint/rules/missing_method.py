"""missing-method: str, int, file and Response methods the board lacks (spec §3, §13, §16)."""

from dev.otasim.lint import tree as ast

from dev.otasim.lint import data
from dev.otasim.lint.facts import is_text_literal, module_of
from dev.otasim.lint.source import ERROR

ID = "missing-method"


def on_Call(node, file):
    func = node.func
    if not isinstance(func, ast.Attribute) or module_of(func.value, file.facts):
        return
    name = func.attr
    if name not in data.MISSING_METHODS:
        return
    receiver = func.value
    text = is_text_literal(receiver) or (
        isinstance(receiver, ast.Name) and file.facts.is_text(receiver.id)
    )
    # a method of the file's own with that name is not the missing one, unless called on text
    if text or name not in file.facts.methods:
        what, fix = data.MISSING_METHODS[name]
        file.add(
            func,
            ID,
            ERROR,
            "%s() does not exist on MicroPython (AttributeError); %s" % (what, fix),
        )
