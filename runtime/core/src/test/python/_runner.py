"""Runs one test function for HostPythonTest (Java), which makes each a JUnit test."""

import importlib
import sys
import traceback
import types


def tests(module_name):
    """The module's test_* functions, in the order they are defined."""
    module = importlib.import_module(module_name)
    return [
        name
        for name, value in vars(module).items()
        if name.startswith("test_") and isinstance(value, types.FunctionType)
    ]


def run(module_name, name):
    """'' if the test passes, else its traceback and the failing test's local variables."""
    test = getattr(importlib.import_module(module_name), name)
    try:
        test()
    except BaseException as e:  # noqa: B902 - a test's SystemExit is a failure too
        text = "".join(traceback.format_exception(type(e), e, e.__traceback__))
        return text + _locals(e.__traceback__, test.__code__)
    return ""


def _locals(tb, code):
    # the locals of the test function's frame, where the failing assert is
    while tb is not None and tb.tb_frame.f_code is not code:
        tb = tb.tb_next
    if tb is None:
        return ""
    lines = []
    for key, value in tb.tb_frame.f_locals.items():
        text = repr(value)
        if len(text) > 2000:
            text = text[:2000] + "..."
        lines.append("  %s = %s" % (key, text))
    return "locals:\n" + "\n".join(lines) + "\n" if lines else ""


sys.dont_write_bytecode = True
