package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * One allocation larger than the heap's largest free block is a MemoryError before the host spends
 * the memory or the time (spec §11). Texts and sizes as MicroPython v1.27 reports them on a 32-bit
 * port (checked on the real interpreter for bytes and lists: N + 1 bytes for bytes and str, 4 per
 * list item).
 */
class HeapTest {
  private static BootResult boot(DeviceConfig.Builder config, String main) {
    Device device = Device.create(config.setBootTimeLimit(Duration.ofSeconds(60)).build());
    device.flash().put("/main.py", main);
    return device.boot();
  }

  private static final String CASES =
      """
      def t(name, f):
          try:
              f()
              print(name, 'ok')
          except MemoryError as e:
              print(name, 'MemoryError:', e)

      t('bytes repeat', lambda: b'x' * 10**9)
      t('str repeat', lambda: 'z' * 10**9)
      t('list repeat', lambda: [0] * 10**9)
      t('tuple repeat', lambda: (0,) * 10**6)
      t('bytearray(n)', lambda: bytearray(10**9))
      t('int power', lambda: 7 ** (3 * 10**7))
      t('int shift', lambda: 1 << 2**20)
      t('join', lambda: ','.join(['abcdefghij'] * 10000))
      def grow():
          s = b'x' * 30000
          s += s
      t('+= grows one block', grow)
      def small():
          s = b'x' * 30000
          return s + b'y' * 5000, [0] * 9000, 7 ** 1000, ' '.join(['ab'] * 100)
      t('what fits', small)
      """;

  @Test
  void bigAllocationsFailAtOnceWithTheBoardsText() {
    BootResult boot = boot(DeviceConfig.builder(), CASES);

    assertThat(boot.console())
        .isEqualTo(
            """
            bytes repeat MemoryError: memory allocation failed, allocating 1000000001 bytes
            str repeat MemoryError: memory allocation failed, allocating 1000000001 bytes
            list repeat MemoryError: memory allocation failed, allocating 4000000000 bytes
            tuple repeat MemoryError: memory allocation failed, allocating 4000008 bytes
            bytearray(n) MemoryError: memory allocation failed, allocating 1000000000 bytes
            int power MemoryError: memory allocation failed, allocating 40562 bytes
            int shift MemoryError: memory allocation failed, allocating 131074 bytes
            join MemoryError: memory allocation failed, allocating 110000 bytes
            += grows one block MemoryError: memory allocation failed, allocating 60001 bytes
            what fits ok
            """);
  }

  @Test
  void aBoardWithPsramHasALargerBlock() {
    BootResult boot =
        boot(
            DeviceConfig.builder().setHeapBytes(4_000_000).setMaxAllocBytes(2_000_000),
            """
            b = b'x' * 1000000
            print(len(b), len(b'y' * 999999 + b))
            try:
                b'x' * 3000000
            except MemoryError as e:
                print(e)
            """);

    assertThat(boot.console())
        .isEqualTo("1000000 1999999\nmemory allocation failed, allocating 3000001 bytes\n");
  }
}
