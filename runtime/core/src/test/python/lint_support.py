"""Helpers for the lint tests: the board from Java's module table, findings as short strings."""

import textwrap

import board_table
from dev.otasim.lint import check
from dev.otasim.lint.source import Board


def board(firmware=None):
    """The board lint checks against on a firmware series ('1.22'), the default if None."""
    series = firmware or board_table.DEFAULT
    importable, imports = board_table.FIRMWARES[series]
    return Board(
        series,
        importable.split(","),
        check.import_table(imports),
        check.parse_pairs(board_table.ALIASES),
        board_table.TLS_SINCE,
    )


def lint(text, firmware=None, local=()):
    """The findings for a snippet (dedented)."""
    return check.lint(textwrap.dedent(text), "t.py", board(firmware), local)


def rules(text, firmware=None, local=()):
    """'line:col rule' for each finding."""
    return ["%d:%d %s" % (f.line, f.col, f.rule) for f in lint(text, firmware, local)]


def messages(text, firmware=None):
    """'severity[rule] message' for each finding."""
    return ["%s[%s] %s" % (f.severity, f.rule, f.message) for f in lint(text, firmware)]
