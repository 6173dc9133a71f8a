package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.stubs.journal.Event;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Library functions that write to a stream issue the same writes as MicroPython v1.27: modjson and
 * print go token by token through the stream (py/objstr.c mp_str_print_json, py/modbuiltins.c
 * mp_builtin_print). The sequences below are what the real v1.27 interpreter wrote into a stream
 * that records its write calls; a power cut inside such a write falls between the same writes as on
 * a board.
 */
class WriteSequenceTest {
  private static final String RECORDER =
      """
      import io, json
      class R(io.IOBase):
          def __init__(self):
              self.w = []
          def write(self, b):
              self.w.append(b.encode() if isinstance(b, str) else bytes(b))
              return len(b)
      def W(label, f):
          r = R()
          f(r)
          print(label, len(r.w), b'|'.join(r.w))
      """;

  private static Device boot(Engine engine, String body) {
    Device device =
        Device.create(
            DeviceConfig.builder()
                .setEngine(engine)
                .setBootTimeLimit(Duration.ofSeconds(60))
                .build());
    device.flash().put("/main.py", RECORDER + body);
    BootResult boot = device.boot();
    assertThat(boot.outcome()).as(boot.console()).isEqualTo(BootOutcome.RETURNED);
    return device;
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void jsonDumpWritesTokenByToken(Engine engine) {
    String out =
        boot(
                engine,
                """
                W('dump dict', lambda r: json.dump({'ver': '1.2', 'n': [1, 2]}, r))
                W('dump seps', lambda r: json.dump([1, {'k': None}], r, separators=(',', ':')))
                W('dump scalars', lambda r: json.dump([True, False, -7, 2.5, 'a"\\n\\x01'], r))
                W('dump odd', lambda r: json.dump([b'ab', (1,), {2: 3}, object()], r))
                """)
            .console();

    assertThat(out)
        .isEqualTo(
            """
            dump dict 23 b'{|"|v|e|r|"|: |"|1|.|2|"|, |"|n|"|: |[|1|, |2|]|}'
            dump seps 11 b'[|1|,|{|"|k|"|:|null|}|]'
            dump scalars 19 b'[|true|, |false|, |-7|, |2.5|, |"|a|\\\\|"|\\\\n|\\\\u|000|1|"|]'
            dump odd 22 b'[|"|a|b|"|, |[|1|]|, |{|"|2|"|: |3|}|, |<|object|>|]'
            """);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void printToAStreamWritesEachPieceApart(Engine engine) {
    String out =
        boot(
                engine,
                """
                W('print', lambda r: print('x', 1, 2.5, file=r))
                W('print sep end', lambda r: print('a', 'b', sep='--', end='!', file=r))
                W('print none', lambda r: print(file=r))
                W('print containers', lambda r: print([1, 'a'], (2,), {'k': b'v'}, file=r))
                W('print bytes', lambda r: print(b'x\\n', file=r))
                W('print str', lambda r: print('tab\\t', None, True, file=r))
                """)
            .console();

    assertThat(out)
        .isEqualTo(
            """
            print 6 b'x| |1| |2.5|\\n'
            print sep end 4 b'a|--|b|!'
            print none 1 b'\\n'
            print containers 24 b"[|1|, |'|a|'|]| |(|2|,|)| |{|'|k|'|: |b|'|v|'|}|\\n"
            print bytes 6 b"b|'|x|\\\\n|'|\\n"
            print str 6 b'tab\\t| |None| |True|\\n'
            """);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void printExceptionAndBufferWritesAsTheBoardWrites(Engine engine) {
    String out =
        boot(
                engine,
                """
                import sys
                def f():
                    raise ValueError('bad', 2)
                def g():
                    raise OSError(2)
                for fail in (f, g, lambda: 1 / 0):
                    try:
                        fail()
                    except Exception as e:
                        W('exc', lambda r: sys.print_exception(e, r))
                W('slice', lambda r: r.write(memoryview(b'abcdef')[2:5]))
                """)
            .console();

    assertThat(out)
        .isEqualTo(
            """
            exc 27 b'Traceback (most recent call last):\\n|  File "|main.py|", line |19|, in |<module>|\\n|  File "|main.py|", line |14|, in |f|\\n|ValueError|: |(|\\'|b|a|d|\\'|, |2|)|\\n'
            exc 22 b'Traceback (most recent call last):\\n|  File "|main.py|", line |19|, in |<module>|\\n|  File "|main.py|", line |16|, in |g|\\n|OSError|: |[Errno |2|] |ENOENT|\\n'
            exc 19 b'Traceback (most recent call last):\\n|  File "|main.py|", line |19|, in |<module>|\\n|  File "|main.py|", line |17|, in |<lambda>|\\n|ZeroDivisionError|: |divide by zero|\\n'
            slice 1 b'cde'
            """);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aFileOnTheFlashSeesTheSameWrites(Engine engine) {
    Device device =
        boot(
            engine,
            """
            with open('/c.json', 'w') as f:
                json.dump({'v': [1, 'ab']}, f)
            with open('/p.txt', 'w') as f:
                print('v', 2, file=f)
            """);
    String writes =
        device.journal().events().stream()
            .filter(e -> e instanceof Event.Write)
            .map(Event::toString)
            .collect(Collectors.joining("\n"));

    assertThat(writes)
        .isEqualTo(
            """
            write c.json 1 B
            write c.json 1 B
            write c.json 1 B
            write c.json 1 B
            write c.json 2 B
            write c.json 1 B
            write c.json 1 B
            write c.json 2 B
            write c.json 1 B
            write c.json 1 B
            write c.json 1 B
            write c.json 1 B
            write c.json 1 B
            write c.json 1 B
            write p.txt 1 B
            write p.txt 1 B
            write p.txt 1 B
            write p.txt 1 B""");
  }
}
