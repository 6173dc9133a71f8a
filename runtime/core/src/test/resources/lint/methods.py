# Methods and attributes the board's objects lack (spec §3, §13, §16).
import hashlib
import binascii

name = "ota"
print(name.ljust(10), name.rjust(10), "5".zfill(3), name.removeprefix("o"))
print(name.removesuffix("a"), name.casefold(), name.title(), name.isalnum())
print(hashlib.sha256(b"x").hexdigest(), (255).bit_length())


def tagged():
    pass


tagged.version = 2
print(tagged.__qualname__, tagged.__doc__, tagged.__name__)


class A:
    pass


print(A.__mro__)
try:
    open("x")
except OSError as e:
    print(e.strerror, e.filename, e.errno, e.args)
    print(e.__traceback__, e.__cause__)


# Fine: a class of your own with a method named like a missing one; hexlify of a digest.
class Label:
    def title(self):
        return "T"


print(Label().title(), binascii.hexlify(hashlib.sha256(b"x").digest()))
