package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The last line of the board's traceback is the exception's name, a colon and a space, then its
 * argument: with no argument, or an empty one, the colon and the space are still printed ({@code
 * mp_obj_exception_print} in py/objexcept.c, v1.27; the real VM prints {@code ValueError: }).
 * GraalPy printed a bare {@code ValueError}, so the two engines' consoles differed.
 */
class ExceptionLineTest {
  private static final String MAIN =
      """
      import sys
      for e in (ValueError(), KeyError(''), OSError(), ValueError('x', 1)):
          try:
              raise e
          except Exception as caught:
              sys.print_exception(caught)
      def f():
          raise ValueError
      f()
      """;

  @ParameterizedTest
  @EnumSource(Engine.class)
  void anExceptionWithoutArgumentsStillPrintsTheColon(Engine engine) {
    Device device =
        Device.create(
            DeviceConfig.builder()
                .setEngine(engine)
                .setBootTimeLimit(Duration.ofSeconds(60))
                .build());
    device.flash().put("/main.py", MAIN);

    BootResult boot = device.boot();

    assertThat(boot.console())
        .isEqualTo(
            """
            Traceback (most recent call last):
              File "main.py", line 4, in <module>
            ValueError: \n\
            Traceback (most recent call last):
              File "main.py", line 4, in <module>
            KeyError: \n\
            Traceback (most recent call last):
              File "main.py", line 4, in <module>
            OSError: \n\
            Traceback (most recent call last):
              File "main.py", line 4, in <module>
            ValueError: ('x', 1)
            Traceback (most recent call last):
              File "main.py", line 9, in <module>
              File "main.py", line 8, in f
            ValueError: \n\
            """);
  }
}
