package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The board's decompression modules, by firmware profile and on both engines (spec §14, §20):
 * {@code uzlib} up to v1.20 ({@code zlib} its weak link), {@code deflate} from v1.21, decoding only
 * (the ESP32 build has no compression). What DeflateIO prints line by line against the real VM is
 * {@code ProbeFidelityTest}'s wasm_deflate_probe.
 */
class DecompressionModulesTest {
  private static final String IMPORTS =
      """
      for m in ('deflate', 'udeflate', 'zlib', 'uzlib'):
          try:
              print('import OK  ', m, __import__(m).__name__)
          except ImportError as e:
              print('import FAIL', m, e)
      try:
          import deflate
          print('write', hasattr(deflate.DeflateIO, 'write'))
      except ImportError:
          pass
      """;

  private static Device device(Engine engine, String firmware, int heapBytes, int maxAlloc) {
    return Device.create(
        DeviceConfig.builder()
            .setEngine(engine)
            .setFirmware(firmware)
            .setHeapBytes(heapBytes)
            .setMaxAllocBytes(maxAlloc)
            .setBootTimeLimit(Duration.ofSeconds(120))
            .build());
  }

  private static String run(Device device, String main) {
    device.flash().put("/main.py", main);
    BootResult boot = device.boot();
    return boot.outcome() + "\n" + boot.console();
  }

  @Nested
  class Availability {
    @ParameterizedTest
    @EnumSource(Engine.class)
    void upToV120TheBoardHasUzlibAndZlibIsItsWeakLink(Engine engine) {
      String console = run(device(engine, "1.20", 112000, 40000), IMPORTS);

      assertThat(console)
          .endsWith(
              """
              import FAIL deflate no module named 'deflate'
              import FAIL udeflate no module named 'udeflate'
              import OK   zlib uzlib
              import OK   uzlib uzlib
              """);
    }

    @ParameterizedTest
    @CsvSource({"GRAALPY,1.21", "GRAALPY,1.27", "MICROPYTHON,1.21", "MICROPYTHON,1.27"})
    void fromV121TheBoardHasDeflateWithoutCompression(Engine engine, String firmware) {
      String console = run(device(engine, firmware, 112000, 40000), IMPORTS);

      assertThat(console)
          .endsWith(
              """
              import OK   deflate deflate
              import FAIL udeflate no module named 'udeflate'
              import FAIL zlib no module named 'zlib'
              import FAIL uzlib no module named 'uzlib'
              write False
              """);
    }
  }

  /** "hello world\n" 20 times, as the probes compress it. */
  private static final byte[] HELLO = "hello world\n".repeat(20).getBytes();

  private static byte[] zlib(byte[] data, boolean raw) {
    java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, raw);
    deflater.setInput(data);
    deflater.finish();
    byte[] out = new byte[data.length + 64];
    int n = deflater.deflate(out);
    deflater.end();
    return java.util.Arrays.copyOf(out, n);
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Nested
  class Uzlib {
    private static final String PROBE =
        """
        import uzlib
        def t(label, f):
            try:
                print(label, repr(f()))
            except Exception as e:
                print(label, type(e).__name__, e.args)
        def rd(p):
            with open(p, 'rb') as f:
                return f.read()
        z = rd('d.z')
        g = rd('d.gz')
        r = rd('d.raw')
        bad = bytearray(z)
        bad[-1] ^= 1
        t('zlib', lambda: uzlib.decompress(z)[:12])
        t('length', lambda: len(uzlib.decompress(z)))
        t('raw', lambda: len(uzlib.decompress(r, -15)))
        t('gzip', lambda: uzlib.decompress(g, 31))
        t('sum', lambda: uzlib.decompress(bytes(bad)))
        t('cut', lambda: uzlib.decompress(z[:8]))
        t('kw', lambda: uzlib.decompress(z, wbits=0))
        t('io', lambda: len(uzlib.DecompIO(open('d.gz', 'rb'), 31).read()))
        t('io5', lambda: uzlib.DecompIO(open('d.z', 'rb')).read(5))
        t('iohdr', lambda: uzlib.DecompIO(open('d.raw', 'rb')))
        t('ioraw', lambda: len(uzlib.DecompIO(open('d.raw', 'rb'), -8).read()))
        t('iosum', lambda: uzlib.DecompIO(open('bad.z', 'rb')).read())
        t('nostream', lambda: uzlib.DecompIO(5))
        t('close', lambda: hasattr(uzlib.DecompIO(open('d.z', 'rb')), 'close'))
        """;

    /**
     * uzlib's v1.20 semantics, read from extmod/moduzlib.c and lib/uzlib at v1.20.0 (no real VM of
     * that release runs here): decompress returns a bytearray, reads only zlib or (wbits < 0) raw
     * data, so gzip fails its header; errors are ValueError of uzlib's status.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void decodesAsV120Did(Engine engine) {
      Device device = device(engine, "1.20", 112000, 40000);
      byte[] z = zlib(HELLO, false);
      byte[] bad = z.clone();
      bad[bad.length - 1] ^= 1;
      device.flash().put("/d.z", z);
      device.flash().put("/bad.z", bad);
      device.flash().put("/d.gz", gzip(HELLO));
      device.flash().put("/d.raw", zlib(HELLO, true));

      String console = run(device, PROBE);

      assertThat(console)
          .isEqualTo(
              """
              RETURNED
              zlib bytearray(b'hello world\\n')
              length 240
              raw 240
              gzip ValueError (-3,)
              sum ValueError (-4,)
              cut ValueError (-3,)
              kw TypeError ("function doesn't take keyword arguments",)
              io 240
              io5 b'hello'
              iohdr ValueError ('compression header',)
              ioraw 240
              iosum OSError (22,)
              nostream OSError ('stream operation not supported',)
              close False
              """);
    }
  }

  /** 300 random bytes twice: the second copy is one back-reference 300 bytes back. */
  private static byte[] twice300() {
    byte[] block = new byte[300];
    new Random(7).nextBytes(block);
    byte[] data = java.util.Arrays.copyOf(block, 600);
    System.arraycopy(block, 0, data, 300, 300);
    return data;
  }

  /**
   * uzlib decodes a stream into a ring of 2**wbits bytes and refuses a back-reference farther back
   * ({@code UZLIB_DICT_ERROR}, an {@code OSError(22)} from the stream); Java's Inflater keeps 32 KB
   * whatever the board keeps. The v1.27 side is ProbeFidelityTest's wasm_window_probe.
   */
  @Nested
  class Window {
    private static final String PROBE =
        """
        import uzlib
        def t(label, f):
            try:
                print(label, repr(f()))
            except Exception as e:
                print(label, type(e).__name__, e.args)
        def io(p, *a):
            return len(uzlib.DecompIO(open(p, 'rb'), *a).read())
        t('raw-8', lambda: io('d.raw', -8))
        t('raw-9', lambda: io('d.raw', -9))
        t('zlib', lambda: io('d.z'))
        t('zlib cinfo 0', lambda: io('d8.z'))
        t('gzip 24', lambda: io('d.gz', 24))
        t('gzip 25', lambda: io('d.gz', 25))
        with open('d.raw', 'rb') as f:
            r = f.read()
        t('decompress -8', lambda: len(uzlib.decompress(r, -8)))
        """;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void v120sDecompIoRefusesABackReferenceBeyondItsWindow(Engine engine) {
      Device device = device(engine, "1.20", 112000, 40000);
      byte[] data = twice300();
      byte[] z = zlib(data, false);
      byte[] z8 = z.clone();
      z8[0] = 0x08; // CINFO 0: a 256-byte window
      z8[1] = (byte) ((z8[1] & 0xE0) + 31 - ((0x08 * 256 + (z8[1] & 0xE0)) % 31));
      device.flash().put("/d.raw", zlib(data, true));
      device.flash().put("/d.z", z);
      device.flash().put("/d8.z", z8);
      device.flash().put("/d.gz", gzip(data));

      String console = run(device, PROBE);

      // decompress keeps the whole output: its wbits only says raw, not how far back
      assertThat(console)
          .isEqualTo(
              """
              RETURNED
              raw-8 OSError (22,)
              raw-9 600
              zlib 600
              zlib cinfo 0 OSError (22,)
              gzip 24 OSError (22,)
              gzip 25 600
              decompress -8 600
              """);
    }
  }

  @Nested
  class Memory {
    private static final String PROBE =
        """
        import deflate, binascii
        f = open('big.gz', 'rb')
        try:
            f.read()
        except MemoryError:
            print('whole file: MemoryError')
        f.close()
        n = 0
        crc = 0
        buf = bytearray(4096)
        with open('big.gz', 'rb') as f:
            d = deflate.DeflateIO(f)
            while True:
                k = d.readinto(buf)
                if not k:
                    break
                n += k
                crc = binascii.crc32(memoryview(buf)[:k], crc)
        print('streamed', n, crc)
        """;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aMegabyteStreamsThroughAHeapThatCannotHoldItsArchive(Engine engine) {
      // numbered lines: about 10:1, so the archive (~100 KB) is still more than the heap's largest
      // block (40000 bytes) while the test stays quick
      StringBuilder text = new StringBuilder();
      Random random = new Random(17);
      while (text.length() < (1 << 20) - 16) {
        text.append("line ").append(random.nextInt(1000)).append('\n');
      }
      text.append("x".repeat((1 << 20) - text.length()));
      byte[] data = text.toString().getBytes();
      CRC32 crc = new CRC32();
      crc.update(data);
      Device device = device(engine, "1.27", 112000, 40000);
      device.flash().put("/big.gz", gzip(data));

      String console = run(device, PROBE);

      assertThat(console)
          .isEqualTo(
              "RETURNED\nwhole file: MemoryError\nstreamed 1048576 " + crc.getValue() + "\n");
    }

    /**
     * A decompression bomb: 2 MiB of zeros in 2 KB. What the board cannot hold fails as it outgrows
     * the heap, having read a part of the archive, never after the host has decoded and kept all of
     * it: a gigabyte bomb would have taken the JVM with it. (On the MicroPython engine the shims
     * run inside the VM, whose own heap bounds them.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"1.27", "1.20"})
    void aBombIsAMemoryErrorOnceItOutgrowsTheHeapNotAfterTheHostHoldsIt(String firmware) {
      // the largest block holds the 32 KB window (else the MemoryError would come from that)
      Device device = device(Engine.GRAALPY, firmware, 112000, 40000);
      byte[] bomb = zlib(new byte[2 << 20], false);
      device.flash().put("/bomb.z", bomb);

      String console =
          run(
              device,
              """
              try:
                  import deflate
                  make = deflate.DeflateIO
              except ImportError:
                  import uzlib
                  make = uzlib.DecompIO
              class Counted:
                  def __init__(self):
                      self.f = open('bomb.z', 'rb')
                      self.n = 0
                  def read(self, n=-1):
                      b = self.f.read(n)
                      self.n += len(b)
                      return b
                  def readinto(self, buf):
                      b = self.read(len(buf))
                      buf[:len(b)] = b
                      return len(b)
              for how in ('read', 'readline'):
                  src = Counted()
                  try:
                      getattr(make(src), how)()
                      print(how, 'returned')
                  except MemoryError:
                      print(how, 'MemoryError having read', 'all' if src.n >= %d else 'a part')
              if 'uzlib' in globals():
                  try:
                      uzlib.decompress(open('bomb.z', 'rb').read())
                  except MemoryError as e:
                      n = int(str(e).split()[-2])
                      print('decompress MemoryError at', 'the whole' if n >= 1 << 21 else 'a part')
              """
                  .formatted(bomb.length));

      assertThat(console)
          .isEqualTo(
              "RETURNED\nread MemoryError having read a part\n"
                  + "readline MemoryError having read a part\n"
                  + (firmware.equals("1.20") ? "decompress MemoryError at a part\n" : ""));
    }
  }
}
