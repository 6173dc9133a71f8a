package dev.otasim.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.github.FakeGitHub;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineTestKit;

class SimulatorExtensionTest {
  @Test
  void injectsAConnectedDeviceAndAStartedGitHub() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(Injected.class))
        .execute()
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2));
  }

  @Test
  void misconfiguredAnnotationSaysWhatIsWrong() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(BadFirmware.class))
        .execute()
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("device"),
                finishedWithFailure(
                    instanceOf(ParameterResolutionException.class),
                    message(
                        m ->
                            m.contains(
                                "@OtaSimulatorTest is misconfigured: firmware (latest) must look like"
                                    + " 1.27.0 or 1.22")))));
  }

  @Test
  void unexpectedRequestFailsTheTestAndListsWhatWasScripted() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(Unexpected.class))
        .execute()
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("requestsAnUnknownRepository"),
                finishedWithFailure(
                    instanceOf(AssertionError.class),
                    message(
                        m ->
                            m.startsWith(
                                "Unexpected request GET api.github.com/repos/nobody/nothing/releases/latest")))));
  }

  @Test
  void registeringTheExtensionWithoutTheAnnotationIsRejected() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(WithoutAnnotation.class))
        .execute()
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("device"),
                finishedWithFailure(
                    instanceOf(ParameterResolutionException.class),
                    message(
                        m ->
                            m.contains(
                                "SimulatorExtension is registered without @OtaSimulatorTest; annotate"
                                    + " the test class or method with @OtaSimulatorTest instead of"
                                    + " @ExtendWith")))));
  }

  @Test
  void theEngineParameterOverridesEveryAnnotation() {
    EngineTestKit.engine("junit-jupiter")
        .configurationParameter(OtaSimulatorTest.ENGINE_PARAMETER, "micropython")
        .selectors(selectClass(OnEngine.class))
        .execute()
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));
  }

  @Test
  void aMisspelledEngineParameterSaysWhatIsWrong() {
    EngineTestKit.engine("junit-jupiter")
        .configurationParameter(OtaSimulatorTest.ENGINE_PARAMETER, "cpython")
        .selectors(selectClass(OnEngine.class))
        .execute()
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("config"),
                finishedWithFailure(
                    instanceOf(ParameterResolutionException.class),
                    message(
                        m ->
                            m.contains(
                                "the configuration parameter otasim.engine is misconfigured: no"
                                    + " engine 'cpython': use graalpy or micropython, or leave it"
                                    + " unset for each test's own")))));
  }

  // ---------------------------------------------------------------- fixtures run by the test kit

  @OtaSimulatorTest
  static class OnEngine {
    @Test
    void config(DeviceConfig config) {
      org.assertj.core.api.Assertions.assertThat(config.engine())
          .isEqualTo(dev.otasim.device.Engine.MICROPYTHON);
    }
  }

  @OtaSimulatorTest(heapBytes = 90_000, flashBlocks = 240)
  static class Injected {
    @Test
    void device(Device device, FakeGitHub github, DeviceConfig config) {
      org.assertj.core.api.Assertions.assertThat(config.heapBytes()).isEqualTo(90_000);
      org.assertj.core.api.Assertions.assertThat(device.flash().blockCount()).isEqualTo(240);
      org.assertj.core.api.Assertions.assertThat(device.network().resolve("api.github.com"))
          .isPresent();
      org.assertj.core.api.Assertions.assertThat(github.address().getPort()).isPositive();
    }

    @Test
    void sameInstancesWithinATest(Device a, Device b, FakeGitHub g, FakeGitHub h) {
      org.assertj.core.api.Assertions.assertThat(a).isSameAs(b);
      org.assertj.core.api.Assertions.assertThat(g).isSameAs(h);
    }
  }

  @OtaSimulatorTest(firmware = "latest")
  static class BadFirmware {
    @Test
    void device(Device device) {}
  }

  @OtaSimulatorTest
  static class Unexpected {
    @Test
    void requestsAnUnknownRepository(FakeGitHub github) throws Exception {
      github.repository("owner/app").release("v1.0.0", t -> t.file("main/app.py", "x"));
      try (Socket s = new Socket(github.address().getAddress(), github.address().getPort())) {
        s.getOutputStream()
            .write(
                ("GET /repos/nobody/nothing/releases/latest HTTP/1.0\r\nHost: api.github.com\r\n"
                        + "User-Agent: t\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        s.getInputStream().readAllBytes();
      }
    }
  }

  @org.junit.jupiter.api.extension.ExtendWith(SimulatorExtension.class)
  static class WithoutAnnotation {
    @Test
    void device(Device device) {}
  }
}
