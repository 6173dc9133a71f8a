# The board's REPL prompt (otasim shell). Evaluated in the bootstrap's module once boot.py and
# main.py are done, so it shares the boot's __main__ device globals, dialect and code cache.
# Each complete input is compiled in 'single' mode, as MicroPython's REPL does: the value of an
# expression statement is echoed with the board's repr (py/repl.c, pyexec_friendly_repl).
import sys as _prompt_sys


def _prompt_display(value):
    if value is not None:
        _b.print(_dev_repr(value))


def prompt_eval(source, mode='single', report=True):
    """Runs one REPL input as device code. Returns 'ok', 'exit' (SystemExit) or 'exc'.

    mode 'exec' runs a whole file's worth (paste mode, the raw REPL). With report False the
    traceback is not printed but returned after 'exc:', for the raw REPL's error section."""
    global _main_globals
    if _main_globals is None:
        _main_globals = device_globals('__main__')
    _prompt_sys.displayhook = _prompt_display
    try:
        code = _dcompile(source, '<stdin>', mode)
    except SyntaxError as e:
        # A compile error names the line only, no function (py/compile.c compile_syntax_error).
        return _prompt_report('Traceback (most recent call last):\n  File "<stdin>", line %d\n%s: %s\n'
                              % (e.lineno or 1, type(e).__name__, e.msg), report)
    try:
        exec(code, _main_globals)
        return 'ok'
    except SystemExit:
        return 'exit'
    except BaseException as e:
        if _is_host_failure(e):
            raise
        return _prompt_report(_prompt_traceback(e), report)


def _prompt_report(text, report):
    if report:
        _prompt_sys.stdout.write(text)
        return 'exc'
    return 'exc:' + text


def prompt_complete(text):
    """The names that complete the dotted name at the end of text, as the board's tab key sees
    them (py/repl.c): the __main__ globals and builtins, or an object's attributes. Device objects
    only: the names are looked up in the device's globals, through the device's getattr."""
    global _main_globals
    if _main_globals is None:
        _main_globals = device_globals('__main__')
    i = len(text)
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in '_.'):
        i -= 1
    parts = text[i:].split('.')
    if parts[0][:1].isdigit():
        return []
    if len(parts) == 1:
        # __builtins__ is the host's, put there by exec: not a name the board has
        names = set(k for k in _main_globals if k not in ('__mpy__', '__builtins__'))
        names.update(_dialect._BUILTIN_NAMES)
    else:
        if parts[0] not in _main_globals or parts[0] in ('__mpy__', '__builtins__'):
            return []
        obj = _main_globals[parts[0]]
        try:
            for part in parts[1:-1]:
                obj = _dev_getattr(obj, part)
            names = set(n for n in dir(obj) if _dev_hasattr(obj, n))
        except Exception:
            return []
    prefix = parts[-1]
    return sorted(n for n in names if n.startswith(prefix) and (prefix or not n.startswith('_')))


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


(prompt_eval, prompt_complete)
