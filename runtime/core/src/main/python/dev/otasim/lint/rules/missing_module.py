"""missing-module: imports that fail on the board's firmware (spec §14, §20, §20.1).

Which modules the firmware has comes from the board's module table (file.board); what CPython
modules to use instead comes from data.MISSING_MODULES.
"""

from dev.otasim.lint import data
from dev.otasim.lint.source import ERROR

ID = "missing-module"


def on_Import(node, file):
    for alias in node.names:
        check(node, alias.name, file)


def on_ImportFrom(node, file):
    if node.level or not node.module:
        return
    check(node, node.module, file)
    if node.module.split(".")[0] in file.local:
        return
    if file.facts.plain(node.module) == "os":
        for alias in node.names:
            if alias.name == "path":
                check(node, "os.path", file)


def check(node, module, file):
    """Reports `import module` at node if the board cannot import it."""
    if module == "__future__":
        return  # future-import
    top = module.split(".")[0]
    if top in file.local or file.guarded("ImportError", "ModuleNotFoundError", "*"):
        return
    board = file.board
    if top == "ussl" and top not in board.importable:
        file.add(
            node,
            ID,
            ERROR,
            "ussl does not exist on firmware %s (ImportError since v%s); import ssl"
            % (board.firmware, board.tls_since),
        )
        return
    if top == "tls" and top not in board.importable:
        file.add(
            node,
            ID,
            ERROR,
            "tls does not exist before firmware v%s (ImportError on %s); import ssl"
            % (board.tls_since, board.firmware),
        )
        return
    imports = board.imports
    if imports and top.startswith("u") and top not in imports and top[1:] in imports:
        # only extensible built-ins answer to a u-name (py/objmodule.c; spec §20.1)
        file.add(
            node,
            ID,
            ERROR,
            "no module named '%s' on firmware %s (ImportError): only extensible "
            "built-ins answer to a u-name; import %s" % (top, board.firmware, top[1:]),
        )
        return
    for candidate in (module, top):
        # zlib is uzlib's weak link up to v1.20: the board's own modules are never missing
        if candidate in data.MISSING_MODULES and candidate not in board.importable:
            file.add(
                node,
                ID,
                ERROR,
                "the ESP32 firmware has no module '%s' (ImportError); %s"
                % (candidate, data.MISSING_MODULES[candidate]),
            )
            return
