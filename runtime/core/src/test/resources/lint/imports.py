# Modules the ESP32 image lacks (spec §14, §20).
import os.path
import logging, functools
from pathlib import Path
import shutil as sh
from typing import List
from __future__ import annotations
import traceback
from collections.abc import Mapping
import ussl
from os import path

# Fine: modules of the image, u-names of C modules, frozen modules, guarded fallbacks.
import os, time, json, gc, machine, network, socket, ssl, requests, urequests, esp32
import ujson, utime, uhashlib, ubinascii, _thread, asyncio, binascii, hashlib, struct
from micropython import const
try:
    import typing
except ImportError:
    typing = None
try:
    from functools import partial
except ImportError:
    partial = None
# u-names exist only for extensible built-ins (spec §20.1)
import umachine, usys
import unetwork
