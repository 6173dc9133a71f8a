# Relying on dict order (spec §16): warnings only.
import json

tags = {"v1": 1, "v2": 2}
first = list(tags)[0]
oldest = next(iter(tags))
latest = list(tags.keys())[-1]
value = tuple(tags.values())[0]
cfg = json.loads("{}")
print(list(cfg.items())[0], tags.popitem())

# Fine: sorted keys, lists.
print(sorted(tags)[0], list([1, 2])[0], next(iter([1])))
