"""posonly-param: positional-only parameters (`/`) are a SyntaxError on the board (spec §16)."""

from dev.otasim.lint.source import ERROR

ID = "posonly-param"


def _function(node, file):
    if node.args.posonlyargs:
        file.add(
            node,
            ID,
            ERROR,
            "positional-only parameters (`/`) are a SyntaxError on MicroPython; remove the `/`",
        )


on_FunctionDef = on_AsyncFunctionDef = on_Lambda = _function
