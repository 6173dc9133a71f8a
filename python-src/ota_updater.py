# ota_updater.py: over-the-air updates of the folder main/ from GitHub releases.
#
# The workflow and API of Ronald Dehuysser's 2018 article, so code written for his OTAUpdater can
# switch (DESIGN.md §1):
#   1. the app calls check_for_update_to_install_during_next_reboot(): if the latest release is
#      newer than main/.version, next/.version_on_reboot gets its tag; the app resets;
#   2. on boot, main.py calls download_and_install_update_if_available(ssid, password): only if
#      next/.version_on_reboot exists, it joins Wi-Fi, downloads the release's main/ folder into
#      next/, replaces main/ by next/ and resets, so the download starts on a fresh heap.
# Fixed against the article: versions compare as numbers ('v1.10.0' > 'v1.9.3'), every HTTP status
# is checked, files are streamed in small chunks instead of held in RAM, sizes are verified.
#
# This file is MicroPython for a ~110 KB heap (spec/micropython-esp32.md §16): no os.path, no
# OSError subclasses (errno is e.args[0]), no f-strings, no dict order assumed.

import gc
import os

try:
    import requests
except ImportError:  # firmware before requests was frozen under that name
    import urequests as requests

_DIR = 0x4000  # type field of os.ilistdir() entries for directories (spec §2.2)
_ENOENT = 2
_EEXIST = 17
_CHUNK = 512  # bytes per socket read while downloading


def _exists(path):
    try:
        os.stat(path)
        return True
    except OSError as e:
        if e.args[0] == _ENOENT:
            return False
        raise


def _mkdir(path):
    try:
        os.mkdir(path)
    except OSError as e:
        if e.args[0] != _EEXIST:
            raise


def _makedirs(path):
    so_far = ""
    for part in path.split("/"):
        if part:
            so_far = so_far + "/" + part if so_far or path.startswith("/") else part
            _mkdir(so_far)


def _rmtree(path):
    # Names first, then delete: changing a LittleFS directory while iterating it can skip entries.
    entries = [(e[0], e[1]) for e in os.ilistdir(path)]
    for name, kind in entries:
        child = path + "/" + name
        if kind == _DIR:
            _rmtree(child)
        else:
            os.remove(child)
    os.rmdir(path)


def _read_text(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError as e:
        if e.args[0] == _ENOENT:
            return None
        raise


def _write_text(path, text):
    with open(path, "w") as f:
        f.write(text)


def parse_version(tag):
    """'v1.10.0' -> ([1, 10, 0], ''); '1.2-rc1' -> ([1, 2, 0], 'rc1'). Non-numeric parts count 0."""
    t = tag.strip()
    if t[:1] in ("v", "V"):
        t = t[1:]
    t = t.split("+", 1)[0]  # build metadata does not order
    pre = ""
    if "-" in t:
        t, pre = t.split("-", 1)
    numbers = []
    for part in t.split("."):
        n = 0
        for c in part:
            if c < "0" or c > "9":
                break
            n = n * 10 + ord(c) - 48
        numbers.append(n)
    while len(numbers) < 3:
        numbers.append(0)
    return numbers, pre


def is_newer(tag, than):
    """True if version tag is strictly newer than version than (semantic versioning)."""
    a, a_pre = parse_version(tag)
    b, b_pre = parse_version(than)
    if a != b:
        return a > b
    if a_pre == b_pre:
        return False
    if not a_pre:  # 1.0.0 is newer than 1.0.0-rc1
        return True
    if not b_pre:
        return False
    return a_pre > b_pre


class OTAUpdater:
    user_agent = "micropython-ota-updater"
    timeout = 20  # seconds without data before a socket read fails with OSError(116)
    wifi_timeout_ms = 20000

    def __init__(self, github_repo, main_dir="main", module="", headers=None):
        self.owner, self.repo = self._owner_and_repo(github_repo)
        self.main_dir_name = main_dir.strip("/")
        self.module = module.rstrip("/")
        self.main_dir = self._module_path(self.main_dir_name)
        self.new_dir = self._module_path("next")
        self.headers = {}
        if headers:
            for k in headers:
                self.headers[k] = headers[k]
        self._timeout_ok = True

    @staticmethod
    def _owner_and_repo(github_repo):
        r = github_repo.strip()
        for prefix in ("https://github.com/", "http://github.com/", "github.com/"):
            if r.startswith(prefix):
                r = r[len(prefix):]
        r = r.strip("/")
        if r.endswith(".git"):
            r = r[:-4]
        parts = r.split("/")
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise ValueError("github_repo must be 'owner/name' or 'https://github.com/owner/name', got " + repr(github_repo))
        return parts[0], parts[1]

    def _module_path(self, path):
        if self.module:
            return self.module + "/" + path
        return path

    # -- the article's API ---------------------------------------------------------------------

    def using_network(self, ssid, password):
        import network
        import time

        sta = network.WLAN(network.STA_IF)
        sta.active(True)
        if not sta.isconnected():
            print("OTA: connecting to Wi-Fi %s" % ssid)
            # connect() returns at once; the IP comes later (spec §7).
            sta.connect(ssid, password)
            start = time.ticks_ms()
            while not sta.isconnected():
                if time.ticks_diff(time.ticks_ms(), start) > self.wifi_timeout_ms:
                    status = sta.status()
                    sta.disconnect()  # stop the driver retrying in the background
                    raise OSError(
                        "OTA: Wi-Fi %s not connected after %d s (status %s)"
                        % (ssid, self.wifi_timeout_ms // 1000, status)
                    )
                time.sleep_ms(100)
        print("OTA: Wi-Fi connected, IP %s" % sta.ifconfig()[0])

    def get_version(self, directory):
        version = _read_text(directory + "/.version")
        return version or "0.0"

    def check_for_update_to_install_during_next_reboot(self):
        current = self.get_version(self.main_dir)
        latest = self.get_latest_version()
        if not is_newer(latest, current):
            print("OTA: %s installed, latest release %s; up to date" % (current, latest))
            return False
        print("OTA: %s installed, %s available; will install after reset" % (current, latest))
        _makedirs(self.new_dir)
        _write_text(self.new_dir + "/.version_on_reboot", latest)
        return True

    def download_and_install_update_if_available(self, ssid, password):
        tag = self.pending_version()
        if not tag:
            return False
        print("OTA: installing %s" % tag)
        self.using_network(ssid, password)
        self.download_release(tag)
        self.install(tag)
        print("OTA: installed %s, resetting" % tag)
        import machine

        machine.reset()

    # -- steps, separately callable ------------------------------------------------------------

    def pending_version(self):
        """The tag waiting in next/.version_on_reboot, or None."""
        # An empty file (power cut while writing it) counts as no pending update.
        return _read_text(self.new_dir + "/.version_on_reboot") or None

    def get_latest_version(self):
        url = self._api_url("/releases/latest")
        r = self._get(url)
        try:
            tag = r.json()["tag_name"]
        finally:
            r.close()
        gc.collect()
        return tag

    def download_release(self, tag):
        """Downloads the release's main/ folder into next/, after clearing anything left there."""
        _makedirs(self.new_dir)
        for name, kind in [(e[0], e[1]) for e in os.ilistdir(self.new_dir)]:
            if name != ".version_on_reboot":
                child = self.new_dir + "/" + name
                if kind == _DIR:
                    _rmtree(child)
                else:
                    os.remove(child)
        self._download_dir(self.main_dir_name, tag)

    def install(self, tag):
        """Replaces main/ by next/ and records the installed tag in main/.version."""
        if _exists(self.main_dir):
            _rmtree(self.main_dir)
        os.rename(self.new_dir, self.main_dir)
        os.rename(self.main_dir + "/.version_on_reboot", self.main_dir + "/.version")

    # -- GitHub --------------------------------------------------------------------------------

    def _api_url(self, path):
        return "https://api.github.com/repos/%s/%s%s" % (self.owner, self.repo, path)

    def _get(self, url):
        """GET url; returns the Response if the status is 200, else closes it and raises OSError."""
        headers = {"User-Agent": self.user_agent}
        for k in self.headers:
            headers[k] = self.headers[k]
        gc.collect()
        r = None
        if self._timeout_ok:
            try:
                r = requests.get(url, headers=headers, timeout=self.timeout)
            except TypeError:
                # Old urequests had no timeout argument.
                self._timeout_ok = False
        if r is None:
            r = requests.get(url, headers=headers)
        if r.status_code != 200:
            r.close()
            reason = r.reason  # bytes in requests 0.10.2
            if isinstance(reason, bytes):
                reason = reason.decode()
            raise OSError("OTA: GET %s failed: HTTP %d %s" % (url, r.status_code, reason))
        return r

    def _download_dir(self, repo_path, tag):
        url = self._api_url("/contents/%s?ref=%s" % (repo_path, tag))
        r = self._get(url)
        try:
            listing = r.json()
        finally:
            r.close()
        if not isinstance(listing, list):
            raise OSError("OTA: %s is not a directory in release %s" % (repo_path, tag))
        # Keep only what is needed so the parsed JSON can be collected before downloading.
        entries = [(e["type"], e["path"], e.get("download_url"), e.get("size", 0)) for e in listing]
        listing = None
        gc.collect()
        prefix_len = len(self.main_dir_name) + 1
        for kind, path, download_url, size in entries:
            target = self.new_dir + "/" + path[prefix_len:]
            if kind == "dir":
                _mkdir(target)
                self._download_dir(path, tag)
            elif kind == "file":
                self._download_file(download_url, target, path, size)
            # symlinks and submodules are not part of an app folder; skipped.

    def _download_file(self, url, target, path, size):
        print("OTA: downloading %s (%d B)" % (path, size))
        r = self._get(url)
        written = 0
        try:
            with open(target, "wb") as f:
                while True:
                    chunk = r.raw.read(_CHUNK)
                    if not chunk:
                        break
                    written += f.write(chunk)
        finally:
            r.close()
        if written != size:
            raise OSError("OTA: %s: got %d B, expected %d B" % (path, written, size))
        gc.collect()
