# Suppressing findings with a comment on the line.
import os

try:
    os.remove("x")
except FileNotFoundError:  # otasim: ignore[missing-name]
    pass
print("abc"[::-1])  # otasim: ignore
print("a".ljust(3), "b"[::-1])  # otasim: ignore[step-slice]
print("a".ljust(3))  # otasim: ignore[missing-name, missing-method]
print("# otasim: ignore", "a".zfill(3))
