"""The tokens of a source text, from the tokenizer the parser uses (`_tokenize`).

What `tokenize.generate_tokens` yields, without importing `tokenize` (it imports `re`,
`collections`, `functools` and `itertools`: most of the start-up of a lint without the daemon,
issue 20). A token has `type`, `string`, `start` and `end`; the types are `token`'s constants.
"""

import io
import token

import _tokenize
from token import COMMENT, DEDENT, INDENT, NEWLINE, NL, OP, STRING  # noqa: F401

# FSTRING_START exists from Python 3.12 on
FSTRING_START = getattr(token, "FSTRING_START", -1)


class Token:
    __slots__ = ("type", "string", "start", "end")

    def __init__(self, type, string, start, end):
        self.type = type
        self.string = string
        self.start = start
        self.end = end


def tokens(text):
    """Every token of `text`, as tokenize.generate_tokens gives them.

    Raises SyntaxError (an IndentationError too) where the tokenizer stops.
    """
    readline = io.StringIO(text).readline
    for info in _tokenize.TokenizerIter(readline, extra_tokens=True):
        yield Token(info[0], info[1], info[2], info[3])
