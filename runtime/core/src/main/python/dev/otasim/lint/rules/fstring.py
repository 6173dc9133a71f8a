"""fstring: f-string features the board lacks or parses differently (spec §16)."""

import ast
import io
import tokenize

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
        tokens = list(tokenize.generate_tokens(io.StringIO(seg).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return
    fstring_start = getattr(tokenize, "FSTRING_START", -1)
    strings = [t for t in tokens if t.type == tokenize.STRING]
    fstrings = [
        t
        for t in tokens
        if t.type == fstring_start or (t.type == tokenize.STRING and "f" in prefix(t.string))
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
