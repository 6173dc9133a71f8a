package dev.otasim.stress;

import static dev.otasim.assertions.OtaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.junit.OtaSimulatorTest;
import dev.otasim.stubs.journal.ResetCause;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Boots that never end by themselves: they end as HUNG at the limit (the boot thread's CPU time; a
 * boot that waits, at the limit on the wall clock), or the run stops at {@link
 * DeviceConfig#maxBoots()} and says it was still restarting.
 */
// hangs boots on purpose until the limit; the blocked one is timed on the wall clock
@Isolated
@OtaSimulatorTest(bootTimeLimitMillis = 2000)
class HangAndLoopTest {
  /**
   * Ten times what a hung boot needs: the limit is 2 s, stopping a busy context takes well under a
   * second. A busy boot is measured in the test thread's CPU time (the boot runs on it), which a
   * loaded machine does not stretch; this bound only catches a boot the limit did not stop.
   */
  private static final long WITHIN_MILLIS = 30_000;

  /** The JVM's first boot (GraalPy's own start, the code cache's compiler) is not timed here. */
  @BeforeAll
  static void warmUp() {
    Device warm = Device.create();
    warm.flash().put("/main.py", "pass\n");
    warm.boot();
  }

  @Test
  void busyLoopEndsAsHungAtTheLimit(Device device) {
    device.flash().put("/main.py", "n = 0\nwhile True:\n    n += 1\n");

    long t0 = cpuNanos();
    BootResult boot = device.boot();

    assertThat(cpuMillisSince(t0)).isLessThan(WITHIN_MILLIS);
    assertThat(boot).endedWith(BootOutcome.HUNG).printedExactly("");
    assertThat(device.journal().text())
        .isEqualTo("boot 1 cause=PWRON\nhung (no end after 2000 ms)\n");
  }

  @Test
  void compilingAHugeMainPyCountsAgainstTheLimitAndEndsAsHung(Device device) {
    // 2.6 MB of source: its compile alone ran for minutes before the limit started
    StringBuilder big = new StringBuilder();
    for (int i = 0; big.length() < 2_600_000; i++) {
      big.append("v").append(i).append(" = [").append(i).append(", 'x' * 3, {'k': b'y'}]\n");
    }
    device.flash().put("/main.py", big.toString());

    BootResult boot = device.boot();

    assertThat(boot).endedWith(BootOutcome.HUNG).printedExactly("");
    assertThat(device.journal().text())
        .isEqualTo("boot 1 cause=PWRON\nhung (no end after 2000 ms)\n");
  }

  @Test
  void sleepingForeverInVirtualTimeStillEndsAsHungAtTheLimit(Device device) {
    // time.sleep advances a virtual clock at once, so this loop spins on the processor: only the
    // boot's time limit can end it.
    device
        .flash()
        .put(
            "/main.py",
            """
            import time
            while True:
                time.sleep(1)
            """);

    long t0 = cpuNanos();
    BootResult boot = device.boot();

    assertThat(cpuMillisSince(t0)).isLessThan(WITHIN_MILLIS);
    assertThat(boot).endedWith(BootOutcome.HUNG);
    assertThat(device.journal().text())
        .isEqualTo("boot 1 cause=PWRON\nhung (no end after 2000 ms)\n");
  }

  @Test
  @Timeout(300)
  void blockingRecvOnAStalledServerEndsAsHungAndFreesTheSocket(Device device) throws Exception {
    // given a server that accepts, reads the request and never answers
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      device
          .network()
          .host("stall.example", "203.0.113.7")
          .route("203.0.113.7", (InetSocketAddress) server.getLocalSocketAddress());
      device
          .flash()
          .put(
              "/main.py",
              """
              import network, socket, time
              w = network.WLAN(network.STA_IF)
              w.active(True)
              w.connect('home', 'pw')
              while not w.isconnected():
                  time.sleep_ms(100)
              addr = socket.getaddrinfo('stall.example', 80)[0][-1]
              s = socket.socket()
              s.connect(addr)
              s.send(b'GET / HTTP/1.0\\r\\n\\r\\n')
              print('waiting')
              s.recv(100)
              print('never')
              """);

      // when (a boot that never ends fails the test at its timeout; no wall-clock bound here,
      // which a loaded machine would break)
      BootResult boot = device.boot();

      // then the boot hung at the limit, and its socket was closed: the server reads end of stream
      assertThat(boot).endedWith(BootOutcome.HUNG).printedExactly("waiting\n");
      server.setSoTimeout(5000);
      try (Socket accepted = server.accept()) {
        accepted.setSoTimeout(5000);
        InputStream in = accepted.getInputStream();
        assertThat(new String(in.readNBytes(18), "ISO-8859-1")).isEqualTo("GET / HTTP/1.0\r\n\r\n");
        assertThat(in.read()).as("the device's side was closed").isEqualTo(-1);
      }
    }
  }

  @Test
  void resetOnEveryBootStopsAtMaxBootsStillRestarting() {
    // given
    DeviceConfig config = DeviceConfig.builder().setMaxBoots(5).build();
    Device device = Device.create(config);
    device.flash().put("/main.py", "import machine\nprint('boot')\nmachine.reset()\n");

    // when
    List<BootResult> run = device.runUntilSettled();

    // then the run says it never settled: five boots, the last one restarting the board
    assertThat(run).hasSize(5).allMatch(b -> b.outcome() == BootOutcome.HARD_RESET);
    assertThat(run.get(run.size() - 1).outcome().restarts()).isTrue();
    assertThat(run)
        .extracting(BootResult::cause)
        .containsExactly(
            ResetCause.PWRON, ResetCause.HARD, ResetCause.HARD, ResetCause.HARD, ResetCause.HARD);
    assertThat(device.console()).isEqualTo("boot\n".repeat(5));
    assertThat(device.journal().text())
        .isEqualTo(
            """
            boot 1 cause=PWRON
            reset HARD
            boot 2 cause=HARD
            reset HARD
            boot 3 cause=HARD
            reset HARD
            boot 4 cause=HARD
            reset HARD
            boot 5 cause=HARD
            reset HARD
            """);
  }

  @Test
  void watchdogNotFedWhileSleepingResetsTheBoardAndTheNextBootSaysWdt(Device device) {
    // given
    device
        .flash()
        .put(
            "/main.py",
            """
            import machine, time
            if machine.reset_cause() == machine.WDT_RESET:
                print('woke from the watchdog')
            else:
                wdt = machine.WDT(timeout=2000)
                print('armed')
                time.sleep(5)
                print('never')
            """);

    // when
    List<BootResult> run = device.runUntilSettled();

    // then
    assertThat(run)
        .extracting(BootResult::outcome)
        .containsExactly(BootOutcome.WATCHDOG, BootOutcome.RETURNED);
    assertThat(run.get(1).cause()).isEqualTo(ResetCause.WDT);
    assertThat(device.console()).isEqualTo("armed\nwoke from the watchdog\n");
    assertThat(device.journal().text())
        .isEqualTo(
            """
            boot 1 cause=PWRON
            reset WDT
            boot 2 cause=WDT
            """);
  }

  @Test
  void aHungBootIsFollowedByAPowerCycleThatBootsNormally(Device device) {
    device
        .flash()
        .put(
            "/main.py",
            """
            import os
            if 'hung-once' not in os.listdir():
                open('hung-once', 'w').close()
                while True:
                    pass
            print('second boot runs')
            """);

    BootResult first = device.boot();
    BootResult second = device.boot();

    assertThat(first).endedWith(BootOutcome.HUNG);
    assertThat(second).endedWith(BootOutcome.RETURNED).printedExactly("second boot runs\n");
    assertThat(second.cause()).isEqualTo(ResetCause.PWRON);
  }

  private static long cpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static long cpuMillisSince(long t0) {
    return TimeUnit.NANOSECONDS.toMillis(cpuNanos() - t0);
  }
}
