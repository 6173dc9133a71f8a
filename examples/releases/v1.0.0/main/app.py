# main/app.py: the example application, shipped in the folder main/ of every release.
# main.py imports it and calls run(); the app decides when to look for a new release (here: once
# per boot) and resets so that main.py installs it on a fresh heap (the article's workflow).

import machine


def run(updater, config):
    print("app: version %s running" % updater.get_version(updater.main_dir))
    try:
        updater.using_network(config["ssid"], config["password"])
        # This version starts and reaches the network: keep it (ends a new version's trial).
        updater.confirm()
        if updater.check_for_update_to_install_during_next_reboot():
            machine.reset()
    except Exception as e:
        # No Wi-Fi or GitHub unreachable: the app keeps working and checks again next boot.
        print("app: no update check this time: %s" % updater.describe(e))
    print("app: doing my work")
