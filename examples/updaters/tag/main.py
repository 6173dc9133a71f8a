# main.py: a tag resolver (ours, for otasim's tests). It installs the tag named in "wanted" by
# walking the git database: git/ref/tags/T, the annotated tag object (git/tags/SHA) when the ref
# points at one, the commit, its tree, and each blob under app/ in base64.
import binascii
import os
import time

import machine
import network
import requests

API = "https://api.github.com/repos/me/clock"
HEADERS = {"User-Agent": "otasim-tag-resolver"}


def connect():
    wlan = network.WLAN(network.STA_IF)
    wlan.active(True)
    if not wlan.isconnected():
        wlan.connect("home", "secret")
        while not wlan.isconnected():
            time.sleep_ms(100)


def api(path):
    r = requests.get(API + path, headers=HEADERS)
    if r.status_code != 200:
        r.close()
        raise OSError("HTTP %d for %s" % (r.status_code, path))
    data = r.json()
    r.close()
    return data


def read(name):
    try:
        with open(name) as f:
            return f.read().strip()
    except OSError:
        return ""


def update():
    wanted = read("wanted")
    if wanted == read("app/version"):
        return False
    connect()
    target = api("/git/ref/tags/" + wanted)["object"]
    if target["type"] == "tag":
        tag = api("/git/tags/" + target["sha"])
        print("tag: %s: %s" % (wanted, tag["message"].strip()))
        target = tag["object"]
    tree = api("/git/commits/" + target["sha"])["tree"]["sha"]
    entries = api("/git/trees/%s?recursive=1" % tree)["tree"]
    try:
        os.mkdir("next")
    except OSError:
        pass
    for entry in entries:
        if entry["type"] == "blob" and entry["path"].startswith("app/"):
            blob = api("/git/blobs/" + entry["sha"])
            with open("next/" + entry["path"][4:], "wb") as f:
                f.write(binascii.a2b_base64(blob["content"]))
    with open("next/version", "w") as f:
        f.write(wanted)
    for name in os.listdir("app"):
        os.remove("app/" + name)
    os.rmdir("app")
    os.rename("next", "app")
    print("tag: installed " + wanted)
    return True


if update():
    machine.reset()
import sys  # noqa: E402

sys.path.append("app")
import clock  # noqa: E402,F401
