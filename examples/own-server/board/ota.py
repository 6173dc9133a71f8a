# ota.py: a small updater for a server of one's own (a LAN box running `python3 -m http.server`,
# or a static host). The server's folder holds
#   version.json   {"version": "1.1.0", "files": {"blink.py": 81, "util.py": 26}}
#   app/...        the app's files, the names version.json lists, with their sizes
# The board keeps its app in /app with /app/.version. An update is downloaded into /next, checked
# against the sizes, then swapped in by two renames; /old covers a power cut between them.

import os

import requests

APP = "/app"
NEXT = "/next"
OLD = "/old"


def _exists(path):
    try:
        os.stat(path)
        return True
    except OSError:
        return False


def _rmtree(path):
    if not _exists(path):
        return
    if os.stat(path)[0] & 0x4000:
        for name in os.listdir(path):
            _rmtree(path + "/" + name)
        os.rmdir(path)
    else:
        os.remove(path)


def _version(text):
    return tuple(int(p) for p in text.strip().lstrip("v").split("."))


def installed():
    try:
        with open(APP + "/.version") as f:
            return f.read().strip()
    except OSError:
        return "0.0.0"


def recover():
    """Finishes or undoes a swap a power cut interrupted."""
    if _exists(OLD):
        if _exists(APP):
            _rmtree(OLD)
        else:
            os.rename(OLD, APP)
    _rmtree(NEXT)


def _download(url, path, size):
    folder = path[: path.rfind("/")]
    parts = folder.strip("/").split("/")
    for i in range(1, len(parts) + 1):
        p = "/" + "/".join(parts[:i])
        if not _exists(p):
            os.mkdir(p)
    r = requests.get(url)
    try:
        if r.status_code != 200:
            raise OSError("GET %s: %d" % (url, r.status_code))
        written = 0
        with open(path, "wb") as f:
            while True:
                chunk = r.raw.read(512)
                if not chunk:
                    break
                f.write(chunk)
                written += len(chunk)
    finally:
        r.close()
    if written != size:
        raise OSError("%s: %d bytes, version.json says %d" % (url, written, size))


def update(base):
    """Installs the server's version if it is newer; True if the board should reset."""
    recover()
    current = installed()
    r = requests.get(base + "version.json")
    try:
        if r.status_code != 200:
            print("ota: %sversion.json: HTTP %d" % (base, r.status_code))
            return False
        manifest = r.json()
    finally:
        r.close()
    if _version(manifest["version"]) <= _version(current):
        print("ota: %s is up to date" % current)
        return False
    print("ota: %s -> %s" % (current, manifest["version"]))
    os.mkdir(NEXT)
    for name, size in sorted(manifest["files"].items()):
        _download(base + "app/" + name, NEXT + "/" + name, size)
    with open(NEXT + "/.version", "w") as f:
        f.write(manifest["version"])
    if _exists(APP):
        os.rename(APP, OLD)
    os.rename(NEXT, APP)
    _rmtree(OLD)
    report(base, manifest["version"])
    return True


def report(base, version):
    """Tells the server what the board now runs; a server that cannot take it is no failure."""
    try:
        r = requests.post(base + "report", json={"version": version})
        print("ota: report: HTTP %d" % r.status_code)
        r.close()
    except OSError as e:
        print("ota: report failed: %s" % e)
