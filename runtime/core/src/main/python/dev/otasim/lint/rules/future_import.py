"""future-import: the board has no __future__ module (spec §14)."""

from dev.otasim.lint.source import ERROR

ID = "future-import"


def on_Import(node, file):
    for alias in node.names:
        _check(node, alias.name, file)


def on_ImportFrom(node, file):
    if node.module and not node.level:
        _check(node, node.module, file)


def _check(node, module, file):
    if module == "__future__":
        file.add(
            node,
            ID,
            ERROR,
            "MicroPython has no __future__ module (ImportError); remove the import: "
            "annotations are never evaluated on the board",
        )
