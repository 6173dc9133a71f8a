package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The RTC and file times as on the board (spec §20.2). */
class ClockAndFileTimesTest {
  /** 2026-03-02T09:30:00Z, the default provisioning time, in seconds since 2000-01-01. */
  private static final long PROVISIONED = 825_759_000L;

  private static Device board(DeviceConfig.Builder config) {
    return Device.create(config.setBootTimeLimit(Duration.ofSeconds(30)).build());
  }

  private static Device board() {
    return board(DeviceConfig.builder());
  }

  @Nested
  class Rtc {
    @Test
    void aBoardWhoseClockTheCopyingToolSetReadsTheProvisioningTime() {
      // given
      Device device = board(DeviceConfig.builder().setRtcSetAtProvisioning(true));
      device
          .flash()
          .put(
              "/main.py",
              """
              import time, machine
              t = time.time()
              print(t >= %d and t < %d + 5)
              print(time.gmtime()[:6], time.localtime()[:6] == time.gmtime()[:6])
              print(machine.RTC().datetime()[:7])
              print(time.mktime(time.localtime(t)) == t)
              """
                  .formatted(PROVISIONED, PROVISIONED));

      // when
      BootResult boot = device.boot();

      // then
      assertThat(boot.console())
          .isEqualTo("True\n(2026, 3, 2, 9, 30, 0) True\n(2026, 3, 2, 0, 9, 30, 0)\nTrue\n");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void startsAt2000AtPowerOnWhileTheFilesKeepTheProvisioningTime(Engine engine) {
      Device device = board(DeviceConfig.builder().setEngine(engine));
      device
          .flash()
          .put(
              "/main.py",
              "import time, os, machine\n"
                  + "print(machine.reset_cause() == machine.PWRON_RESET, time.time(),"
                  + " time.localtime(), os.stat('main.py')[8])\n");

      BootResult boot = device.boot();

      assertThat(boot.console())
          .isEqualTo("True 0 (2000, 1, 1, 0, 0, 0, 5, 1) %d\n".formatted(PROVISIONED));
    }

    @Test
    void keepsRunningAcrossResetsAndDeepSleepAndRestartsAt2000AfterAPowerCut() {
      // given: set the clock, then reset, soft reset, deep-sleep an hour, and finally return
      Device device = board(DeviceConfig.builder().setRtcSetAtProvisioning(true));
      device
          .flash()
          .put(
              "/main.py",
              """
              import machine, time, os
              c = machine.reset_cause()
              print(c, time.localtime()[:6])
              if c == machine.PWRON_RESET and time.time() > 3600:
                  machine.RTC().datetime((2030, 5, 6, 0, 7, 8, 9, 0))
                  machine.reset()
              elif c == machine.HARD_RESET:
                  machine.soft_reset()
              elif c == machine.SOFT_RESET:
                  machine.deepsleep(3600000)
              """);

      // when
      device.runUntilSettled();
      BootResult afterPowerCut = device.boot();

      // then
      assertThat(device.boots().stream().map(BootResult::console).reduce("", String::concat))
          .isEqualTo(
              """
              1 (2026, 3, 2, 9, 30, 0)
              2 (2030, 5, 6, 7, 8, 9)
              5 (2030, 5, 6, 7, 8, 9)
              4 (2030, 5, 6, 8, 8, 9)
              1 (2000, 1, 1, 0, 0, 0)
              """);
      assertThat(afterPowerCut.outcome()).isEqualTo(BootOutcome.RETURNED);
    }

    @Test
    void ntptimeSetsTheRtcFromTheNetworksNtpServer() {
      // given: an NTP server that says 2026-12-02T16:00:00Z
      Device device = board(DeviceConfig.builder().setRtcSetAtProvisioning(false));
      device.network().ntp(Instant.parse("2026-12-02T16:00:00Z"));
      device
          .flash()
          .put(
              "/main.py",
              """
              import network, time, ntptime, machine
              wlan = network.WLAN(network.STA_IF)
              wlan.active(True)
              wlan.connect('home', 'pw')
              while not wlan.isconnected():
                  time.sleep_ms(100)
              print(time.localtime()[:3])
              ntptime.settime()
              print(time.localtime()[:6], time.time() - %d < 5)
              print(machine.RTC().datetime()[:7])
              """
                  .formatted(849_542_400L));

      // when
      BootResult boot = device.boot();

      // then: the server's clock ran on for the 1.5 s of DHCP
      assertThat(boot.console())
          .isEqualTo(
              """
              (2000, 1, 1)
              (2026, 12, 2, 16, 0, 1) True
              (2026, 12, 2, 2, 16, 0, 1)
              """);
    }

    @Test
    void ntptimeFailsAsTheBoardDoesWhenNoServerAnswers() {
      Device device = board();
      device
          .flash()
          .put(
              "/main.py",
              """
              import network, time, ntptime
              wlan = network.WLAN(network.STA_IF)
              wlan.active(True)
              wlan.connect('home', 'pw')
              while not wlan.isconnected():
                  time.sleep_ms(100)
              try:
                  ntptime.settime()
              except OSError as e:
                  print('unresolved', e)
              ntptime.host = '10.0.0.1'
              t = time.ticks_ms()
              try:
                  ntptime.settime()
              except OSError as e:
                  print('no answer', e, time.ticks_diff(time.ticks_ms(), t) >= 1000)
              """);

      BootResult boot = device.boot();

      assertThat(boot.console())
          .isEqualTo("unresolved -202\nno answer [Errno 116] ETIMEDOUT True\n");
    }
  }

  @Nested
  class FileTimes {
    @Test
    void filesCarryTheRtcAtTheWriteAndDirectoriesZero() {
      // given: files copied onto the board, a directory, a file the board writes after an hour
      Device device = board(DeviceConfig.builder().setRtcSetAtProvisioning(true));
      device.flash().put("/lib/util.py", "x = 1\n");
      device
          .flash()
          .put(
              "/main.py",
              """
              import os, time
              time.sleep(3600)
              with open('n.txt', 'w') as f:
                  f.write('new')
              os.mkdir('d')
              for p in ('lib/util.py', 'main.py', 'n.txt', 'lib', 'd'):
                  print(p, os.stat(p)[7:10])
              print([p for p in os.listdir() if os.stat(p)[8] == 0])
              """);

      // when
      BootResult boot = device.boot();

      // then
      long hourLater = PROVISIONED + 3600;
      assertThat(boot.console())
          .isEqualTo(
              """
              lib/util.py (%d, %d, %d)
              main.py (%d, %d, %d)
              n.txt (%d, %d, %d)
              lib (0, 0, 0)
              d (0, 0, 0)
              ['d', 'lib']
              """
                  .formatted(
                      PROVISIONED,
                      PROVISIONED,
                      PROVISIONED,
                      PROVISIONED,
                      PROVISIONED,
                      PROVISIONED,
                      hourLater,
                      hourLater,
                      hourLater));
    }

    @Test
    void aConfiguredProvisioningTimeStampsLoadedFiles() {
      Device device =
          board(
              DeviceConfig.builder()
                  .setProvisioningTime(Instant.parse("2026-12-02T16:00:00Z"))
                  .setRtcSetAtProvisioning(false));
      device
          .flash()
          .put("/main.py", "import os, time\nprint(os.stat('main.py')[8], time.time())\n");

      BootResult boot = device.boot();

      assertThat(boot.console()).isEqualTo("849542400 0\n");
    }
  }
}
