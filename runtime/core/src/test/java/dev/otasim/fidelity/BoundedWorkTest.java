package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every operation whose result can outgrow its operands is under the board's heap, whichever way
 * device code reaches it (spec §11): a subclass of the built-in type, a method by attribute or
 * getattr, a width in a format spec, a %-format, an f-string. The board's built-in types have no
 * operator methods at all ({@code 'x'.__mul__} is AttributeError on the real v1.27 VM). Sizes are
 * 10 MB here so that the old code, which allocated them, printed ok instead of failing a JVM.
 */
class BoundedWorkTest {
  private static BootResult boot(String main) {
    return boot(main, Duration.ofSeconds(60));
  }

  private static BootResult boot(String main, Duration limit) {
    Device device = Device.create(DeviceConfig.builder().setBootTimeLimit(limit).build());
    device.flash().put("/main.py", main);
    return device.boot();
  }

  private static final String HARNESS =
      """
      def t(name, f):
          try:
              r = f()
              print(name, 'ok', len(r) if hasattr(r, '__len__') else r)
          except Exception as e:
              print(name, type(e).__name__ + ':', e)

      N = 10**7
      """;

  @Nested
  class Repetition {
    @Test
    void subclassesOfStrBytesAndListRepeatUnderTheHeap() {
      BootResult boot =
          boot(
              HARNESS
                  + """
                  class S(str):
                      pass
                  class B(bytes):
                      pass
                  class L(list):
                      pass
                  class Own(str):
                      def __mul__(self, n):
                          return 'own'
                  def grow():
                      s = S('x')
                      s *= N
                      return s
                  t('S * n', lambda: S('x') * N)
                  t('n * S', lambda: N * S('x'))
                  t('B * n', lambda: B(b'x') * N)
                  t('L * n', lambda: L([0]) * N)
                  t('S *= n', grow)
                  t('own __mul__', lambda: Own('x') * N)
                  t('small', lambda: S('ab') * 100)
                  """);

      assertThat(boot.console())
          .isEqualTo(
              """
              S * n MemoryError: memory allocation failed, allocating 10000001 bytes
              n * S MemoryError: memory allocation failed, allocating 10000001 bytes
              B * n MemoryError: memory allocation failed, allocating 10000001 bytes
              L * n MemoryError: memory allocation failed, allocating 40000000 bytes
              S *= n MemoryError: memory allocation failed, allocating 10000001 bytes
              own __mul__ ok 3
              small ok 200
              """);
    }

    @Test
    void bytesOfNUnderAnyNameAndListsOfARangeAreAllocations() {
      BootResult boot =
          boot(
              HARNESS
                  + """
                  class B(bytearray):
                      def __init__(self, n):
                          super().__init__(n)
                  class L(list):
                      def __init__(self, x):
                          super().__init__(x)
                  def via(f):
                      return f(N)
                  alias = bytes
                  t('alias', lambda: alias(N))
                  t('parameter', lambda: via(bytearray))
                  t('subclass', lambda: B(N))
                  t('type.__call__', lambda: type.__call__(bytes, N))
                  t('list(range)', lambda: list(range(N)))
                  t('tuple(range)', lambda: tuple(range(N)))
                  t('what fits', lambda: B(5) + alias(3) + bytes(L([1, 2])))
                  """);

      assertThat(boot.console())
          .isEqualTo(
              """
              alias MemoryError: memory allocation failed, allocating 10000000 bytes
              parameter MemoryError: memory allocation failed, allocating 10000000 bytes
              subclass MemoryError: memory allocation failed, allocating 10000000 bytes
              type.__call__ AttributeError: type object 'type' has no attribute '__call__'
              list(range) MemoryError: memory allocation failed, allocating 40000000 bytes
              tuple(range) MemoryError: memory allocation failed, allocating 40000008 bytes
              what fits ok 10
              """);
    }

    @Test
    void builtInTypesHaveNoOperatorMethodsAsOnTheBoard() {
      BootResult boot =
          boot(
              HARNESS
                  + """
                  class S(str):
                      pass
                  t('str.__mul__', lambda: str.__mul__('x', N))
                  t("'x'.__rmul__", lambda: 'x'.__rmul__(N))
                  t('getattr', lambda: getattr([0], '__mul__')(N))
                  t('object.__getattribute__', lambda: object.__getattribute__('x', '__mul__'))
                  t('subclass', lambda: S('x').__mul__(N))
                  t('int.__pow__', lambda: (7).__pow__(N))
                  t('__format__', lambda: 'x'.__format__('>10000000'))
                  t('__mod__', lambda: '%s'.__mod__('x'))
                  t('bytes.__new__', lambda: bytes.__new__(bytes, N))
                  print(hasattr('x', '__mul__'), hasattr(S, '__add__'))
                  """);

      assertThat(boot.console())
          .isEqualTo(
              """
              str.__mul__ AttributeError: type object 'str' has no attribute '__mul__'
              'x'.__rmul__ AttributeError: 'str' object has no attribute '__rmul__'
              getattr AttributeError: 'list' object has no attribute '__mul__'
              object.__getattribute__ AttributeError: 'str' object has no attribute '__mul__'
              subclass AttributeError: 'S' object has no attribute '__mul__'
              int.__pow__ AttributeError: 'int' object has no attribute '__pow__'
              __format__ AttributeError: 'str' object has no attribute '__format__'
              __mod__ AttributeError: 'str' object has no attribute '__mod__'
              bytes.__new__ AttributeError: type object 'bytes' has no attribute '__new__'
              False False
              """);
    }
  }

  @Nested
  class Formatting {
    @Test
    void widthsInFormatSpecsPercentFormatsAndFStringsAreAllocations() {
      BootResult boot =
          boot(
              HARNESS
                  + """
                  fmt = '%*d'
                  spec = '>10000000'
                  t('format', lambda: '{:>10000000}'.format(1))
                  t('format bound', lambda: getattr('{:10000000}', 'format')('x'))
                  t('format zeros', lambda: '{:010000000}'.format(1))
                  t('%', lambda: '%10000000d' % 1)
                  t('% star', lambda: fmt % (N, 1))
                  t('% int precision', lambda: '%.10000000d' % 1)
                  t('bytes %', lambda: b'%10000000s' % b'x')
                  t('f-string', lambda: f'{1:>10000000}')
                  t('f-string nested', lambda: f'{1:>{N}}')
                  t('format nested', lambda: '{:>{}}'.format(1, N))
                  t('f-string spec', lambda: f'{"x"!r:{spec}}')
                  t('what fits', lambda: '{:>8} %5d {:.3f}'.format('a', 2.5) % 7 + f'{3:>{4}}')
                  t('str precision', lambda: '%.10000000s|{:.10000000}' % 'ab')
                  """);

      assertThat(boot.console())
          .isEqualTo(
              """
              format MemoryError: memory allocation failed, allocating 10000001 bytes
              format bound MemoryError: memory allocation failed, allocating 10000001 bytes
              format zeros MemoryError: memory allocation failed, allocating 10000001 bytes
              % MemoryError: memory allocation failed, allocating 10000001 bytes
              % star MemoryError: memory allocation failed, allocating 10000001 bytes
              % int precision MemoryError: memory allocation failed, allocating 10000001 bytes
              bytes % MemoryError: memory allocation failed, allocating 10000001 bytes
              f-string MemoryError: memory allocation failed, allocating 10000001 bytes
              f-string nested MemoryError: memory allocation failed, allocating 10000001 bytes
              format nested MemoryError: memory allocation failed, allocating 10000001 bytes
              f-string spec MemoryError: memory allocation failed, allocating 10000001 bytes
              what fits ok 24
              str precision ok 15
              """);
    }

    @Test
    void centerReplaceAndJoinThroughTheTypeAreAllocations() {
      BootResult boot =
          boot(
              HARNESS
                  + """
                  class S(str):
                      pass
                  t('center', lambda: 'x'.center(N))
                  t('str.center', lambda: str.center('x', N))
                  t('bytes center', lambda: getattr(b'x', 'center')(N))
                  t('subclass center', lambda: S('x').center(N))
                  t('replace', lambda: ('x' * 1000).replace('x', 'y' * 1000))
                  t('str.join', lambda: str.join(',', ['abcdefghij'] * 10000))
                  t('what fits', lambda: 'x'.center(9) + 'ab'.replace('a', 'cc') + str.join('-', 'ab'))
                  """);

      assertThat(boot.console())
          .isEqualTo(
              """
              center MemoryError: memory allocation failed, allocating 10000001 bytes
              str.center MemoryError: memory allocation failed, allocating 10000001 bytes
              bytes center MemoryError: memory allocation failed, allocating 10000001 bytes
              subclass center MemoryError: memory allocation failed, allocating 10000001 bytes
              replace MemoryError: memory allocation failed, allocating 1000001 bytes
              str.join MemoryError: memory allocation failed, allocating 110000 bytes
              what fits ok 15
              """);
    }
  }

  @Nested
  class Work {
    /**
     * One 60,000-bit modular power is hours on the board and was one uninterruptible host call: the
     * limit ended the boot, the call ran on for minutes and held the boot's thread. The timeout
     * only keeps a regression from hanging the build; it asserts no speed.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aModularPowerOfHugeNumbersEndsAtTheLimitAndTheNextBootRuns() {
      BootResult hung =
          boot(
              """
              a = (1 << 60000) + 12345
              b = (1 << 59999) + 0x5DEECE66D
              m = (1 << 59998) + 0xB
              print(a > 2**59990, b > 2**59990, m > 2**59990)
              print(pow(a, b, m))
              """,
              Duration.ofSeconds(2));
      BootResult next = boot("print(pow(3, 10**4, 7), pow(2, 100, 10**30 + 7) % 1000)");

      assertThat(hung.outcome()).isEqualTo(BootOutcome.HUNG);
      assertThat(hung.console()).isEqualTo("True True True\n");
      assertThat(next.console()).isEqualTo("4 369\n");
    }

    @Test
    void timeConversionsOfHugeNumbersAnswerAtOnceAsTheBoardDoes() {
      // shared/timeutils on a 32-bit port: 32-bit unsigned seconds referenced to 1970, every
      // fourth year a leap year; an ESP32 timestamp is 64 bits (mp_obj_get_ll)
      BootResult boot =
          boot(
              """
              import time
              print(time.localtime(2**62))
              print(time.gmtime(-1))
              print(time.gmtime(2**32 - 946684801))
              print(time.mktime((10**9, 1, 1, 0, 0, 0, 0, 0)))
              print(time.mktime((2000, 1, 10**9, 0, 0, 0, 0, 0)))
              print(time.mktime((2024, 14, -40, 25, 61, -3, 0, 0)))
              try:
                  time.localtime(2**63)
              except OverflowError as e:
                  print(e)
              """,
              Duration.ofSeconds(10));

      assertThat(boot.outcome()).isEqualTo(BootOutcome.RETURNED);
      assertThat(boot.console())
          .isEqualTo(
              """
              (2000, 1, 1, 0, 0, 0, 5, 1)
              (1999, 12, 31, 23, 59, 59, 4, 365)
              (2106, 2, 6, 6, 28, 15, 6, 37)
              2684434944
              2437787264
              788234457
              overflow converting long int to machine word
              """);
    }
  }
}
