"""deflate-window: a decompression window smaller than the data's (spec §14).

The board decodes a stream into a ring of 2**wbits bytes and fails (OSError 22) at the first
back-reference farther back; what GitHub, gzip, tar and CPython's zlib compress reaches back up to
32 KB. DeflateIO(s, RAW) without wbits has a 256-byte window; uzlib.DecompIO(s, -N) and
(s, 16 + N) have 2**N bytes.
"""

from dev.otasim.lint import tree as ast
from dev.otasim.lint.facts import call_target
from dev.otasim.lint.source import WARNING

ID = "deflate-window"

_RAW = 1  # deflate.RAW


def _constant(node):
    """An int constant's value, -N included; else None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _constant(node.operand)
        return None if inner is None else -inner
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    return None


def _is_raw(node, file):
    return _constant(node) == _RAW or call_target(node, file.facts) == ("deflate", "RAW")


def on_Call(node, file):
    target = call_target(node.func, file.facts)
    args = node.args
    if target == ("deflate", "DeflateIO") and len(args) >= 2:
        wbits = _constant(args[2]) if len(args) > 2 else 0
        if wbits == 0 and _is_raw(args[1], file):
            _warn(node, file, "DeflateIO(stream, RAW) without wbits", 8, "DeflateIO(s, RAW, 15)")
        elif wbits is not None and 5 <= wbits < 15:
            _warn(node, file, "DeflateIO(..., %d)" % wbits, wbits, "wbits 15")
    elif target in (("uzlib", "DecompIO"), ("zlib", "DecompIO")) and len(args) >= 2:
        wbits = _constant(args[1])
        if wbits is not None and -15 < wbits < 0:
            _warn(node, file, "DecompIO(stream, %d)" % wbits, -wbits, "DecompIO(s, -15)")
        elif wbits is not None and 16 <= wbits < 31:
            _warn(node, file, "DecompIO(stream, %d)" % wbits, wbits - 16, "DecompIO(s, 31)")


def _warn(node, file, what, bits, fix):
    file.add(
        node,
        ID,
        WARNING,
        "%s decodes in a %d-byte window: data compressed with the usual 32 KB window (gzip, "
        "zlib, GitHub's archives) fails with OSError(22) on the board at the first "
        "back-reference farther back; pass the window it was compressed with, such as %s"
        % (what, 1 << bits, fix),
    )
