# Names the board does not have are NameError when evaluated (spec §1.1, §16)
import os
try:
    os.remove('missing')
except OSError as e:
    print('OSError', e.errno, e)
for name in ('FileNotFoundError', 'IOError', 'ModuleNotFoundError', 'RecursionError',
             'UnicodeDecodeError', 'TimeoutError', 'ConnectionResetError', 'vars', 'format'):
    try:
        eval(name)
    except NameError as e:
        print(e)
try:
    try:
        open('/missing.json')
    except FileNotFoundError:
        print('not reached')
except NameError as e:
    print('except clause:', e)


class TimeoutError(Exception):
    pass


print('own class ok', TimeoutError('t'))
try:
    undefined_thing
except NameError as e:
    print(e)
try:
    print('x', flush=True)
except TypeError as e:
    print('TypeError', e)
for attr in ('ljust', 'zfill', 'removeprefix', 'title', 'center', 'split'):
    print(attr, hasattr('s', attr))
try:
    'abc'.ljust(5)
except AttributeError as e:
    print(e)
try:
    (5).bit_length()
except AttributeError as e:
    print(e)
try:
    'abc'[::-1]
except NotImplementedError as e:
    print('NotImplementedError', e)
print([1, 2, 3][::-1])
try:
    {}['k']
except KeyError as e:
    print('KeyError', e, repr(e))
try:
    1 / 0
except ZeroDivisionError as e:
    print(e)
try:
    int('x')
except ValueError as e:
    print(e)
try:
    1 + 'a'
except TypeError as e:
    print(e)
try:
    import builtins
    print('builtins', 'FileNotFoundError' in dir(builtins), 'OSError' in dir(builtins))
except ImportError as e:
    print(e)
