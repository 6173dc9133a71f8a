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

    def connect(self, *args, **kwargs):
        # network_wlan.c: ssid and key are positional only (mp_arg_t with an empty name), so
        # connect(ssid=...) is an extra keyword argument on the board; bssid is keyword only
        bssid = kwargs.pop('bssid', None)
        if len(args) > 2:
            raise TypeError('extra positional arguments given')
        if kwargs:
            raise TypeError('extra keyword arguments given')
        if args:
            ssid = _text(args[0]) if args[0] is not None else ''
            key = _text(args[1]) if len(args) > 1 and args[1] is not None else ''
            if bssid is not None and len(_text(bssid).encode()) != 6:
                raise ValueError()
        else:
            ssid, key = _api.ssid(), ''
        _api.connect(ssid, key)

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

    def ifconfig(self, *config, **kw):
        # network_common.c esp_ifconfig: a 4-tuple or list of addresses, or 'dhcp' on the STA
        if kw:
            raise TypeError("function doesn't take keyword arguments")
        if len(config) > 1:
            raise TypeError('function expected at most 2 arguments, got %d' % (len(config) + 1))
        if not config:
            return tuple(str(_api.ifconfig()).split(','))
        config = config[0]
        if type(config) in (tuple, list):
            if len(config) != 4:
                raise ValueError('requested length 4 but object has length %d' % len(config))
            for i, addr in enumerate(config):
                if not (i == 1 and type(addr) in (int, bool)):
                    _ipv4(addr)
        elif _text(config) != 'dhcp' or self._if != STA_IF:
            raise ValueError('invalid arguments')
        return None

    def scan(self):
        if not _api.active():
            raise _host.OSError('STA must be active')
        return []

    def config(self, *args, **kwargs):
        # network_wlan.c network_wlan_config at v1.27: either one name to query or keywords to
        # set; each name's interface is checked after its value is converted
        if args and kwargs:
            raise TypeError('either pos or kw args are allowed')
        if kwargs:
            for name, value in kwargs.items():
                self._set(name, value)
            return None
        if len(args) != 1:
            raise TypeError('can query only one param')
        name = _text(args[0], True)
        if name == 'mac':
            return bytes(self._mac)
        if name in ('ssid', 'essid'):
            return _api.ssid() if self._if == STA_IF else self._ap.get('ssid', '')
        if name == 'hidden':
            self._require(AP_IF)
            return bool(self._ap.get('hidden', False))
        if name in ('security', 'authmode'):
            self._require(AP_IF)
            return self._ap.get('authmode', 0)
        if name == 'channel':
            return self._cfg.get('channel', 1)
        if name == 'ifname':
            return 'st1' if self._if == STA_IF else 'ap1'
        if name in ('hostname', 'dhcp_hostname'):
            self._require(STA_IF)
            return _hostname[0]
        if name == 'max_clients':
            return self._ap.get('max_clients', 10)
        if name == 'reconnects':
            self._require(STA_IF)
            return self._cfg.get('reconnects', -1)
        if name == 'txpower':
            return self._cfg.get('txpower', 20.0)
        if name == 'protocol':
            return self._cfg.get('protocol', 7)
        if name == 'pm':
            return self._cfg.get('pm', 1)
        raise ValueError('unknown config param')

    def _set(self, name, value):
        mp_int = _host.mp_int
        if name == 'mac':
            if not isinstance(value, (bytes, bytearray, memoryview)):
                raise TypeError('object with buffer protocol required')
            if len(value) != 6:
                raise ValueError('invalid buffer length')
            _WLAN_MAC[self._if] = bytes(value)
        elif name in ('ssid', 'essid'):
            self._ap['ssid'] = _text(value)
            self._require(AP_IF)
        elif name == 'hidden':
            self._ap['hidden'] = bool(value)
            self._require(AP_IF)
        elif name in ('security', 'authmode'):
            self._ap['authmode'] = mp_int(value)
            self._require(AP_IF)
        elif name in ('key', 'password'):
            _text(value)
            self._require(AP_IF)
        elif name == 'channel':
            self._cfg['channel'] = mp_int(value) & 0xFF
        elif name in ('hostname', 'dhcp_hostname'):
            hostname(value)
        elif name == 'max_clients':
            self._ap['max_clients'] = mp_int(value)
            self._require(AP_IF)
        elif name == 'reconnects':
            self._cfg['reconnects'] = mp_int(value)
            self._require(STA_IF)
        elif name == 'txpower':
            # esp_wifi_set_max_tx_power takes quarter-dBm steps
            self._cfg['txpower'] = int(_host.mp_float(value) * 4) * 0.25
        elif name in ('protocol', 'pm'):
            self._cfg[name] = mp_int(value)
        else:
            raise ValueError('unknown config param')

    @property
    def _mac(self):
        return _WLAN_MAC[self._if]

    @property
    def _cfg(self):
        return _WLAN_CFG[self._if]

    @property
    def _ap(self):
        return _WLAN_CFG[AP_IF]

    def _require(self, interface):
        if self._if != interface:
            raise _host.OSError('STA required' if interface == STA_IF else 'AP required')


_WLAN_MAC = {STA_IF: b'\x24\x0a\xc4\x12\x34\x56', AP_IF: b'\x24\x0a\xc4\x12\x34\x57'}
_WLAN_CFG = {STA_IF: {}, AP_IF: {}}
_hostname = ['mpy-esp32']


def _text(value, name=False):
    # mp_obj_str_get_data: a str or bytes (mp_obj_str_get_qstr, a name: a str only), else the
    # board's implicit-conversion TypeError
    if type(value) is str:
        return value
    if type(value) is bytes and not name:
        return value.decode()
    raise TypeError("can't convert '%s' object to str implicitly" % type(value).__name__)


def _ipv4(addr):
    # shared/netutils/netutils.c netutils_parse_ipv4_addr: digits and dots, four parts
    text = _text(addr)
    if not text:
        return
    end = 0
    while end < len(text) and (text[end] == '.' or '0' <= text[end] <= '9'):
        end += 1
    if len(text[:end].split('.')) != 4:
        raise ValueError('invalid arguments')

def hostname(*name, **kw):
    # extmod/modnetwork.c mod_network_hostname: at most 32 bytes (MICROPY_PY_NETWORK_HOSTNAME_MAX_LEN)
    if kw:
        raise TypeError("function doesn't take keyword arguments")
    if len(name) > 1:
        raise TypeError('function expected at most 1 arguments, got %d' % len(name))
    if not name:
        return _hostname[0]
    text = _text(name[0])
    if len(text.encode()) > 32:
        raise ValueError()
    _hostname[0] = text
    return None


def country(code=None):
    return 'XX' if code is None else None
