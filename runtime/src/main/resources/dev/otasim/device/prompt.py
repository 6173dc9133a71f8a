# The board's REPL prompt (otasim shell). Evaluated in the bootstrap's module once boot.py and
# main.py are done, so it shares the boot's __main__ device globals, dialect and code cache.
# Each complete input is compiled in 'single' mode, as MicroPython's REPL does: the value of an
# expression statement is echoed with the board's repr (py/repl.c, pyexec_friendly_repl).
import sys as _prompt_sys


def _prompt_display(value):
    if value is not None:
        _b.print(_dev_repr(value))


def prompt_eval(source):
    """Runs one REPL input as device code. Returns 'ok', 'exit' (SystemExit) or 'exc'."""
    global _main_globals
    if _main_globals is None:
        _main_globals = device_globals('__main__')
    _prompt_sys.displayhook = _prompt_display
    try:
        code = _dcompile(source, '<stdin>', 'single')
    except SyntaxError as e:
        # A compile error names the line only, no function (py/compile.c compile_syntax_error).
        _prompt_sys.stdout.write('Traceback (most recent call last):\n  File "<stdin>", line %d\n%s: %s\n'
                                 % (e.lineno or 1, type(e).__name__, e.msg))
        return 'exc'
    try:
        exec(code, _main_globals)
        return 'ok'
    except SystemExit:
        return 'exit'
    except BaseException as e:
        if _is_host_failure(e):
            raise
        _prompt_sys.stdout.write(_prompt_traceback(e))
        return 'exc'


def _prompt_traceback(e):
    # As format_exception, but the input itself is a frame: File "<stdin>", line 1, in <module>
    lines = ['Traceback (most recent call last):']
    tb = e.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == '<stdin>' or not code.co_filename.startswith('<'):
            lines.append('  File "%s", line %d, in %s' % (code.co_filename, tb.tb_lineno, code.co_name))
        tb = tb.tb_next
    lines.append(exception_line(e))
    return '\n'.join(lines) + '\n'


prompt_eval
