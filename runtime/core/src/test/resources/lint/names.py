# Names the board does not have (spec §1.1, §16).
import os

try:
    os.remove("x")
except FileNotFoundError:
    pass

try:
    f = open("cfg")
except (IOError, PermissionError) as e:
    pass


class Timeout(TimeoutError):
    pass


def recurse(n):
    try:
        return recurse(n + 1)
    except RecursionError:
        return n


try:
    import app
except ModuleNotFoundError:
    app = None

try:
    b"\xff".decode()
except UnicodeDecodeError:
    pass

print(vars(os), format(5, "02x"))

# Fine: OSError and UnicodeError exist; a name of your own; a probe guarded by NameError.
try:
    os.remove("x")
except OSError as e:
    print(e.args[0])
ConnectionError = OSError
print(ConnectionError)
try:
    ModernError = BrokenPipeError
except NameError:
    ModernError = OSError
