# main/app.py of release v1.1.0: the app of v1.0.0 plus a helper module in main/lib/.
# main.py imports it and calls run(); the app looks for a new release once per boot.

import machine

from lib.util import greeting


def run(updater, config):
    print("app: version %s running" % updater.get_version(updater.main_dir))
    print(greeting())
    try:
        updater.using_network(config["ssid"], config["password"])
        updater.confirm()
        if updater.check_for_update_to_install_during_next_reboot():
            machine.reset()
    except Exception as e:
        print("app: no update check this time: %s" % updater.describe(e))
    print("app: doing my work")
