package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad arguments to the board's C modules fail in device code with the board's exception and text
 * (py/obj.c mp_obj_get_int / mp_obj_get_float, py/objstr.c bad_implicit_conversion, py/stream.c,
 * extmod/modtime.c, ports/esp32 machine_pin.c and esp32_partition.c at v1.27.0; the generic texts
 * checked on the real v1.27 interpreter), never as a host error from the Java stub behind the shim.
 * The same script gives the same lines on both engines.
 */
class StubArgumentsTest {
  private static final String PROBE =
      """
      def T(label, f):
          try:
              print('OK  ', label, f())
          except Exception as e:
              print('FAIL', label, type(e).__name__, e.args)
      """;

  private static String run(Engine engine, String body) {
    Device device =
        Device.create(
            DeviceConfig.builder()
                .setEngine(engine)
                .setBootTimeLimit(Duration.ofSeconds(60))
                .build());
    device.flash().put("/main.py", PROBE + body);
    device.flash().put("/t.txt", "abc");
    BootResult boot = device.boot();
    assertThat(boot.outcome()).as(boot.console()).isEqualTo(BootOutcome.RETURNED);
    return boot.console();
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void timeTakesNumbersAsTheBoardConvertsThem(Engine engine) {
    String out =
        run(
            engine,
            """
            import time
            T('sleep str', lambda: time.sleep('x'))
            T('sleep None', lambda: time.sleep(None))
            T('sleep_ms str', lambda: time.sleep_ms('x'))
            T('sleep_us float', lambda: time.sleep_us(1.5))
            T('ticks_add str', lambda: time.ticks_add(1, 'b'))
            T('ticks_add far', lambda: time.ticks_add(0, 1 << 29))
            T('localtime str', lambda: time.localtime('x'))
            T('localtime float', lambda: time.localtime(1.5))
            T('mktime str', lambda: time.mktime('x'))
            T('mktime short', lambda: time.mktime((2026, 1, 1)))
            T('mktime ok', lambda: time.mktime((2000, 1, 2, 0, 0, 0, 0, 0)))
            """);

    assertThat(out)
        .isEqualTo(
            """
            FAIL sleep str TypeError ("can't convert str to float",)
            FAIL sleep None TypeError ("can't convert NoneType to float",)
            FAIL sleep_ms str TypeError ("can't convert str to int",)
            FAIL sleep_us float TypeError ("can't convert float to int",)
            FAIL ticks_add str TypeError ("can't convert str to int",)
            FAIL ticks_add far OverflowError ('ticks interval overflow',)
            FAIL localtime str TypeError ("can't convert str to int",)
            FAIL localtime float TypeError ("can't convert float to int",)
            FAIL mktime str TypeError ("object 'str' isn't a tuple or list",)
            FAIL mktime short TypeError ('mktime needs a tuple of length 8 or 9',)
            OK   mktime ok 86400
            """);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void filesTakeSizesOffsetsAndModesAsTheBoardsStreamsDo(Engine engine) {
    String out =
        run(
            engine,
            """
            f = open('/t.txt')
            T('seek str', lambda: f.seek('a'))
            T('seek whence str', lambda: f.seek(0, 'x'))
            T('seek float', lambda: f.seek(1.0))
            T('read str', lambda: f.read('x'))
            T('read None', lambda: f.read(None))
            T('read True', lambda: f.read(True))
            b = open('/t.txt', 'rb')
            T('binary read None', lambda: b.read(None))
            T('readinto str', lambda: b.readinto('x'))
            T('readinto n str', lambda: b.readinto(bytearray(3), 'x'))
            T('open mode int', lambda: open('/t.txt', 5))
            T('open name float', lambda: open(5.5))
            T('open buffering str', lambda: open('/t.txt', 'r', 'x'))
            import os
            T('listdir int', lambda: os.listdir(1))
            T('mkdir None', lambda: os.mkdir(None))
            """);

    assertThat(out)
        .isEqualTo(
            """
            FAIL seek str TypeError ("can't convert str to int",)
            FAIL seek whence str TypeError ("can't convert str to int",)
            FAIL seek float TypeError ("can't convert float to int",)
            FAIL read str TypeError ("can't convert str to int",)
            FAIL read None TypeError ("can't convert NoneType to int",)
            OK   read True a
            FAIL binary read None TypeError ("can't convert NoneType to int",)
            FAIL readinto str TypeError ('object with buffer protocol required',)
            FAIL readinto n str TypeError ("can't convert str to int",)
            FAIL open mode int TypeError ("can't convert 'int' object to str implicitly",)
            FAIL open name float TypeError ("can't convert 'float' object to str implicitly",)
            FAIL open buffering str TypeError ("can't convert str to int",)
            FAIL listdir int TypeError ("can't convert 'int' object to str implicitly",)
            FAIL mkdir None TypeError ("can't convert 'NoneType' object to str implicitly",)
            """);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void machineChecksItsArgumentsAsTheEsp32PortDoes(Engine engine) {
    String out =
        run(
            engine,
            """
            import machine, esp32
            T('WDT timeout str', lambda: machine.WDT(timeout='x'))
            T('freq str', lambda: machine.freq('x'))
            T('lightsleep str', lambda: machine.lightsleep('x'))
            T('Pin name', lambda: machine.Pin('LED'))
            T('Pin 24', lambda: machine.Pin(24))
            T('Pin 40', lambda: machine.Pin(40))
            T('Pin 39', lambda: machine.Pin(39))
            T('Pin of Pin', lambda: machine.Pin(machine.Pin(2)))
            T('Partition 7', lambda: esp32.Partition(7))
            T('Partition float', lambda: esp32.Partition(1.5))
            """);

    assertThat(out)
        .isEqualTo(
            """
            FAIL WDT timeout str TypeError ("can't convert str to int",)
            FAIL freq str TypeError ("can't convert str to int",)
            FAIL lightsleep str TypeError ("can't convert str to int",)
            FAIL Pin name ValueError ('invalid pin',)
            FAIL Pin 24 ValueError ('invalid pin',)
            FAIL Pin 40 ValueError ('invalid pin',)
            OK   Pin 39 Pin(39)
            OK   Pin of Pin Pin(2)
            FAIL Partition 7 ValueError ()
            FAIL Partition float TypeError ("can't convert 'float' object to str implicitly",)
            """);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void watchdogAndFrequencyTakeWhatTheEsp32PortTakes(Engine engine) {
    String out =
        run(
            engine,
            """
            import machine
            T('WDT 1', lambda: machine.WDT(1))
            T('WDT id kw', lambda: machine.WDT(id=2, timeout=100))
            T('WDT zero', lambda: machine.WDT(timeout=0))
            T('WDT other kw', lambda: machine.WDT(timeout=100, period=5))
            T('WDT three', lambda: machine.WDT(0, 100, 1))
            T('freq odd', lambda: machine.freq(100000000))
            T('freq fraction', lambda: machine.freq(240500000))
            T('freq back', lambda: machine.freq())
            """);

    assertThat(out)
        .isEqualTo(
            """
            FAIL WDT 1 ValueError ()
            FAIL WDT id kw ValueError ()
            FAIL WDT zero ValueError ('WDT timeout too short',)
            FAIL WDT other kw TypeError ('extra keyword arguments given',)
            FAIL WDT three TypeError ('extra positional arguments given',)
            FAIL freq odd ValueError ('frequency must be 20MHz, 40MHz, 80Mhz, 160MHz or 240MHz',)
            OK   freq fraction None
            OK   freq back 240000000
            """);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void partitionsTakeWhatEsp32PartitionTakes(Engine engine) {
    String out =
        run(
            engine,
            """
            from esp32 import Partition
            T('new kw', lambda: Partition('ota_0', block_size=512))
            T('new none', lambda: Partition())
            T('new three', lambda: Partition('ota_0', 4096, 1))
            T('new bytes', lambda: Partition(b'vfs').info()[4])
            T('find kw', lambda: [p.info()[4] for p in Partition.find(Partition.TYPE_DATA, label='vfs')])
            T('find other kw', lambda: Partition.find(kind=0))
            T('find five', lambda: Partition.find(0, 0xff, None, 4096, 1))
            T('find type str', lambda: Partition.find('app'))
            T('find label int', lambda: Partition.find(0, 0xff, 5))
            """);

    assertThat(out)
        .isEqualTo(
            """
            FAIL new kw TypeError ("function doesn't take keyword arguments",)
            FAIL new none TypeError ('function missing 1 required positional arguments',)
            FAIL new three TypeError ('function expected at most 2 arguments, got 3',)
            OK   new bytes vfs
            OK   find kw ['vfs']
            FAIL find other kw TypeError ('extra keyword arguments given',)
            FAIL find five TypeError ('extra positional arguments given',)
            FAIL find type str TypeError ("can't convert str to int",)
            FAIL find label int TypeError ("can't convert 'int' object to str implicitly",)
            """);
  }
}
