# Syntax GraalPy parses but the board rejects (spec §16).
def clamp(value, /, low, high):
    return max(low, min(value, high))


def dispatch(command):
    match command:
        case "update":
            return 1
        case _:
            return 0


try:
    dispatch("x")
except* ValueError:
    pass

lambda a, /: a

# Fine: walrus, keyword-only parameters, annotations.
if (n := len("abc")) > 2:
    pass


def f(a, *, b: int = 1) -> int:
    return a + b
