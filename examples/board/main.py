# main.py: runs at every boot after boot.py (spec §6). The article's example entry point:
#   1. install an update if one was scheduled before the last reset (fresh heap, own boot cycle);
#   2. start the app, which lives in main/ and decides itself when to look for updates.
#
# The board carries its settings in ota_config.json, e.g.
#   {"repo": "owner/app", "ssid": "home", "password": "secret",
#    "source_dir": "boards/sensor", "preserve": ["config.json"]}
# (every key is optional; source_dir is the repository folder holding main/, preserve lists files
# of main/ the board keeps across updates). The GitHub token of a private repository lives in main/secrets.json,
# {"github_token": "ghp_..."}, which the updater reads and keeps across updates.

import gc
import json
import os
import sys

from ota_updater import OTAUpdater

CONFIG_FILE = "ota_config.json"
DEFAULTS = {"repo": "owner/app", "ssid": "my-wifi", "password": "my-password"}


def load_config():
    config = {}
    for k in DEFAULTS:
        config[k] = DEFAULTS[k]
    try:
        with open(CONFIG_FILE) as f:
            loaded = json.load(f)
        for k in loaded:
            config[k] = loaded[k]
    except OSError as e:
        if e.args[0] != 2:
            raise
        print("OTA: no %s, using defaults" % CONFIG_FILE)
    except ValueError:
        print("OTA: %s is not valid JSON, using defaults" % CONFIG_FILE)
    return config


def check_and_reset(updater, config):
    try:
        updater.using_network(config["ssid"], config["password"])
        if not updater.check_for_update_to_install_during_next_reboot():
            return
    except Exception as e:
        print("OTA: no update check this time: %s" % updater.describe(e))
        return
    import machine

    machine.reset()


def start_app(updater, config):
    # The app is main/app.py. It is imported as module `app` with /main put on sys.path
    # (sys.path is ['', '.frozen', '/lib'] on the board). `import main.app` is avoided on
    # purpose: with this file named main.py beside a folder named main/, MicroPython picks the
    # folder as package `main` while CPython picks this file, and the folder has no __init__.py.
    try:
        os.stat(updater.main_dir + "/app.py")
    except OSError:
        print("OTA: no app installed yet; looking for a first release")
        check_and_reset(updater, config)
        return
    # Same directory the updater writes to (relative to the cwd, '/' at boot), as an absolute path.
    app_dir = os.getcwd().rstrip("/") + "/" + updater.main_dir
    if app_dir not in sys.path:
        sys.path.append(app_dir)
    try:
        import app

        app.run(updater, config)
    except Exception as e:
        print("OTA: the app failed:")
        sys.print_exception(e)
        gc.collect()
        if updater.on_trial():
            # A new version that cannot start is replaced by the one it replaced.
            updater.rollback("failed to start (%s: %s)" % (type(e).__name__, e))
            import machine

            machine.reset()
        # A broken confirmed release must not strand the board: a newer one can replace it.
        check_and_reset(updater, config)
        return
    # run() returned: the version works. Apps that never return call updater.confirm() themselves.
    updater.confirm()


def boot():
    config = load_config()
    updater = OTAUpdater(
        config["repo"], source_dir=config.get("source_dir", ""), preserve=config.get("preserve", ())
    )
    try:
        updater.download_and_install_update_if_available(config["ssid"], config["password"])
    except Exception as e:
        # The updater reports its own failures and keeps the running version; this is for the
        # unforeseen (a bug, a full flash while recovering), so that the app still starts.
        print("OTA: update step failed:")
        sys.print_exception(e)
    gc.collect()
    start_app(updater, config)


boot()
