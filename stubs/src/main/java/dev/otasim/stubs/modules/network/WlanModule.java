package dev.otasim.stubs.modules.network;

import dev.otasim.stubs.MicroPythonApi;
import dev.otasim.stubs.MicroPythonError;
import dev.otasim.stubs.MicroPythonModule;
import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.machine.Board;
import dev.otasim.stubs.machine.VirtualClock;
import dev.otasim.stubs.net.Network;

/**
 * The station interface behind {@code network.WLAN(network.STA_IF)} (ports/esp32/network_wlan.c;
 * spec §7). {@code connect} returns at once and {@code isconnected()} turns true later in virtual
 * time, as on the board.
 */
@MicroPythonModule(name = "network")
public final class WlanModule {
  static final int STAT_IDLE = 1000;
  static final int STAT_CONNECTING = 1001;
  static final int STAT_GOT_IP = 1010;

  private final Board board;

  public WlanModule(Board board) {
    this.board = board;
  }

  private Network net() {
    return board.network();
  }

  private long now() {
    return board.clock().micros();
  }

  @MicroPythonApi
  public boolean active() {
    return net().active();
  }

  @MicroPythonApi
  public boolean active(boolean on) {
    net().setActive(on);
    return on;
  }

  @MicroPythonApi
  public void connect(String ssid, String key) {
    if (!net().active()) {
      // esp_wifi_connect before esp_wifi_start (network_common.c esp_exceptions_helper)
      throw MicroPythonError.osText("Wifi Not Started");
    }
    if (net().connecting(now()) || net().connected(now())) {
      // ESP_ERR_WIFI_CONN: a second connect while one is in progress or done (spec §7)
      throw MicroPythonError.osText("Wifi Internal Error");
    }
    board.effect(new Event.WifiConnect(ssid), () -> net().associate(ssid, key, now()));
  }

  @MicroPythonApi
  public void disconnect() {
    net().disassociate();
  }

  @MicroPythonApi
  public boolean isconnected() {
    board.clock().advanceMicros(VirtualClock.RADIO_POLL_MICROS);
    return net().connected(now());
  }

  @MicroPythonApi
  public int status() {
    board.clock().advanceMicros(VirtualClock.RADIO_POLL_MICROS);
    if (net().connected(now())) {
      return STAT_GOT_IP;
    }
    if (net().failureStatus() != 0) {
      return net().failureStatus();
    }
    return net().connecting(now()) ? STAT_CONNECTING : STAT_IDLE;
  }

  /** {@code ifconfig()} as one comma-separated string of the four addresses. */
  @MicroPythonApi
  public String ifconfig() {
    return net().connected(now())
        ? "192.168.1.23,255.255.255.0,192.168.1.1,192.168.1.1"
        : "0.0.0.0,0.0.0.0,0.0.0.0,0.0.0.0";
  }

  /** The ssid of the current or last association, or {@code ""}. */
  @MicroPythonApi
  public String ssid() {
    String ssid = net().associatedSsid();
    return ssid == null ? "" : ssid;
  }
}
