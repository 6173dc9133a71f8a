"""fstring: f-string features the board lacks or parses differently (spec §16)."""

from dev.otasim.lint import tokens
from dev.otasim.lint import tree as ast
from dev.otasim.lint.source import ERROR, WARNING

ID = "fstring"


def on_JoinedStr(node, file):
    for part in node.values:
        if not isinstance(part, ast.FormattedValue):
            continue
        if part.conversion == ord("a"):
            file.add(
                part,
                ID,
                ERROR,
                "f-string conversion `!a` is not supported on MicroPython; use `!r`",
            )
        for inner in ast.walk(part.value):
            if isinstance(inner, ast.JoinedStr):
                file.add(
                    inner,
                    ID,
                    ERROR,
                    "an f-string nested inside an f-string fails on MicroPython "
                    "(TypeError: 'str' object isn't callable); build the inner text first",
                )
                break
    _concatenated(node, file)


def _concatenated(node, file):
    # 'f"{a}" "{b}"': the board formats the plain string's braces too
    seg = file.segment(node)
    if not seg:
        return
    try:
        found = list(tokens.tokens(seg))
    except SyntaxError:  # an IndentationError too
        return
    strings = [t for t in found if t.type == tokens.STRING]
    fstrings = [
        t
        for t in found
        if t.type == tokens.FSTRING_START or (t.type == tokens.STRING and "f" in prefix(t.string))
    ]
    plain_braces = [
        t for t in strings if "f" not in prefix(t.string) and ("{" in t.string or "}" in t.string)
    ]
    if fstrings and plain_braces:
        file.add(
            node,
            ID,
            WARNING,
            "a plain string with braces next to an f-string is formatted as part of "
            "the f-string on MicroPython; join them with + instead",
        )


def prefix(token_text):
    """A string token's prefix, lower-cased: 'rb' for rB'...'."""
    i = 0
    while i < len(token_text) and token_text[i] not in "'\"":
        i += 1
    return token_text[:i].lower()
