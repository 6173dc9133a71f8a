package dev.otasim.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.stubs.machine.VirtualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UartConsoleTest {
  @Test
  void oneByteNotKeptIsOneByte() throws IOException {
    ByteArrayOutputStream host = new ByteArrayOutputStream();
    // 8 bytes kept: the first 6 and the last 2
    UartConsole console = new UartConsole(new VirtualClock(), 115_200, 8, host);

    console.write("abcdefghi".getBytes(StandardCharsets.US_ASCII));
    console.finish();

    assertThat(host.toString(StandardCharsets.UTF_8))
        .isEqualTo("abcdef\n[otasim: 1 byte not kept]\nhi");
  }
}
