# MicroPython's network module, station side (ports/esp32/network_wlan.c; spec §7).
STA_IF = 0
AP_IF = 1
STAT_IDLE = 1000
STAT_CONNECTING = 1001
STAT_GOT_IP = 1010
STAT_BEACON_TIMEOUT = 200
STAT_NO_AP_FOUND = 201
STAT_WRONG_PASSWORD = 202
STAT_ASSOC_FAIL = STAT_CONNECT_FAIL = 203
STAT_HANDSHAKE_TIMEOUT = 204
AUTH_OPEN = 0
AUTH_WEP = 1
AUTH_WPA_PSK = 2
AUTH_WPA2_PSK = 3
AUTH_WPA_WPA2_PSK = 4
_interfaces = {}


class WLAN:
    IF_STA = 0
    IF_AP = 1
    SEC_OPEN = 0
    SEC_WEP = 1
    SEC_WPA = 2
    SEC_WPA2 = 3
    SEC_WPA_WPA2 = 4
    PM_NONE = 0
    PM_PERFORMANCE = 1
    PM_POWERSAVE = 2

    def __new__(cls, interface_id=STA_IF):
        if interface_id not in (STA_IF, AP_IF):
            raise ValueError('invalid WLAN interface identifier')
        wlan = _interfaces.get(interface_id)
        if wlan is None:
            # one object per interface, as the firmware returns a singleton
            wlan = object.__new__(cls)
            wlan._if = interface_id
            _interfaces[interface_id] = wlan
        return wlan

    def __init__(self, interface_id=STA_IF):
        pass

    def active(self, is_active=None):
        if self._if == AP_IF:
            return False if is_active is None else bool(is_active)
        if is_active is None:
            return _api.active()
        return _api.active(bool(is_active))

    def connect(self, ssid=None, key=None, *, bssid=None):
        if ssid is None:
            ssid = _api.ssid()
        _api.connect(str(ssid), '' if key is None else str(key))

    def disconnect(self):
        _api.disconnect()

    def isconnected(self):
        return self._if == STA_IF and _api.isconnected()

    def status(self, param=None):
        if param is None:
            return _api.status()
        if param == 'rssi':
            return -58
        if param == 'stations':
            return []
        raise ValueError('unknown status param')

    def ifconfig(self, config=None):
        if config is None:
            return tuple(str(_api.ifconfig()).split(','))
        return None

    def scan(self):
        if not _api.active():
            raise OSError('STA must be active')
        return []

    def config(self, *args, **kwargs):
        if args:
            name = args[0]
            if name == 'mac':
                return b'\x24\x0a\xc4\x12\x34\x56'
            if name in ('ssid', 'essid'):
                return _api.ssid()
            if name == 'hostname':
                return 'mpy-esp32'
            if name == 'reconnects':
                return -1
            raise ValueError('unknown config param')
        return None


def hostname(name=None):
    return 'mpy-esp32' if name is None else None


def country(code=None):
    return 'XX' if code is None else None
