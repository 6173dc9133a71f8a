# The class model (spec §16).
class Meta(type):
    pass


class Base(metaclass=Meta):
    __slots__ = ("a",)

    def __getattribute__(self, name):
        return 1

    def __format__(self, spec):
        return "b"


class Left(Base):
    pass


class Right(Base):
    pass


class Both(Left, Right):
    pass


# Fine: single inheritance, mixins without a shared base of their own, __getattr__.
class Mixin:
    def __getattr__(self, name):
        return None


class Plain(Mixin, Exception):
    pass
