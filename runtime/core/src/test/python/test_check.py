"""check.py: the entry Java calls, suppressions, files the board cannot compile."""

import board_table
from dev.otasim.lint import check
from lint_support import lint, messages, rules


def test_check_prints_one_tab_separated_line_per_finding():
    check.configure(board_table.ALIASES, board_table.TLS_SINCE)
    importable, imports = board_table.FIRMWARES[board_table.DEFAULT]
    out = check.check("import utime\nx = s[::-1]\n", "m.py", "1.27", importable, "", imports)
    assert out == (
        "2\t5\tstep-slice\twarning\ts[::-1]: a slice with a step raises NotImplementedError on"
        " MicroPython unless the object is a list (str, bytes, bytearray and tuple fail);"
        " convert with list() first"
    )
    assert check.check("x = 1\n", "m.py", "1.27", importable, "", imports) == ""


def test_findings_are_sorted_and_deduplicated():
    found = lint("x = s[::2]\nimport typing\nimport typing\n")
    assert [(f.line, f.rule) for f in found] == [
        (1, "step-slice"),
        (2, "missing-module"),
        (3, "missing-module"),
    ]


def test_suppression_comments_silence_one_rule_or_all():
    assert rules("import typing  # otasim: ignore[missing-module]\n") == []
    assert rules("import typing  # otasim: ignore\n") == []
    assert rules("import typing  # otasim: ignore[step-slice]\n") == ["1:1 missing-module"]
    assert check.suppressions("a  # otasim: ignore[x, y]\nb\n") == {1: {"x", "y"}}


def test_a_file_the_board_cannot_compile_is_one_syntax_finding():
    assert messages("if x\n    pass\n") == [
        "error[syntax] SyntaxError: invalid syntax (GraalPy: expected ':'); the board will not"
        " run this file"
    ]
    assert rules("x = 1\n  y = 2\n") == ["2:3 syntax"]
    assert messages("x = 1\n  y = 2\n") == [
        "error[syntax] IndentationError: unexpected indent; the board will not run this file"
    ]


def test_tables_from_java_parse():
    assert check.parse_pairs("uos=os,utime=time") == {"uos": "os", "utime": "time"}
    assert check.parse_pairs("") == {}
    assert check.import_table("os=os@late,uos=os@early,bad") == {
        "os": ("os", "late"),
        "uos": ("os", "early"),
    }


def test_the_missing_modules_are_missing_on_every_firmware():
    # data.py lists CPython modules with their replacement; none may be a module of the board,
    # but for zlib: uzlib's weak link up to v1.20, where the rule finds it on the board
    from dev.otasim.lint import data

    for series, (importable, _) in board_table.FIRMWARES.items():
        on_board = set(importable.split(","))
        old = {"zlib"} if series == "1.20" else set()
        assert not {m for m in data.MISSING_MODULES if "." not in m} & on_board - old, series
