"""type-params: `type X = ...` and `def f[T]()` are a SyntaxError on the board (spec §16)."""

from dev.otasim.lint.source import ERROR

ID = "type-params"


def on_TypeAlias(node, file):
    file.add(
        node,
        ID,
        ERROR,
        "`type X = ...` is a SyntaxError on MicroPython; assign the alias or drop it",
    )


def _function(node, file):
    if getattr(node, "type_params", None):
        file.add(
            node,
            ID,
            ERROR,
            "type parameters (`[T]`) are a SyntaxError on MicroPython; remove them",
        )


on_FunctionDef = on_AsyncFunctionDef = on_Lambda = _function
