"""json-kwargs: the board's json takes separators= only (spec §13)."""

from dev.otasim.lint import data
from dev.otasim.lint.facts import call_target
from dev.otasim.lint.source import ERROR

ID = "json-kwargs"


def on_Call(node, file):
    target = call_target(node.func, file.facts)
    if not target or target[0] != "json" or target[1] not in data.JSON_KW:
        return
    for kw in node.keywords:
        if kw.arg in data.JSON_KW[target[1]]:
            fix = data.JSON_KW_FIX.get(kw.arg, "drop it")
            file.add(
                kw,
                ID,
                ERROR,
                "json.%s(%s=) is rejected on MicroPython (TypeError: extra keyword "
                "arguments given); %s" % (target[1], kw.arg, fix),
            )
