# main.py: runs at every boot after boot.py (spec §6). The article's example entry point:
#   1. install an update if one was scheduled before the last reset (fresh heap, own boot cycle);
#   2. start the app, which lives in main/ and decides itself when to look for updates.
#
# The board carries its settings in ota_config.json, e.g.
#   {"repo": "owner/app", "ssid": "home", "password": "secret", "token": "ghp_..."}
# ("token" only for private repositories; every key is optional).

import gc
import json
import os
import sys

from ota_updater import OTAUpdater

CONFIG_FILE = "ota_config.json"
DEFAULTS = {"repo": "owner/app", "ssid": "my-wifi", "password": "my-password", "token": ""}


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
    updater.using_network(config["ssid"], config["password"])
    if updater.check_for_update_to_install_during_next_reboot():
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
        # A broken release must not strand the board: a newer release can still replace it.
        print("OTA: the app failed:")
        sys.print_exception(e)
        gc.collect()
        check_and_reset(updater, config)


def boot():
    config = load_config()
    headers = None
    if config.get("token"):
        headers = {"Authorization": "token " + config["token"]}
    updater = OTAUpdater(config["repo"], headers=headers)
    try:
        updater.download_and_install_update_if_available(config["ssid"], config["password"])
    except Exception as e:
        # next/.version_on_reboot stays, so the next boot tries again; main/ is untouched unless
        # the failure came after it was deleted, and then the app fallback below steps in.
        print("OTA: update failed, will retry at next boot:")
        sys.print_exception(e)
    gc.collect()
    start_app(updater, config)


boot()
