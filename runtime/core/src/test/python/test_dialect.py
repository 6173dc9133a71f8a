"""host/dialect.py: MicroPython's dialect over GraalPy, its pure helpers (spec §16)."""

from dev.otasim.host import dialect


def raises(exception, f, *args):
    try:
        f(*args)
    except exception as e:
        return e
    raise AssertionError("%s did not raise %s" % (f.__name__, exception.__name__))


def test_bytes_plus_str_works_as_on_the_board():
    assert dialect._mpy_add(b"a", "b") == b"ab"
    assert dialect._mpy_add(bytearray(b"a"), "b") == bytearray(b"ab")
    assert dialect._mpy_add(1, 2) == 3
    raises(TypeError, dialect._mpy_add, "a", b"b")


def test_bytes_percent_formatting_takes_str():
    assert dialect._mpy_mod(b"%s=%d", ("k", 1)) == b"k=1"
    assert type(dialect._mpy_mod(bytearray(b"%s"), "x")) is bytearray
    assert dialect._mpy_mod("%s", "x") == "x"


def test_str_in_bytes():
    assert dialect._mpy_in("b", b"abc")
    assert dialect._mpy_notin("z", b"abc")
    assert dialect._mpy_in(1, [1])


def test_a_step_slice_fails_on_text_and_tuples_only():
    assert dialect._mpy_slice([1, 2, 3], slice(None, None, -1)) == [3, 2, 1]
    assert dialect._mpy_slice("abc", slice(1, None, None)) == "bc"
    e = raises(NotImplementedError, dialect._mpy_slice, "abc", slice(None, None, -1))
    assert e.args == ("only slices with step=1 (aka None) are supported",)
    raises(NotImplementedError, dialect._mpy_slice, (1, 2), slice(None, None, 2))


def test_names_the_board_lacks_are_found_unless_bound():
    assert dialect._missing_in("except FileNotFoundError:\n    pass\n") == {"FileNotFoundError"}
    assert dialect._missing_in("class IOError(Exception):\n    pass\n") == set()
    assert dialect._missing_in("MyIOError = 1\n") == set()
    assert dialect._bound("x", "x = 1") and not dialect._bound("x", "x == 1")


def test_the_dialect_and_lint_agree_on_the_names_the_board_lacks():
    from dev.otasim.lint import data

    # the dialect also hides GraalPy's own builtin, which lint never sees in board code
    hidden = dialect.MISSING_NAMES - {"__graalpython__"}
    assert hidden == set(data.MISSING_NAMES) | set(data.OSERROR_SUBCLASSES)


def test_device_compile_routes_bytes_plus_str_through_the_dialect():
    code = dialect.device_compile("r = b'a' + s\n", "t.py")
    scope = {"s": "b"}
    exec(code, scope)
    assert scope["r"] == b"ab"
