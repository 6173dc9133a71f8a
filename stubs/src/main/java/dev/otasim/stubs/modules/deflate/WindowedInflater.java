package dev.otasim.stubs.modules.deflate;

import java.util.Arrays;

/**
 * A raw deflate decoder (RFC 1951) that remembers only as much output as the board does. Java's
 * {@link java.util.zip.Inflater} always keeps 32 KB, so a stream whose back-references reach
 * farther than the board's window would decode here and fail on the board. uzlib (lib/uzlib,
 * tinflate.c) decodes a stream into a ring of {@code 2**wbits} bytes, zeroed when allocated: a
 * distance beyond the ring is {@code UZLIB_DICT_ERROR}, one within it but before the first byte
 * reads those zeros. {@code uzlib.decompress} (v1.20) has no ring but the whole output, and a
 * distance before its start is {@code UZLIB_DATA_ERROR}.
 *
 * <p>Input arrives in chunks and output leaves up to a limit, so every step (a block header, a
 * symbol, a match) either completes on the input at hand or is taken back whole to wait for more.
 */
final class WindowedInflater {
  /** A stream the board cannot decode, with uzlib's status. */
  static final class BadData extends Exception {
    final int status;

    BadData(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  static final int DATA_ERROR = -3;
  static final int DICT_ERROR = -5;

  /** Thrown when a step needs bits not fed yet; one instance, no stack. */
  private static final RuntimeException NEED_INPUT =
      new RuntimeException("need input", null, false, false) {};

  private static final int MAX_DISTANCE = 32768;
  private static final int[] LENGTH_BASE = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258
  };
  private static final int[] LENGTH_EXTRA = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
  };
  private static final int[] DIST_BASE = {
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
    3073, 4097, 6145, 8193, 12289, 16385, 24577
  };
  private static final int[] DIST_EXTRA = {
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13
  };

  /** The order in which a dynamic block sends its code-length code lengths. */
  private static final int[] CLEN_ORDER = {
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15
  };

  private static final Code FIXED_LITERALS;
  private static final Code FIXED_DISTANCES;

  static {
    int[] lengths = new int[288];
    Arrays.fill(lengths, 0, 144, 8);
    Arrays.fill(lengths, 144, 256, 9);
    Arrays.fill(lengths, 256, 280, 7);
    Arrays.fill(lengths, 280, 288, 8);
    FIXED_LITERALS = new Code(lengths);
    int[] distances = new int[30];
    Arrays.fill(distances, 5);
    FIXED_DISTANCES = new Code(distances);
  }

  private enum State {
    HEADER,
    STORED,
    SYMBOLS,
    DONE
  }

  private final boolean ring;
  private final byte[] window;
  private int windowAt;
  private long produced;

  private byte[] input = new byte[0];
  private int pos;
  private int bits;
  private int bitCount;
  private boolean starved;

  private State state = State.HEADER;
  private boolean last;
  private int storedLeft;
  private Code literals;
  private Code distances;
  private int copyLength;
  private int copyDistance;

  /**
   * @param window the ring's size in bytes, as the board allocates it ({@code 1 << wbits}); 0 for
   *     {@code uzlib.decompress}, whose window is all the output so far
   */
  WindowedInflater(int window) {
    if (window < 0) {
      throw new IllegalArgumentException("window " + window + " is not >= 0");
    }
    this.ring = window > 0;
    this.window = new byte[ring ? window : MAX_DISTANCE];
  }

  /** Adds {@code more} after the input not used yet. */
  void feed(byte[] more) {
    int left = input.length - pos;
    byte[] joined = Arrays.copyOfRange(input, pos, pos + left + more.length);
    System.arraycopy(more, 0, joined, left, more.length);
    input = joined;
    pos = 0;
    starved = false;
  }

  /**
   * Whether the next step waits for input: every byte fed is used, or the step needs more bits than
   * are left.
   */
  boolean needsInput() {
    return state != State.DONE && (starved || pos >= input.length);
  }

  boolean finished() {
    return state == State.DONE;
  }

  /** The bytes fed after the last block's end, once {@link #finished()}. */
  byte[] rest() {
    return Arrays.copyOfRange(input, pos, input.length);
  }

  /**
   * Decodes into {@code out} up to its length; returns how many bytes, fewer when the input ran out
   * or the stream ended.
   */
  int inflate(byte[] out) throws BadData {
    int n = 0;
    while (n < out.length && state != State.DONE) {
      if (copyLength > 0) {
        int from = windowAt - copyDistance;
        if (from < 0) {
          from += window.length;
        }
        byte b = window[from];
        out[n++] = b;
        put(b);
        copyLength--;
        continue;
      }
      if (state == State.STORED) {
        if (storedLeft == 0) {
          state = last ? State.DONE : State.HEADER;
          continue;
        }
        if (pos >= input.length) {
          break;
        }
        byte b = input[pos++];
        out[n++] = b;
        put(b);
        storedLeft--;
        continue;
      }
      int savedPos = pos;
      int savedBits = bits;
      int savedCount = bitCount;
      try {
        if (state == State.HEADER) {
          header();
        } else {
          int symbol = literals.decode(this);
          if (symbol < 256) {
            out[n++] = (byte) symbol;
            put((byte) symbol);
          } else if (symbol == 256) {
            state = last ? State.DONE : State.HEADER;
          } else {
            match(symbol);
          }
        }
      } catch (RuntimeException e) {
        if (e != NEED_INPUT) {
          throw e;
        }
        pos = savedPos;
        bits = savedBits;
        bitCount = savedCount;
        starved = true;
        break;
      }
    }
    return n;
  }

  private void header() throws BadData {
    int first = bits(1);
    int type = bits(2);
    switch (type) {
      case 0 -> {
        bits = 0;
        bitCount = 0; // the rest of the byte: fewer than 8 bits are ever left over
        int length = byte_() | byte_() << 8;
        int inverse = byte_() | byte_() << 8;
        if (length != (~inverse & 0xFFFF)) {
          throw new BadData(DATA_ERROR, "stored block length " + length + " does not check");
        }
        storedLeft = length;
        state = State.STORED;
      }
      case 1 -> {
        literals = FIXED_LITERALS;
        distances = FIXED_DISTANCES;
        state = State.SYMBOLS;
      }
      case 2 -> {
        dynamicCodes();
        state = State.SYMBOLS;
      }
      default -> throw new BadData(DATA_ERROR, "block type 3");
    }
    last = first == 1;
  }

  private void dynamicCodes() throws BadData {
    int literalCount = bits(5) + 257;
    int distanceCount = bits(5) + 1;
    int clenCount = bits(4) + 4;
    int[] clens = new int[19];
    for (int i = 0; i < clenCount; i++) {
      clens[CLEN_ORDER[i]] = bits(3);
    }
    Code lengthCode = new Code(clens);
    int[] lengths = new int[literalCount + distanceCount];
    int i = 0;
    while (i < lengths.length) {
      int symbol = lengthCode.decode(this);
      int repeat;
      int value;
      if (symbol < 16) {
        lengths[i++] = symbol;
        continue;
      } else if (symbol == 16) {
        if (i == 0) {
          throw new BadData(DATA_ERROR, "a repeat with no length before it");
        }
        value = lengths[i - 1];
        repeat = 3 + bits(2);
      } else if (symbol == 17) {
        value = 0;
        repeat = 3 + bits(3);
      } else {
        value = 0;
        repeat = 11 + bits(7);
      }
      if (i + repeat > lengths.length) {
        throw new BadData(DATA_ERROR, "code lengths overrun");
      }
      Arrays.fill(lengths, i, i + repeat, value);
      i += repeat;
    }
    literals = new Code(Arrays.copyOfRange(lengths, 0, literalCount));
    distances = new Code(Arrays.copyOfRange(lengths, literalCount, lengths.length));
  }

  private void match(int symbol) throws BadData {
    int l = symbol - 257;
    if (l >= 29) {
      throw new BadData(DATA_ERROR, "length symbol " + symbol);
    }
    int length = LENGTH_BASE[l] + bits(LENGTH_EXTRA[l]);
    int d = distances.decode(this);
    if (d >= 30) {
      throw new BadData(DATA_ERROR, "distance symbol " + d);
    }
    int distance = DIST_BASE[d] + bits(DIST_EXTRA[d]);
    if (ring && distance > window.length) {
      throw new BadData(
          DICT_ERROR,
          "a back-reference " + distance + " bytes back, the window is " + window.length);
    }
    if (!ring && distance > produced) {
      throw new BadData(DATA_ERROR, "a back-reference before the start of the output");
    }
    copyLength = length;
    copyDistance = distance;
  }

  private void put(byte b) {
    window[windowAt] = b;
    windowAt = windowAt + 1 == window.length ? 0 : windowAt + 1;
    produced++;
  }

  private int byte_() {
    if (pos >= input.length) {
      throw NEED_INPUT;
    }
    return input[pos++] & 0xFF;
  }

  /** The next {@code n} bits, least significant first. */
  int bits(int n) {
    while (bitCount < n) {
      bits |= byte_() << bitCount;
      bitCount += 8;
    }
    int value = bits & ((1 << n) - 1);
    bits >>>= n;
    bitCount -= n;
    return value;
  }

  /** A canonical Huffman code, decoded a bit at a time (RFC 1951 §3.2.2). */
  private static final class Code {
    private final int[] counts = new int[16];
    private final int[] symbols;

    Code(int[] lengths) {
      for (int length : lengths) {
        counts[length]++;
      }
      counts[0] = 0;
      int[] offsets = new int[16];
      for (int len = 1; len < 16; len++) {
        offsets[len] = offsets[len - 1] + counts[len - 1];
      }
      symbols = new int[lengths.length];
      for (int s = 0; s < lengths.length; s++) {
        if (lengths[s] != 0) {
          symbols[offsets[lengths[s]]++] = s;
        }
      }
    }

    int decode(WindowedInflater in) throws BadData {
      int code = 0;
      int first = 0;
      int index = 0;
      for (int len = 1; len < 16; len++) {
        code |= in.bits(1);
        int count = counts[len];
        if (code - first < count) {
          return symbols[index + code - first];
        }
        index += count;
        first = (first + count) << 1;
        code <<= 1;
      }
      throw new BadData(DATA_ERROR, "no such Huffman code");
    }
  }
}
