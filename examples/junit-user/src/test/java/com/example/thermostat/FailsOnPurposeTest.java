package com.example.thermostat;

import static dev.otasim.assertions.OtaAssertions.assertThat;

import dev.otasim.device.Device;
import dev.otasim.github.FakeGitHub;
import dev.otasim.junit.OtaSimulatorTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fails on purpose, to show what a failure looks like: an updater that forgets GitHub's required
 * User-Agent header. The journal shows the 403 with the start of GitHub's answer, and the failure
 * is an AssertionFailedError with expected and actual, which IDEs show as a diff. Runs only with
 * {@code mvn test -Pshow-failure}.
 */
@Tag("fails-on-purpose")
@OtaSimulatorTest
class FailsOnPurposeTest {
  @Test
  void updaterWithoutUserAgentFindsTheRelease(Device device, FakeGitHub github) {
    github.repository("me/thermostat").release("v1.1.0", tree -> tree.file("main/app.py", "x"));
    device.network().accessPoint("home", "secret");
    device
        .flash()
        .put(
            "/main.py",
            """
            import network, urequests
            sta = network.WLAN(network.STA_IF)
            sta.active(True)
            sta.connect("home", "secret")
            while not sta.isconnected():
                pass
            r = urequests.get("https://api.github.com/repos/me/thermostat/releases/latest")
            print("latest:", r.status_code)
            r.close()
            """);

    device.runUntilSettled();

    assertThat(device.journal())
        .network()
        .containsExactly(
            "wifi connect \"home\"",
            "dns api.github.com",
            "tls api.github.com:443",
            "http GET https://api.github.com/repos/me/thermostat/releases/latest -> 200 (1839 B)");
  }
}
