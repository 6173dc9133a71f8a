# f-strings (spec §16).
x = 1
print(f"{f'{x}'}")
print(f"{x!a}")
print(f"{x}" "{x}")

# Fine: conversions, format specs, nested specs, self-documenting `=`.
print(f"{x!r} {x:>4} {x:{3}} {x=}", f"{x}" "plain")
