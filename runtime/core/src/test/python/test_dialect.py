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


def test_a_format_spec_gives_its_width_precision_and_type():
    assert dialect._spec_parts(">10") == (10, -1, "")
    assert dialect._spec_parts("*^+#012,.3f") == (12, 3, "f")
    assert dialect._spec_parts("") == (0, -1, "")
    assert dialect._spec_literal_ok("<2048") and not dialect._spec_literal_ok("<2049")
    # a str's precision only cuts it; a float's is digits written
    assert dialect._spec_literal_ok(".9999999s") and not dialect._spec_literal_ok(".9999999f")
    assert not dialect._spec_literal_ok(">{n}")


def test_a_percent_format_gives_each_conversions_width():
    assert dialect._mod_specs("%5d and %(k)-*.*f %%") == [(5, -2, "d"), (-1, -1, "f"), (0, -2, "%")]
    assert dialect._mod_literal_ok("%5d %.3f %s")
    assert not dialect._mod_literal_ok("%*d")
    assert not dialect._mod_literal_ok("%.99999d")
    assert dialect._mod_literal_ok("%.99999s")


def test_a_modular_power_in_steps_is_the_hosts_result():
    a, b, m = 3**3000 + 1, 5**2000 + 7, 7**1600 + 2
    assert dialect._mpy_powmod(a, b, m) == pow(a, b, m)
    assert dialect._mpy_powmod(a, b, -m) == pow(a, b, -m)
    assert dialect._mpy_powmod(-a, b, m) == pow(-a, b, m)
    assert dialect._mpy_powmod(3, 4) == 81
