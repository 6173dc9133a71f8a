# Slices with a step (spec §16).
data = [1, 2, 3]
text = "abc"
print(text[::-1], data[::2], "abc"[::-1], b"abc"[::2], (1, 2)[::-1])
print(str(data)[::-1], text.upper()[::2], bytearray(b"ab")[::-1])
del data[::2]
data[::2] = [0]

# Fine: no step, or a step of 1.
print(text[1:], data[:2], text[::1], text[0:2:None], [1, 2][::-1], list(text)[::-1])
