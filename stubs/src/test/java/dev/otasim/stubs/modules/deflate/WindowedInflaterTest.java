package dev.otasim.stubs.modules.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The board's deflate decoder (lib/uzlib tinflate.c): what it decodes, and the window it decodes
 * in, which Java's own Inflater (always 32 KB) cannot bound.
 */
class WindowedInflaterTest {
  private static byte[] raw(byte[] data, int level) {
    Deflater deflater = new Deflater(level, true);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1024];
    while (!deflater.finished()) {
      out.write(buf, 0, deflater.deflate(buf));
    }
    deflater.end();
    return out.toByteArray();
  }

  /** 300 random bytes twice: the second copy is one back-reference 300 bytes back. */
  private static byte[] twice(int n) {
    byte[] block = new byte[n];
    new Random(7).nextBytes(block);
    byte[] data = Arrays.copyOf(block, 2 * n);
    System.arraycopy(block, 0, data, n, n);
    return data;
  }

  /** Feeds {@code stream} {@code chunk} bytes at a time, reading {@code read} at a time. */
  private static byte[] decode(WindowedInflater in, byte[] stream, int chunk, int read)
      throws WindowedInflater.BadData {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int fed = 0;
    while (!in.finished()) {
      byte[] buf = new byte[read];
      int n = in.inflate(buf);
      out.write(buf, 0, n);
      if (n == 0 && in.needsInput()) {
        if (fed >= stream.length) {
          throw new AssertionError("the stream ended before its last block");
        }
        int end = Math.min(stream.length, fed + chunk);
        in.feed(Arrays.copyOfRange(stream, fed, end));
        fed = end;
      }
    }
    return out.toByteArray();
  }

  @Nested
  class Decoding {
    @ParameterizedTest
    @CsvSource({"0,512,256", "1,1,7", "6,3,1", "9,512,4096", "9,17,100"})
    void decodesWhatJavaCompressesFedAndReadInAnyPieces(int level, int chunk, int read)
        throws Exception {
      byte[] text = "hello world, hello board; ".repeat(900).getBytes();
      byte[] noise = new byte[70000];
      new Random(3).nextBytes(noise);
      byte[] data = new byte[text.length + noise.length + text.length];
      System.arraycopy(text, 0, data, 0, text.length);
      System.arraycopy(noise, 0, data, text.length, noise.length);
      System.arraycopy(text, 0, data, text.length + noise.length, text.length);

      byte[] got = decode(new WindowedInflater(1 << 15), raw(data, level), chunk, read);

      assertThat(got).isEqualTo(data);
    }

    @Test
    void leavesTheBytesAfterTheLastBlockForTheTrailer() throws Exception {
      byte[] stream = raw("abcabcabc".getBytes(), 9);
      byte[] withTrailer = Arrays.copyOf(stream, stream.length + 4);
      withTrailer[stream.length] = 42;
      WindowedInflater in = new WindowedInflater(256);
      in.feed(withTrailer);

      byte[] out = new byte[64];
      int n = in.inflate(out);

      assertThat(new String(out, 0, n)).isEqualTo("abcabcabc");
      assertThat(in.finished()).isTrue();
      assertThat(in.rest()).containsExactly(42, 0, 0, 0);
    }
  }

  @Nested
  class Window {
    @Test
    void aBackReferenceFartherThanTheRingIsUzlibsDictError() {
      WindowedInflater in = new WindowedInflater(256);

      assertThatThrownBy(() -> decode(in, raw(twice(300), 9), 512, 1000))
          .isInstanceOf(WindowedInflater.BadData.class)
          .hasMessage("a back-reference 300 bytes back, the window is 256")
          .extracting(e -> ((WindowedInflater.BadData) e).status)
          .isEqualTo(-5);
    }

    @Test
    void decodesUpToTheBackReferenceBeforeFailing() throws Exception {
      WindowedInflater in = new WindowedInflater(256);
      in.feed(raw(twice(300), 9));

      byte[] first = new byte[300];
      int n = in.inflate(first);

      assertThat(n).isEqualTo(300);
      assertThat(first).isEqualTo(Arrays.copyOf(twice(300), 300));
      assertThatThrownBy(() -> in.inflate(new byte[10]))
          .isInstanceOf(WindowedInflater.BadData.class);
    }

    @Test
    void aBackReferenceWithinTheRingDecodes() throws Exception {
      assertThat(decode(new WindowedInflater(512), raw(twice(300), 9), 512, 100))
          .isEqualTo(twice(300));
      assertThat(decode(new WindowedInflater(256), raw(twice(200), 9), 512, 100))
          .isEqualTo(twice(200));
    }

    /** A fixed block: literal 'A', then 3 bytes from 5 back, then the end. */
    private static final byte[] EARLY = {0x73, 0x04, 0x12, 0x00};

    @Test
    void aBackReferenceBeforeTheStartReadsTheRingsZeros() throws Exception {
      assertThat(decode(new WindowedInflater(256), EARLY, 4, 10)).containsExactly('A', 0, 0, 0);
    }

    @Test
    void withoutARingABackReferenceBeforeTheStartIsADataError() {
      assertThatThrownBy(() -> decode(new WindowedInflater(0), EARLY, 4, 10))
          .isInstanceOf(WindowedInflater.BadData.class)
          .hasMessage("a back-reference before the start of the output")
          .extracting(e -> ((WindowedInflater.BadData) e).status)
          .isEqualTo(-3);
    }
  }
}
