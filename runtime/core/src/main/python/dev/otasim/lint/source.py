"""One file under lint: its text, its facts, the board it targets, and the findings rules add."""

from dev.otasim.lint import tree as ast

ERROR = "error"  # fails on the board whenever the line runs
WARNING = "warning"  # may differ on the board: the rule cannot see the type

# CPython's ast counts columns in UTF-8 bytes, GraalPy's in characters: ask the parser once.
_BYTE_COLUMNS = ast.parse('"\u00e9";x').body[1].value.col_offset == 5


class Finding:
    """line and col 1-based, col in characters; rule such as 'missing-name'."""

    __slots__ = ("line", "col", "rule", "severity", "message")

    def __init__(self, line, col, rule, severity, message):
        self.line, self.col, self.rule = line, col, rule
        self.severity, self.message = severity, message

    def __repr__(self):
        return "%d:%d: %s[%s] %s" % (self.line, self.col, self.severity, self.rule, self.message)


class Board:
    """The board a file is checked against, from Java's module table (BoardModules).

    firmware: the release series ('1.27'); importable: every name `import` finds without a file;
    imports: name -> (module, 'early' | 'late' | 'frozen'); aliases: other names of a module
    ({'uos': 'os'}); tls_since: the first series whose TLS module is `tls` ('1.23').
    """

    def __init__(self, firmware, importable=(), imports=None, aliases=None, tls_since=""):
        self.firmware = firmware
        self.importable = frozenset(importable)
        self.imports = dict(imports or {})
        self.aliases = dict(aliases or {})
        self.tls_since = tls_since


class File:
    """What a rule sees while the walker is at a node: the file, and where in it the node is."""

    def __init__(self, text, facts, board, local_modules=()):
        self.text = text
        self.lines = text.splitlines()
        self.facts = facts
        self.board = board
        self.local = frozenset(local_modules)
        self.findings = []
        self.guards = []  # names caught by the enclosing try blocks, innermost last
        self.function_depth = 0  # how many defs enclose the node
        self.parent = None  # the node's parent

    def add(self, node, rule, severity, message):
        line = getattr(node, "lineno", 1)
        col = self.column(line, getattr(node, "col_offset", 0))
        # Report characters, 1-based, as compilers do.
        self.findings.append(Finding(line, col + 1, rule, severity, message))

    def column(self, line, offset):
        if _BYTE_COLUMNS and 0 < line <= len(self.lines):
            return len(self.lines[line - 1].encode("utf-8")[:offset].decode("utf-8", "replace"))
        return offset

    def guarded(self, *names):
        """Whether an enclosing try catches one of the names ('*' for a bare except)."""
        return any(n in g for g in self.guards for n in names)

    def segment(self, node):
        """The node's source text, as one line."""
        try:
            first, last = node.lineno, node.end_lineno
            lines = self.lines[first - 1 : last]
            start = self.column(first, node.col_offset)
            end = self.column(last, node.end_col_offset)
        except (AttributeError, TypeError):
            return ""
        if not lines:
            return ""
        if len(lines) == 1:
            return lines[0][start:end]
        middle = [x.strip() for x in lines[1:-1]]
        return " ".join([lines[0][start:]] + middle + [lines[-1][:end].strip()])
