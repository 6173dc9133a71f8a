# ota_updater.py: over-the-air updates of the folder main/ from GitHub releases.
#
# The workflow, API, folders and files of Ronald Dehuysser's 2018 article, so code written for his
# OTAUpdater can switch (DESIGN.md §1):
#   1. the app calls check_for_update_to_install_during_next_reboot(): if the latest release is
#      newer than main/.version, next/.version_on_reboot gets its tag; the app resets;
#   2. on boot, main.py calls download_and_install_update_if_available(ssid, password): only if
#      next/.version_on_reboot exists does it join Wi-Fi; it downloads the release's main/ folder
#      into next/, swaps next/ in for main/, renames .version_on_reboot to .version and resets.
#
# What it fixes, and where (docs/reference-updater.md has the table):
#   - versions compare as semantic versions (is_newer);
#   - its own small HTTP/1.0 client (_exchange): every status checked, redirects followed with the
#     token sent to GitHub's hosts only, timeouts, bounded retries with backoff, the rate limit
#     respected (_get);
#   - files streamed through one 1 KiB buffer and checked against the git blob SHA-1 of the
#     contents API (_save): RAM for a download does not grow with the file;
#   - a free-space check before downloading (_check_space);
#   - an install that survives a power cut at any instant, and a rollback of a new version that
#     does not confirm itself (_recover, _swap, confirm, rollback); the state machine is in
#     docs/reference-updater.md;
#   - preserved files (secrets, config) carried into the new version.
#
# MicroPython for a ~110 KB heap (spec/micropython-esp32.md §16): no os.path, no OSError subclasses
# (errno is e.args[0]), no f-strings, no dict order assumed, hashlib without hexdigest.

import gc
import os
import time

_DIR = 0x4000  # type field of os.ilistdir() entries for directories (spec §2.2)
_ENOENT = 2
_EEXIST = 17
_CHUNK = 1024  # the one download buffer: the bound on RAM a download needs besides the socket
_MAX_REDIRECTS = 5
_UNIX_2000 = 946684800  # seconds from 1970 to 2000, the ESP32's epoch (spec §12)
# The token goes to these hosts only: a redirect elsewhere (a release asset's signed storage URL,
# a mirror) gets no Authorization header.
_GITHUB_HOSTS = ("api.github.com", "github.com", "raw.githubusercontent.com", "codeload.github.com")
# Response headers kept; the rest are dropped as they arrive, to keep RAM low.
_KEEP = ("content-length", "location", "x-ratelimit-remaining", "x-ratelimit-reset", "date",
         "retry-after", "transfer-encoding")
_MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec"


class OTAError(Exception):
    """An update failed. args: (message,) or (message, True) when a later attempt may succeed."""


def _transient(e):
    if isinstance(e, OTAError):
        return len(e.args) > 1 and e.args[1]
    return True  # OSError (network, timeouts), MemoryError, ...: worth another boot


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
    so_far = "/" if path.startswith("/") else ""
    for part in path.split("/"):
        if part:
            so_far = so_far + part
            _mkdir(so_far)
            so_far = so_far + "/"


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
    except UnicodeError:
        # Not UTF-8: the file holds garbage (worn flash, a stray write). Treat it as missing, so a
        # broken .version means "unknown version" and the latest release gets installed.
        print("OTA: %s is unreadable; ignoring it" % path)
        return None


def _write_text(path, text):
    # One write and a close: LittleFS commits the content at close, so after a power cut the file
    # holds all of it, its old content, or (if it was new) nothing (spec §4).
    with open(path, "w") as f:
        f.write(text)


def _copy(src, dst, buf):
    mv = memoryview(buf)
    with open(src, "rb") as fin:
        with open(dst, "wb") as fout:
            while True:
                n = fin.readinto(buf)
                if not n:
                    break
                fout.write(mv[:n])


def _kb(n):
    return "%d KB" % ((n + 1023) // 1024)


# -- versions ------------------------------------------------------------------------------------


def parse_version(tag):
    """'v1.10.0' -> ([1, 10, 0], ['']); '1.2.0-rc.1+b5' -> ([1, 2, 0], ['rc', '1'])."""
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
    return numbers, pre.split(".") if pre else []


def _cmp_identifier(a, b):
    # Semantic versioning §11: numeric identifiers compare as numbers and sort before alphanumeric
    # ones, which compare as ASCII text.
    a_num = a.isdigit()
    b_num = b.isdigit()
    if a_num and b_num:
        return int(a) - int(b)
    if a_num != b_num:
        return -1 if a_num else 1
    return (a > b) - (a < b)


def compare_versions(a, b):
    """<0, 0 or >0 as version tag a is older than, equal to or newer than b."""
    a_num, a_pre = parse_version(a)
    b_num, b_pre = parse_version(b)
    if a_num != b_num:
        return 1 if a_num > b_num else -1
    if not a_pre or not b_pre:  # a release is newer than its prereleases (1.0.0 > 1.0.0-rc.1)
        return len(b_pre) - len(a_pre)
    for i in range(min(len(a_pre), len(b_pre))):
        c = _cmp_identifier(a_pre[i], b_pre[i])
        if c:
            return c
    return len(a_pre) - len(b_pre)


def is_newer(tag, than):
    """True if version tag is strictly newer than version than (semantic versioning)."""
    return compare_versions(tag, than) > 0


def _http_date(text):
    # 'Thu, 01 Jan 2026 00:00:00 GMT' -> Unix seconds, or None. time.mktime counts from 2000.
    try:
        p = text.split()
        hms = p[4].split(":")
        month = _MONTHS.index(p[2]) // 3 + 1
        t = (int(p[3]), month, int(p[1]), int(hms[0]), int(hms[1]), int(hms[2]), 0, 0)
        return time.mktime(t) + _UNIX_2000
    except (ValueError, IndexError):
        return None


class OTAUpdater:
    user_agent = "otasim-ota-updater"
    timeout = 10  # seconds a connect or read may wait for data before OSError(116)
    attempts = 3  # tries of one request before giving up; waits 2 s, then 4 s between them
    wifi_timeout_ms = 20000
    max_trial_boots = 3  # boots a new version gets to call confirm() before it is rolled back

    def __init__(self, github_repo, main_dir="main", module="", headers=None,
                 source_dir="", secrets_file="secrets.json", preserve=()):
        self.owner, self.repo = self._owner_and_repo(github_repo)
        self.main_dir_name = main_dir.strip("/")
        self.module = module.rstrip("/")
        self.main_dir = self._module_path(self.main_dir_name)
        self.new_dir = self._module_path("next")
        self.prev_dir = self._module_path("prev")
        self.trash_dir = self._module_path(".ota_trash")
        # Where main/ lives in the repository: main/ itself, or a folder below it (monorepo).
        source_dir = source_dir.strip("/")
        self.repo_dir = source_dir + "/" + self.main_dir_name if source_dir else self.main_dir_name
        self.headers = {}
        if headers:
            for k in headers:
                self.headers[k] = headers[k]
        # Files of main/ the board keeps across updates (paths relative to main/).
        self.secrets_file = secrets_file
        self.preserve = [secrets_file] if secrets_file else []
        for p in preserve:
            p = p.strip("/")
            if p not in self.preserve:
                self.preserve.append(p)
        self._token = None
        self._buf = None
        self._api_blocked_until = None  # ticks_ms until which GitHub's rate limit is exhausted

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
            raise ValueError("github_repo must be 'owner/name' or 'https://github.com/owner/name',"
                             " got " + repr(github_repo))
        return parts[0], parts[1]

    def _module_path(self, path):
        if self.module:
            return self.module + "/" + path
        return path

    def _buffer(self):
        if self._buf is None:
            self._buf = bytearray(_CHUNK)
        return self._buf

    # -- the article's API -----------------------------------------------------------------------

    def using_network(self, ssid, password):
        import network

        sta = network.WLAN(network.STA_IF)
        sta.active(True)
        if not sta.isconnected():
            print("OTA: connecting to Wi-Fi %s" % ssid)
            # connect() returns at once; the IP comes later (spec §7).
            sta.connect(ssid, password)
            start = time.ticks_ms()
            while not sta.isconnected():
                status = sta.status()
                if status in (201, 202, 203, 204) or time.ticks_diff(
                        time.ticks_ms(), start) > self.wifi_timeout_ms:
                    sta.disconnect()  # stop the driver retrying in the background
                    raise OTAError("Wi-Fi %s: %s" % (ssid, self._wifi_problem(status)), True)
                time.sleep_ms(100)
        print("OTA: Wi-Fi connected, IP %s" % sta.ifconfig()[0])

    def _wifi_problem(self, status):
        if status == 202:
            return "wrong password (status 202)"
        if status == 201:
            return "no access point with that name in range (status 201)"
        if status in (203, 204):
            return "the access point refused the connection (status %d)" % status
        return "no IP address after %d s (status %d)" % (self.wifi_timeout_ms // 1000, status)

    def get_version(self, directory, version_file_name=".version"):
        version = _read_text(directory + "/" + version_file_name)
        return version or "0.0"

    def check_for_update_to_install_during_next_reboot(self):
        """Schedules the latest release if it is newer; True if the caller should reset now."""
        current = self.get_version(self.main_dir)
        if self.on_trial():
            print("OTA: %s is not confirmed yet; no update check until it is" % current)
            return False
        latest = self.get_latest_version()
        if latest is None:
            return False
        if not is_newer(latest, current):
            print("OTA: %s installed, latest release %s; up to date" % (current, latest))
            return False
        if _read_text(self.main_dir + "/.rejected") == latest:
            print("OTA: %s was rejected on this board before; waiting for a newer release" % latest)
            return False
        if self.pending_version() == latest:
            print("OTA: %s is already scheduled; it installs at the next boot" % latest)
            return False
        print("OTA: %s installed, %s available; will install after reset" % (current, latest))
        _makedirs(self.new_dir)
        _write_text(self.new_dir + "/.version_on_reboot", latest)
        return True

    def download_and_install_update_if_available(self, ssid, password):
        """At boot: finishes or undoes an interrupted install, counts a trial boot, and installs
        the scheduled update (resetting when it is in). Returns False when the app should start."""
        self._recover()
        self._count_trial_boot()
        tag = self.pending_version()
        if not tag:
            return False
        if self.on_trial():
            print("OTA: %s waits until %s is confirmed" % (tag, self.get_version(self.main_dir)))
            return False
        current = self.get_version(self.main_dir)
        print("OTA: installing %s (running %s)" % (tag, current))
        try:
            self.using_network(ssid, password)
            self._stage(tag)
        except Exception as e:  # the running version stays whatever went wrong
            self._clear_next()
            if _transient(e):
                print("OTA: could not install %s: %s; keeping %s, will retry at next boot"
                      % (tag, self.describe(e), current))
            else:
                print("OTA: %s rejected: %s; keeping %s" % (tag, self.describe(e), current))
                self._discard_next()
                if _exists(self.main_dir):
                    _write_text(self.main_dir + "/.rejected", tag)
            return False
        self._swap()
        print("OTA: installed %s, resetting" % tag)
        import machine

        machine.reset()

    @staticmethod
    def describe(e):
        if isinstance(e, OTAError) and e.args[0] == 404:
            return "GitHub answered 404 Not Found"
        if isinstance(e, OSError) and e.args and isinstance(e.args[0], int):
            return "network error %d" % e.args[0]  # 116 timed out, 104 reset, -202 DNS (spec §8)
        return str(e.args[0]) if e.args else repr(e)

    # -- pending, trial, confirm, rollback -------------------------------------------------------

    def pending_version(self):
        """The tag waiting in next/.version_on_reboot, or None."""
        # An empty file (power cut while writing it) counts as no pending update.
        return _read_text(self.new_dir + "/.version_on_reboot") or None

    def on_trial(self):
        """True while the installed version is unconfirmed and the previous one is kept in prev/."""
        return _exists(self.prev_dir)

    def confirm(self):
        """Keeps the running version: the previous one in prev/ is deleted. Call it once the app
        has shown it works (main.py also calls it when the app's run() returns)."""
        if not self.on_trial():
            return False
        self._empty_trash()
        os.rename(self.prev_dir, self.trash_dir)  # one atomic step ends the trial
        self._empty_trash()
        print("OTA: %s confirmed; previous version deleted" % self.get_version(self.main_dir))
        return True

    def rollback(self, reason):
        """Puts the previous version (prev/) back in main/ and marks the new one rejected."""
        bad = self.get_version(self.main_dir)
        good = self.get_version(self.prev_dir)
        print("OTA: %s %s; rolling back to %s" % (bad, reason, good))
        self._discard_next()
        self._empty_trash()
        _write_text(self.prev_dir + "/.rejected", bad)  # moves into main/ with the old version
        os.rename(self.main_dir, self.trash_dir)
        os.rename(self.prev_dir, self.main_dir)
        self._recover()

    def _count_trial_boot(self):
        if not self.on_trial():
            return
        counter = self.prev_dir + "/.boots"
        boots = int(_read_text(counter) or "0")
        if boots >= self.max_trial_boots:
            self.rollback("was not confirmed within %d boots" % boots)
            return
        _write_text(counter, str(boots + 1))

    # -- install: staging, swap, recovery --------------------------------------------------------
    #
    # Files (docs/reference-updater.md has every power-cut instant):
    #   next/.version_on_reboot  the scheduled tag (the article's file)
    #   next/.complete           written last: next/ holds the whole verified release
    #   prev/                    the previous version, kept while the new one is on trial
    #   prev/.boots              boots the new version has had without confirming
    #   main/.rejected           a tag that failed verification or was rolled back
    #   .ota_trash/              a folder being deleted (renaming into it is the atomic step)

    def _is_complete(self, d):
        return _exists(d) and bool(_read_text(d + "/.complete"))

    def _empty_trash(self):
        if _exists(self.trash_dir):
            _rmtree(self.trash_dir)

    def _discard_next(self):
        if _exists(self.new_dir):
            if _exists(self.new_dir + "/.complete"):
                os.remove(self.new_dir + "/.complete")  # first, so a cut leaves it incomplete
            _rmtree(self.new_dir)

    def _clear_next(self):
        """Empties next/ except the scheduled tag, so a failed attempt leaves no files behind."""
        if not _exists(self.new_dir):
            return
        for name, kind in [(e[0], e[1]) for e in os.ilistdir(self.new_dir)]:
            if name != ".version_on_reboot":
                child = self.new_dir + "/" + name
                if kind == _DIR:
                    _rmtree(child)
                else:
                    os.remove(child)

    def _swap(self):
        # The article's order, with main/ moved aside to prev/ instead of deleted, so that a power
        # cut at any instant leaves a state _recover() finishes, and a rollback has a target.
        if _exists(self.main_dir):
            os.rename(self.main_dir, self.prev_dir)
        os.rename(self.new_dir, self.main_dir)
        self._finish_swap()

    def _finish_swap(self):
        m = self.main_dir
        if _exists(m + "/.version_on_reboot"):
            os.rename(m + "/.version_on_reboot", m + "/.version")
        os.remove(m + "/.complete")

    def _recover(self):
        """Makes the flash one of the stable states again after a power cut at any instant."""
        m = self.main_dir
        self._empty_trash()  # an interrupted confirm or rollback
        if self._is_complete(self.new_dir):
            if _exists(m) and self.on_trial():
                # Never reached by this updater (no staging while on trial); keep the trial.
                self._discard_next()
            else:
                print("OTA: power was lost while installing %s; finishing the install"
                      % self.pending_version())
                self._swap()
                return self._recover()
        elif _exists(self.new_dir) and not self.pending_version():
            _rmtree(self.new_dir)  # a cut while scheduling: nothing is pending
        if _exists(m + "/.complete"):
            print("OTA: power was lost while installing; finishing the install")
            self._finish_swap()
        if not _exists(m) and self.on_trial():
            print("OTA: power was lost during a rollback; finishing it")
            os.rename(self.prev_dir, m)
        if not self.on_trial() and _exists(m + "/.boots"):
            os.remove(m + "/.boots")  # the counter came back with a rolled-back version

    def _stage(self, tag):
        """Downloads and verifies the release into next/, then writes next/.complete."""
        self._clear_next()
        files, dirs = self._list_release(tag)
        files = self._without_preserved(files)
        self._check_space(tag, files, dirs)
        for d in dirs:
            _mkdir(self.new_dir + "/" + d)
        for rel, sha, size, url in files:
            self._download_file(url, self.new_dir + "/" + rel, self.repo_dir + "/" + rel, size, sha)
        for rel in self.preserve:
            src = self.main_dir + "/" + rel
            if _exists(src):
                print("OTA: keeping %s" % src)
                if "/" in rel:
                    _makedirs(self.new_dir + "/" + rel[:rel.rfind("/")])
                _copy(src, self.new_dir + "/" + rel, self._buffer())
        _write_text(self.new_dir + "/.complete", tag)

    def _without_preserved(self, files):
        keep = []
        for f in files:
            if f[0] in self.preserve and _exists(self.main_dir + "/" + f[0]):
                continue  # the board's copy wins over the release's
            keep.append(f)
        return keep

    def _check_space(self, tag, files, dirs):
        # Both versions must fit: the running one stays until the new one is confirmed. LittleFS
        # stores files in 4 KiB blocks and needs a block pair per directory; a little spare keeps
        # its copy-on-write commits possible.
        st = os.statvfs(self.module or "/")
        block = st[0]
        free = st[0] * st[4]
        size = 0
        blocks = 2 * (len(dirs) + 1) + 2
        for f in files:
            size += f[2]
            blocks += (f[2] + block - 1) // block
        for rel in self.preserve:
            try:
                blocks += (os.stat(self.main_dir + "/" + rel)[6] + block - 1) // block
            except OSError:
                pass
        need = blocks * block
        print("OTA: %s has %d files, %s; %s of flash free" % (tag, len(files), _kb(size), _kb(free)))
        if need > free:
            raise OTAError("not enough flash: %s needs %s, %s free (the running version stays"
                           " until the new one is confirmed, so both must fit)"
                           % (tag, _kb(need), _kb(free)))

    # -- GitHub ----------------------------------------------------------------------------------

    def get_latest_version(self):
        """The tag of the latest release, or None if the repository has none (GitHub's 404)."""
        url = "https://api.github.com/repos/%s/%s/releases/latest" % (self.owner, self.repo)
        try:
            tag = self._get(url, self._scan_tag)
        except OTAError as e:
            if e.args[0] != 404:
                raise
            print("OTA: %s/%s has no published release (or it is private and main/%s has no"
                  " github_token)" % (self.owner, self.repo, self.secrets_file))
            return None
        gc.collect()
        return tag

    @staticmethod
    def _scan_tag(s, headers):
        # The release JSON carries the release notes, which can be any size: find "tag_name" in
        # the stream instead of parsing it all. JSON escapes quotes inside strings, so the key with
        # its quotes only matches the real field.
        key = b'"tag_name"'
        data = b""
        while True:
            chunk = s.read(256)
            if not chunk:
                raise OTAError("release JSON without tag_name", True)
            data = data + chunk
            i = data.find(key)
            if i < 0:
                data = data[-len(key):]
                continue
            data = data[i:]
            colon = data.find(b":", len(key))
            q1 = data.find(b'"', colon + 1) if colon > 0 else -1
            q2 = data.find(b'"', q1 + 1) if q1 > 0 else -1
            if q2 > 0:
                return data[q1 + 1:q2].decode()
            if len(data) > 512:
                raise OTAError("release JSON: tag_name unreadable", True)

    def _list_release(self, tag):
        """Walks the release's main/ folder with the contents API: ([(rel, sha, size, url)], [dir])
        with directories listed before their contents."""
        files = []
        dirs = []
        todo = [""]
        while todo:
            rel = todo.pop(0)
            repo_path = self.repo_dir + "/" + rel if rel else self.repo_dir
            url = "https://api.github.com/repos/%s/%s/contents/%s?ref=%s" % (
                self.owner, self.repo, repo_path, tag)
            try:
                listing = self._get(url, self._load_json)
            except OTAError as e:
                if e.args[0] == 404:
                    raise OTAError("release %s has no folder %s" % (tag, repo_path))
                raise
            if not isinstance(listing, list):
                raise OTAError("%s in release %s is not a folder" % (repo_path, tag))
            for e in listing:
                name = (rel + "/" + e["name"]) if rel else e["name"]
                if e["type"] == "dir":
                    dirs.append(name)
                    todo.append(name)
                elif e["type"] == "file":
                    files.append((name, e["sha"], e["size"], e["download_url"]))
                else:
                    print("OTA: skipping %s (a %s)" % (e["path"], e["type"]))
            listing = None
            gc.collect()
        return files, dirs

    @staticmethod
    def _load_json(s, headers):
        import json

        try:
            return json.load(s)
        except ValueError:
            raise OTAError("GitHub sent incomplete JSON", True)

    def _download_file(self, url, target, path, size, sha):
        print("OTA: downloading %s (%d B)" % (path, size))

        def save(s, headers):
            return self._save(s, headers, target, path, size, sha)

        self._get(url, save)
        gc.collect()

    def _save(self, s, headers, target, path, size, sha):
        # Streams the body through one buffer into the file and the hash: peak RAM is _CHUNK bytes
        # (plus the socket), whatever the file's size.
        import binascii
        import hashlib

        length = headers.get("content-length")
        if length is not None and int(length) != size:
            raise OTAError("%s: GitHub sent %s B, the release lists %d B" % (path, length, size), True)
        h = hashlib.sha1()
        h.update(("blob %d\0" % size).encode())  # git's blob SHA-1, as the contents API gives it
        buf = self._buffer()
        mv = memoryview(buf)
        got = 0
        with open(target, "wb") as f:
            while got < size:
                n = s.readinto(buf, min(_CHUNK, size - got))
                if not n:
                    break
                f.write(mv[:n])
                h.update(mv[:n])
                got += n
        if got != size:
            raise OTAError("%s: download cut off after %d of %d B" % (path, got, size), True)
        digest = binascii.hexlify(h.digest()).decode()
        if digest != sha:
            # Retried like a cut-off download; a release that never matches is rejected.
            raise OTAError("%s: SHA-1 %s does not match the release's %s" % (path, digest, sha),
                           "corrupt")

    def _token_header(self):
        if self._token is None:
            self._token = ""
            try:
                import json

                with open(self.main_dir + "/" + self.secrets_file) as f:
                    self._token = json.load(f).get("github_token") or ""
            except (OSError, ValueError, AttributeError):
                pass
        return self._token

    def _get(self, url, read):
        """GETs url and returns read(stream, headers) for a 200, with bounded retries of what may
        pass (network errors, 5xx, cut-off bodies). Raises OTAError(status) for other statuses."""
        is_api = url.startswith("https://api.github.com/")
        last = None
        for attempt in range(self.attempts):
            if is_api and self._api_blocked_until is not None:
                if time.ticks_diff(self._api_blocked_until, time.ticks_ms()) > 0:
                    raise OTAError("GitHub's rate limit is still exhausted; no API requests until"
                                   " it resets", True)
                self._api_blocked_until = None
            if attempt:
                wait = 2 ** attempt
                print("OTA: %s; retrying in %d s (attempt %d of %d)"
                      % (self.describe(last), wait, attempt + 1, self.attempts))
                time.sleep(wait)
            gc.collect()
            try:
                status, headers, s = self._open(url)
            except OTAError:
                raise
            except OSError as e:
                last = e
                continue
            try:
                if status == 200:
                    return read(s, headers)
                self._check_status(url, status, headers)  # raises unless a retry may help
                last = OTAError("GitHub answered %d for %s" % (status, url), True)
            except OSError as e:  # timeout or reset while reading the body
                last = e
            except OTAError as e:
                if status != 200 or not _transient(e):
                    raise
                last = e  # cut off, corrupt or incomplete: fetch it again
            finally:
                s.close()
        if isinstance(last, OTAError) and len(last.args) > 1 and last.args[1] == "corrupt":
            raise OTAError(last.args[0])  # a release that never matches its SHA-1: not transient
        raise last

    def _check_status(self, url, status, headers):
        """Raises for statuses no retry fixes; returns for those a retry may (5xx)."""
        remaining = headers.get("x-ratelimit-remaining")
        if status == 429 or (status == 403 and (remaining == "0" or "retry-after" in headers)):
            wait = self._rate_limit_wait(headers)
            self._api_blocked_until = time.ticks_add(time.ticks_ms(), wait * 1000)
            raise OTAError("GitHub's API rate limit is exhausted; it resets in %d min, no requests"
                           " until then" % ((wait + 59) // 60), True)
        if status >= 500:
            return
        if status == 404:
            raise OTAError(404)
        if status == 401:
            raise OTAError("GitHub refused the token in main/%s (401 Bad credentials)"
                           % self.secrets_file, True)
        raise OTAError("GitHub answered %d for %s" % (status, url))

    @staticmethod
    def _rate_limit_wait(headers):
        if "retry-after" in headers:
            try:
                return int(headers["retry-after"])
            except ValueError:
                pass
        try:
            reset = int(headers["x-ratelimit-reset"])
            now = _http_date(headers.get("date") or "")
            if now is not None and reset > now:
                return reset - now
        except (KeyError, ValueError):
            pass
        return 3600  # GitHub's window: an hour at most

    def _open(self, url):
        """Sends the request and reads the head, following redirects: (status, headers, stream)."""
        for _ in range(_MAX_REDIRECTS + 1):
            status, headers, s = self._exchange(url)
            location = headers.get("location")
            if status not in (301, 302, 303, 307, 308) or not location:
                return status, headers, s
            s.close()
            if location.startswith("/"):  # relative: same scheme and host
                location = url[:url.find("/", 8)] + location
            url = location
        raise OTAError("more than %d redirects for %s" % (_MAX_REDIRECTS, url), True)

    def _exchange(self, url):
        import socket

        parts = url.split("/", 3)
        scheme, host = parts[0], parts[2]
        path = parts[3] if len(parts) > 3 else ""
        if scheme == "https:":
            port = 443
        elif scheme == "http:":
            port = 80
        else:
            raise OTAError("cannot fetch %s: only http and https" % url)
        if ":" in host:
            host, port = host.split(":", 1)
            port = int(port)
        token = self._token_header() if host in _GITHUB_HOSTS else ""
        addr = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)[0]
        s = socket.socket(addr[0], socket.SOCK_STREAM, addr[2])
        try:
            s.settimeout(self.timeout)  # on the raw socket: a TLS socket has no settimeout (§9)
            s.connect(addr[-1])
            if scheme == "https:":
                import ssl

                s = ssl.wrap_socket(s, server_hostname=host)
            head = "GET /%s HTTP/1.0\r\nHost: %s\r\nUser-Agent: %s\r\n" % (path, host,
                                                                         self.user_agent)
            if host in _GITHUB_HOSTS:
                for k in self.headers:
                    head += "%s: %s\r\n" % (k, self.headers[k])
                if token and "Authorization" not in self.headers:
                    head += "Authorization: token %s\r\n" % token
            s.write((head + "\r\n").encode())
            head = None
            line = s.readline().split(None, 2)
            try:
                status = int(line[1])
            except (IndexError, ValueError):
                raise OSError(104)  # no or garbled status line: the connection failed
            headers = {}
            while True:
                line = s.readline()
                if not line or line == b"\r\n":
                    break
                i = line.find(b":")
                if i > 0:
                    name = line[:i].decode().strip().lower()
                    if name in _KEEP:
                        headers[name] = line[i + 1:].decode().strip()
            if "chunked" in headers.get("transfer-encoding", ""):
                raise OTAError("chunked response to an HTTP/1.0 request from %s" % host)
        except Exception:
            s.close()
            raise
        return status, headers, s
