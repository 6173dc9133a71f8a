"""step-slice: s[::-1] raises NotImplementedError on the board unless s is a list (spec §16)."""

from dev.otasim.lint import tree as ast

from dev.otasim.lint.facts import is_list, is_sequence_text
from dev.otasim.lint.source import ERROR, WARNING

ID = "step-slice"


def on_Subscript(node, file):
    s = node.slice
    if not isinstance(s, ast.Slice) or s.step is None:
        return
    if isinstance(s.step, ast.Constant) and s.step.value in (None, 1):
        return
    seg = file.segment(node)
    if not isinstance(node.ctx, ast.Load):
        file.add(
            node,
            ID,
            ERROR,
            "%s: assigning or deleting a slice with a step fails on MicroPython, "
            "even on lists; loop over the indices" % seg,
        )
    elif is_list(node.value, file.facts):
        pass
    elif is_sequence_text(node.value, file.facts):
        file.add(
            node,
            ID,
            ERROR,
            "%s: a slice with a step raises NotImplementedError on str, bytes, "
            "bytearray and tuple on MicroPython; for a str use ''.join(reversed(s)) "
            "or a loop" % seg,
        )
    else:
        file.add(
            node,
            ID,
            WARNING,
            "%s: a slice with a step raises NotImplementedError on MicroPython "
            "unless the object is a list (str, bytes, bytearray and tuple fail); "
            "convert with list() first" % seg,
        )
