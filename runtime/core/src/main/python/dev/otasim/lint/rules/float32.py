"""float32: float literals the ESP32's single-precision floats cannot hold (spec §16)."""

from dev.otasim.lint.source import WARNING

ID = "float32"

_FLOAT32_MAX = 3.4028234663852886e38


def on_Constant(node, file):
    v = node.value
    if not isinstance(v, float) or v != v or v in (float("inf"), float("-inf")):
        return
    if abs(v) > _FLOAT32_MAX:
        file.add(
            node,
            ID,
            WARNING,
            "%s overflows the single-precision floats of the ESP32 (it becomes "
            "inf); keep large numbers in ints" % file.segment(node),
        )
    elif v != 0 and float("%.7g" % v) != v:
        file.add(
            node,
            ID,
            WARNING,
            "%s has more digits than the single-precision floats of the ESP32 keep "
            "(about 7); keep byte counts and timestamps in ints" % file.segment(node),
        )
