"""Each lint rule: a snippet it flags, at the right place, and a near miss it leaves alone."""

import sys

from lint_support import messages, rules


def test_match_is_a_syntax_error_on_the_board():
    assert rules("match x:\n    case 1:\n        pass\n") == ["1:1 match"]
    assert rules("if x == 1:\n    pass\n") == []


def test_except_star_is_a_syntax_error_on_the_board():
    assert rules("try:\n    f()\nexcept* ValueError:\n    pass\n") == ["1:1 except-star"]
    assert rules("try:\n    f()\nexcept ValueError:\n    pass\n") == []


def test_type_parameters_are_a_syntax_error_on_the_board():
    if sys.version_info < (3, 12):
        return  # the host parser cannot read them either
    assert rules("type Point = tuple\n") == ["1:1 type-params"]
    assert rules("def first[T](xs):\n    return xs[0]\n") == ["1:1 type-params"]
    assert rules("Point = tuple\n") == []


def test_positional_only_parameters_are_a_syntax_error_on_the_board():
    assert rules("def f(a, /, b):\n    pass\n") == ["1:1 posonly-param"]
    assert rules("g = lambda a, /: a\n") == ["1:5 posonly-param"]
    assert rules("def f(a, *, b):\n    pass\n") == []


def test_fstring_features_the_board_lacks():
    assert rules("x = f'{s!a}'\n") == ["1:7 fstring"]
    assert rules("x = f'{f\"{y}\"}'\n") == ["1:8 fstring"]
    assert rules("x = f'{a}' '{b}'\n") == ["1:5 fstring"]
    assert rules("x = f'{s!r}' + '{b}'\n") == []


def test_missing_name_unless_bound_or_guarded():
    assert messages("try:\n    pass\nexcept FileNotFoundError:\n    pass\n") == [
        "error[missing-name] FileNotFoundError does not exist on MicroPython (NameError when"
        " the line runs); catch OSError and test e.args[0] == errno.ENOENT"
    ]
    assert rules("x = ascii(1)\n") == ["1:5 missing-name"]
    assert rules("class IOError(Exception):\n    pass\nraise IOError()\n") == []
    assert rules("try:\n    e = IOError\nexcept NameError:\n    pass\n") == []


def test_future_import():
    assert rules("from __future__ import annotations\n") == ["1:1 future-import"]
    assert rules("import os\n") == []


def test_missing_module_unless_local_or_guarded():
    assert rules("import pathlib\nimport os.path\nfrom typing import List\n") == [
        "1:1 missing-module",
        "2:1 missing-module",
        "3:1 missing-module",
    ]
    assert rules("from os import path\n") == ["1:1 missing-module"]
    assert rules("import logging\n", local=("logging",)) == []
    assert rules("try:\n    import shutil\nexcept ImportError:\n    shutil = None\n") == []
    assert rules("import os\nimport json\nimport requests\n") == []


def test_missing_module_follows_the_firmware():
    assert messages("import ussl\n") == [
        "error[missing-module] ussl does not exist on firmware 1.27 (ImportError since v1.23);"
        " import ssl"
    ]
    assert rules("import ussl\n", firmware="1.22") == []
    assert messages("import tls\n", firmware="1.22") == [
        "error[missing-module] tls does not exist before firmware v1.23 (ImportError on 1.22);"
        " import ssl"
    ]
    assert rules("import tls\n") == []
    assert rules("import zlib\n", firmware="1.20") == []
    assert rules("import zlib\n", firmware="1.21") == ["1:1 missing-module"]


def test_missing_module_u_name_of_a_non_extensible_builtin():
    assert messages("import unetwork\n") == [
        "error[missing-module] no module named 'unetwork' on firmware 1.27 (ImportError): only"
        " extensible built-ins answer to a u-name; import network"
    ]
    assert rules("import uos\nimport utime\n") == []


def test_missing_attr_of_board_modules_and_responses():
    assert rules("import os\nos.makedirs('a')\n") == ["2:1 missing-attr"]
    assert rules("import utime as t\nt.monotonic()\n") == ["2:1 missing-attr"]
    assert rules("from json import JSONDecodeError\n") == ["1:1 missing-attr"]
    assert rules("import sys\nv = sys.version_info.major\n") == ["2:5 missing-attr"]
    assert rules("import requests\nr = requests.get(u)\nr.ok\n") == ["3:1 missing-attr"]
    assert rules("import os\nos.mkdir('a')\nr = object()\nr.ok\n") == []
    assert rules("import os\ntry:\n    os.makedirs('a')\nexcept AttributeError:\n    pass\n") == []


def test_missing_dunder():
    assert rules("n = f.__qualname__\n") == ["1:5 missing-dunder"]
    assert rules("n = f.__name__\n") == []


def test_exception_attr_only_on_caught_exceptions():
    assert rules("try:\n    f()\nexcept OSError as e:\n    print(e.strerror)\n") == [
        "4:11 exception-attr"
    ]
    assert rules("print(p.filename)\n") == []


def test_function_attr_on_a_def_name():
    assert rules("def f():\n    pass\nf.calls = 0\n") == ["3:1 function-attr"]
    assert rules("class C:\n    pass\nC.calls = 0\n") == []


def test_missing_method_unless_the_file_defines_it():
    assert rules("s = 'a'.ljust(3)\n") == ["1:5 missing-method"]
    assert rules("s = x.zfill(3)\n") == ["1:5 missing-method"]
    assert rules("class P:\n    def title(self):\n        pass\np.title()\n") == []
    assert rules("import os\nos.title()\n") == []


def test_builtin_kwargs_of_builtins_and_methods():
    assert messages("n = int('ff', base=16)\n") == [
        "error[builtin-kwargs] int(base=) is rejected on MicroPython (TypeError: function"
        " doesn't take keyword arguments); pass the base positionally: int(x, 16)"
    ]
    assert rules("p = s.split(',', maxsplit=1)\n") == ["1:18 builtin-kwargs"]
    assert rules("n = int('ff', 16)\ndef int(x, base):\n    pass\n") == []
    assert rules("def f(**kw):\n    s.split(**kw)\n") == []


def test_json_kwargs():
    assert rules("import json\njson.dumps(d, indent=2)\n") == ["2:15 json-kwargs"]
    assert rules("import json\njson.dumps(d, separators=(',', ':'))\n") == []


def test_type_union_in_isinstance():
    assert rules("ok = isinstance(x, int | str)\n") == ["1:20 type-union"]
    assert rules("ok = isinstance(x, (int, str))\n") == []


def test_unsupported_calls():
    assert rules("for b in iter(f.read, b''):\n    pass\n") == ["1:10 unsupported-call"]
    assert rules("d = {}\nfor k in reversed(d):\n    pass\n") == ["2:10 unsupported-call"]
    assert rules("def f():\n    return locals()\n") == ["2:12 unsupported-call"]
    assert rules("g = locals()\nfor x in reversed([1, 2]):\n    pass\n") == []


def test_codec_other_than_utf8():
    assert rules("b = s.encode('latin-1')\n") == ["1:14 codec"]
    assert rules("t = str(b, 'utf-8', 'ignore')\n") == ["1:21 codec"]
    assert rules("b = s.encode('utf-8')\nt = str(b, 'utf8')\n") == []


def test_format_field_with_attribute_or_index():
    assert rules("t = '{0.name}'.format(p)\n") == ["1:5 format-field"]
    assert rules("t = '{0[1]}'.format(p)\n") == ["1:5 format-field"]
    assert rules("t = '{0} {name}'.format(1, name=2)\n") == []


def test_dict_order():
    assert rules("d = {}\nk = list(d)[0]\n") == ["2:5 dict-order"]
    assert rules("d = {}\nk = next(iter(d))\n") == ["2:5 dict-order"]
    assert rules("k = d.popitem()\n") == ["1:5 dict-order"]
    assert rules("d = {}\nks = sorted(d)[0]\nv = list(d)\n") == []


def test_step_slice():
    assert messages("r = 'abc'[::-1]\n") == [
        "error[step-slice] 'abc'[::-1]: a slice with a step raises NotImplementedError on str,"
        " bytes, bytearray and tuple on MicroPython; for a str use ''.join(reversed(s)) or a loop"
    ]
    assert rules("r = s[::2]\n") == ["1:5 step-slice"]
    assert rules("xs[::2] = [0, 0]\n") == ["1:1 step-slice"]
    assert rules("r = [1, 2][::-1]\nr = s[1:2]\nr = s[::1]\n") == []


def test_header_case_on_a_response():
    assert rules("import requests\nr = requests.get(u)\nn = r.headers['content-length']\n") == [
        "3:5 header-case"
    ]
    assert rules("import requests\nr = requests.get(u)\nn = r.headers.get('etag')\n") == [
        "3:5 header-case"
    ]
    assert rules("h = {}\nn = h['content-length']\n") == []


def test_raise_from():
    assert rules("raise ValueError('x') from e\n") == ["1:1 raise-from"]
    assert rules("raise ValueError('x')\n") == []


def test_no_context_manager():
    assert rules("import socket\nwith socket.socket() as s:\n    pass\n") == [
        "2:6 no-context-manager"
    ]
    assert rules("import requests\nwith requests.get(u) as r:\n    pass\n") == [
        "2:6 no-context-manager"
    ]
    assert rules("with open('f') as f:\n    pass\n") == []


def test_class_features():
    assert rules("class C(metaclass=M):\n    pass\n") == ["1:9 class-feature"]
    assert rules("class C:\n    __slots__ = ('a',)\n") == ["2:5 class-feature"]
    assert rules("class C:\n    def __format__(self, spec):\n        pass\n") == [
        "2:5 class-feature"
    ]
    diamond = "class A:\n    pass\nclass B(A):\n    pass\nclass C(A):\n    pass\n"
    diamond += "class D(B, C):\n    pass\n"
    assert rules(diamond) == ["7:1 class-feature"]
    assert rules("class A:\n    pass\nclass B(A):\n    pass\n") == []


def test_dict_view_set_operations():
    assert rules("both = a.keys() & b.keys()\n") == ["1:8 dict-view"]
    assert rules("both = set(a.keys()) & set(b.keys())\n") == []


def test_float32_literals():
    assert rules("big = 1e39\n") == ["1:7 float32"]
    assert rules("t = 1700000000.123\n") == ["1:5 float32"]
    assert rules("x = 0.5\ny = 3.25\nz = 1e38\n") == []


def test_deflate_window_smaller_than_the_data():
    assert messages("import deflate\nd = deflate.DeflateIO(s, deflate.RAW)\n") == [
        "warning[deflate-window] DeflateIO(stream, RAW) without wbits decodes in a 256-byte"
        " window: data compressed with the usual 32 KB window (gzip, zlib, GitHub's archives)"
        " fails with OSError(22) on the board at the first back-reference farther back; pass the"
        " window it was compressed with, such as DeflateIO(s, RAW, 15)"
    ]
    assert rules("from deflate import DeflateIO, RAW\nd = DeflateIO(s, RAW, 0)\n") == [
        "2:5 deflate-window"
    ]
    assert rules("import deflate\nd = deflate.DeflateIO(s, deflate.GZIP, 9)\n") == [
        "2:5 deflate-window"
    ]
    uzlib = "import uzlib\nd = uzlib.DecompIO(s, -8)\ng = uzlib.DecompIO(s, 24)\n"
    assert rules(uzlib, "1.20") == ["2:5 deflate-window", "3:5 deflate-window"]
    assert rules("import deflate\nd = deflate.DeflateIO(s, deflate.RAW, 15)\n") == []
    assert rules("import deflate\nd = deflate.DeflateIO(s)\n") == []
    assert rules("import deflate\nd = deflate.DeflateIO(s, deflate.AUTO)\n") == []
    uzlib = "import uzlib\nd = uzlib.DecompIO(s, 31)\ne = uzlib.DecompIO(s, -15)\n"
    assert rules(uzlib, "1.20") == []
