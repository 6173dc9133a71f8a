"""host/bootstrap.py: the board's OSError and the helpers of its import hook (spec §1.1, §20.1)."""

from dev.otasim.host import bootstrap


def test_oserror_prints_like_the_board():
    assert str(bootstrap.OSError(2)) == "[Errno 2] ENOENT"
    assert bootstrap.OSError(2).args == (2,)
    assert bootstrap.OSError(2).errno == 2
    assert not hasattr(bootstrap.OSError(2), "strerror")


def test_paths_join_like_the_board():
    assert bootstrap._join("", "app") == "app"
    assert bootstrap._join("/lib", "app") == "/lib/app"
    assert bootstrap._join("/lib/", "app") == "/lib/app"


def test_compile_errors_use_the_boards_three_messages():
    def error(cls, msg):
        e = cls(msg)
        e.filename = "main.py"
        return bootstrap._compile_error(e)

    assert error(SyntaxError, "expected ':'") == "SyntaxError: invalid syntax"
    assert error(IndentationError, "unexpected indent") == "IndentationError: unexpected indent"
    assert error(IndentationError, "unindent does not match any outer indentation level") == (
        "IndentationError: unindent doesn't match any outer indent level"
    )
    assert bootstrap._compile_error(ValueError("x")) is None
