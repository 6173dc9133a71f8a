package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code WLAN.config}, {@code WLAN.connect}, {@code ifconfig} and {@code network.hostname} check
 * their arguments as the ESP32 port does at v1.27 (ports/esp32/network_wlan.c, network_common.c,
 * extmod/modnetwork.c, py/argcheck.c with MICROPY_ERROR_REPORTING_NORMAL): an unknown name is a
 * ValueError, ssid and key are positional only, an AP-only name on the station is an OSError. The
 * same lines on both engines.
 */
class WlanArgumentsTest {
  private static final String PROBE =
      """
      import network
      sta = network.WLAN(network.STA_IF)
      ap = network.WLAN(network.AP_IF)
      def T(label, f):
          try:
              print('OK  ', label, repr(f()))
          except Exception as e:
              print('FAIL', label, type(e).__name__, e.args)
      """;

  private static String run(Engine engine, String body) {
    Device device =
        Device.create(
            DeviceConfig.builder()
                .setEngine(engine)
                .setBootTimeLimit(Duration.ofSeconds(60))
                .build());
    device.flash().put("/main.py", PROBE + body);
    BootResult boot = device.boot();
    assertThat(boot.outcome()).as(boot.console()).isEqualTo(BootOutcome.RETURNED);
    return boot.console();
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void configKnowsThePortsNamesAndTheirInterfaces(Engine engine) {
    String out =
        run(
            engine,
            """
            T('antenna', lambda: sta.config(antenna=0))
            T('query antenna', lambda: sta.config('antenna'))
            T('both', lambda: sta.config('mac', pm=0))
            T('none', lambda: sta.config())
            T('two names', lambda: sta.config('mac', 'ssid'))
            T('name int', lambda: sta.config(5))
            T('name bytes', lambda: sta.config(b'mac'))
            T('mac', lambda: sta.config('mac'))
            T('mac short', lambda: sta.config(mac=b'12'))
            T('mac str', lambda: sta.config(mac='123456'))
            T('sta ssid', lambda: sta.config(ssid='x'))
            T('sta hidden', lambda: sta.config('hidden'))
            T('ap reconnects', lambda: ap.config('reconnects'))
            T('ap hostname', lambda: ap.config('hostname'))
            T('reconnects str', lambda: sta.config(reconnects='3'))
            T('reconnects', lambda: sta.config(reconnects=3))
            T('reconnects back', lambda: sta.config('reconnects'))
            T('txpower str', lambda: sta.config(txpower='x'))
            T('txpower', lambda: sta.config(txpower=8.6))
            T('txpower back', lambda: sta.config('txpower'))
            T('pm', lambda: sta.config(pm=sta.PM_NONE))
            T('pm back', lambda: sta.config('pm'))
            T('ap ssid', lambda: ap.config(ssid='box', max_clients=2))
            T('ap ssid back', lambda: ap.config('ssid'))
            T('hostname', lambda: sta.config(hostname='board-1'))
            T('hostname back', lambda: (sta.config('hostname'), network.hostname()))
            T('hostname long', lambda: network.hostname('h' * 33))
            T('hostname int', lambda: network.hostname(1))
            """);

    assertThat(out)
        .isEqualTo(
            """
            FAIL antenna ValueError ('unknown config param',)
            FAIL query antenna ValueError ('unknown config param',)
            FAIL both TypeError ('either pos or kw args are allowed',)
            FAIL none TypeError ('can query only one param',)
            FAIL two names TypeError ('can query only one param',)
            FAIL name int TypeError ("can't convert 'int' object to str implicitly",)
            FAIL name bytes TypeError ("can't convert 'bytes' object to str implicitly",)
            OK   mac b'$\\n\\xc4\\x124V'
            FAIL mac short ValueError ('invalid buffer length',)
            FAIL mac str TypeError ('object with buffer protocol required',)
            FAIL sta ssid OSError ('AP required',)
            FAIL sta hidden OSError ('AP required',)
            FAIL ap reconnects OSError ('STA required',)
            FAIL ap hostname OSError ('STA required',)
            FAIL reconnects str TypeError ("can't convert str to int",)
            OK   reconnects None
            OK   reconnects back 3
            FAIL txpower str TypeError ("can't convert str to float",)
            OK   txpower None
            OK   txpower back 8.5
            OK   pm None
            OK   pm back 0
            OK   ap ssid None
            OK   ap ssid back 'box'
            OK   hostname None
            OK   hostname back ('board-1', 'board-1')
            FAIL hostname long ValueError ()
            FAIL hostname int TypeError ("can't convert 'int' object to str implicitly",)
            """);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void connectAndIfconfigTakeWhatThePortTakes(Engine engine) {
    String out =
        run(
            engine,
            """
            T('connect kw', lambda: sta.connect(ssid='lab', key='pw'))
            T('connect three', lambda: sta.connect('lab', 'pw', 'x'))
            T('connect int', lambda: sta.connect(5, 'pw'))
            T('connect bssid', lambda: sta.connect('lab', 'pw', bssid='12'))
            T('connect other', lambda: sta.connect('lab', 'pw', channel=1))
            T('ifconfig short', lambda: sta.ifconfig(('1.2.3.4', '255.0.0.0')))
            T('ifconfig bad', lambda: sta.ifconfig(('1.2.3', '255.0.0.0', '1.2.3.1', '8.8.8.8')))
            T('ifconfig int', lambda: sta.ifconfig(5))
            T('ifconfig word', lambda: sta.ifconfig('auto'))
            T('ifconfig ap dhcp', lambda: ap.ifconfig('dhcp'))
            T('ifconfig kw', lambda: sta.ifconfig(config='dhcp'))
            T('ifconfig two', lambda: sta.ifconfig('dhcp', 1))
            T('ifconfig ok', lambda: sta.ifconfig(['10.0.0.2', 24, '10.0.0.1', '10.0.0.1']))
            T('ifconfig dhcp', lambda: sta.ifconfig('dhcp'))
            """);

    assertThat(out)
        .isEqualTo(
            """
            FAIL connect kw TypeError ('extra keyword arguments given',)
            FAIL connect three TypeError ('extra positional arguments given',)
            FAIL connect int TypeError ("can't convert 'int' object to str implicitly",)
            FAIL connect bssid ValueError ()
            FAIL connect other TypeError ('extra keyword arguments given',)
            FAIL ifconfig short ValueError ('requested length 4 but object has length 2',)
            FAIL ifconfig bad ValueError ('invalid arguments',)
            FAIL ifconfig int TypeError ("can't convert 'int' object to str implicitly",)
            FAIL ifconfig word ValueError ('invalid arguments',)
            FAIL ifconfig ap dhcp ValueError ('invalid arguments',)
            FAIL ifconfig kw TypeError ("function doesn't take keyword arguments",)
            FAIL ifconfig two TypeError ('function expected at most 2 arguments, got 3',)
            OK   ifconfig ok None
            OK   ifconfig dhcp None
            """);
  }
}
