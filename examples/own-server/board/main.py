# main.py: joins the Wi-Fi, lets ota.py install a newer app from the server, then runs the app.
import sys
import time

import machine
import network

import ota

SERVER = "http://192.168.1.10:8000/"


def connect():
    wlan = network.WLAN(network.STA_IF)
    wlan.active(True)
    if not wlan.isconnected():
        wlan.connect("home", "secret")
        for _ in range(100):
            if wlan.isconnected():
                break
            time.sleep_ms(100)


connect()
if ota.update(SERVER):
    machine.reset()
sys.path.append(ota.APP)
import blink  # noqa: E402

blink.run()
