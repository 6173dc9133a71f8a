package dev.otasim.stubs.modules.deflate;

import dev.otasim.stubs.MicroPythonApi;
import dev.otasim.stubs.MicroPythonError;
import java.nio.charset.StandardCharsets;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;

/**
 * One raw deflate stream being decoded in the board's window ({@link WindowedInflater}): input is
 * fed in chunks, output taken up to a limit, and the sum of the output kept for the zlib or gzip
 * trailer. Bytes cross as latin-1 strings, as everywhere between the shims and Java.
 */
public final class Inflation {
  /**
   * The most one {@link #inflate} decodes: the shims loop for more, and device code that reaches
   * this object (it is an attribute of a DeflateIO) cannot have the host allocate its {@code max}.
   */
  static final int MOST = 64 << 10;

  private final WindowedInflater inflater;
  private final Checksum sum;
  private boolean failed;
  private boolean ended;

  Inflation(int checksum, int window) {
    inflater = new WindowedInflater(window);
    sum =
        switch (checksum) {
          case 0 -> null;
          case 1 -> new Adler32();
          case 2 -> new CRC32();
          default -> throw MicroPythonError.value("checksum " + checksum + " is not 0, 1, 2");
        };
  }

  /** Whether the decoder has used every byte fed so far and wants more. */
  @MicroPythonApi
  public boolean needs_input() {
    return !ended && inflater.needsInput();
  }

  /** Whether the stream's last block has been decoded. */
  @MicroPythonApi
  public boolean finished() {
    return ended || inflater.finished();
  }

  /** Gives the decoder the next bytes of the compressed stream. */
  @MicroPythonApi
  public void feed(String latin1) {
    if (ended) {
      return;
    }
    inflater.feed(latin1.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Up to {@code max} decoded bytes: empty when the decoder needs input, is finished or has {@link
   * #failed()}.
   */
  @MicroPythonApi
  public String inflate(int max) {
    if (failed || ended) {
      return "";
    }
    byte[] out = new byte[Math.max(0, Math.min(max, MOST))];
    int n;
    try {
      n = inflater.inflate(out);
    } catch (WindowedInflater.BadData e) {
      // the board's read fails whole, the bytes it decoded before the error with it
      failed = true;
      return "";
    }
    if (sum != null) {
      sum.update(out, 0, n);
    }
    return new String(out, 0, n, StandardCharsets.ISO_8859_1);
  }

  /**
   * Whether the data was not deflate (the board's {@code UZLIB_DATA_ERROR}) or reached back farther
   * than the window ({@code UZLIB_DICT_ERROR}).
   */
  @MicroPythonApi
  public boolean failed() {
    return failed;
  }

  /** The bytes fed but not used by the finished stream: the start of its trailer. */
  @MicroPythonApi
  public String rest() {
    if (ended) {
      return "";
    }
    return new String(inflater.rest(), StandardCharsets.ISO_8859_1);
  }

  /** The Adler-32 or CRC-32 of the output so far (0 without a sum). */
  @MicroPythonApi
  public long checksum() {
    return sum == null ? 0 : sum.getValue();
  }

  /**
   * Frees the decoder's native state; after it the stream reads as finished and empty, whoever
   * calls (a Java exception would carry the host's class names into device code).
   */
  @MicroPythonApi
  public void end() {
    ended = true;
  }
}
