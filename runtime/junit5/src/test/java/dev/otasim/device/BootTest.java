package dev.otasim.device;

import static dev.otasim.assertions.OtaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.junit.OtaSimulatorTest;
import dev.otasim.stubs.journal.ResetCause;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

// not @Isolated: the 3-second limit is the boot thread's CPU time, which other test classes
// running alongside do not use up
@OtaSimulatorTest(bootTimeLimitMillis = 3000)
class BootTest {
  @Nested
  class Reset {
    @Test
    void cannotBeCaughtByBareExceptNorRunsFinally(Device device) {
      // given
      device
          .flash()
          .put(
              "/main.py",
              """
              import machine
              try:
                  try:
                      machine.reset()
                  except:
                      print('caught by bare except')
                      open('caught', 'w').close()
                  finally:
                      print('finally ran')
                      open('finally', 'w').close()
              except BaseException:
                  print('caught by except BaseException')
              print('after reset')
              """);

      // when
      BootResult boot = device.boot();

      // then
      assertThat(boot).endedWith(BootOutcome.HARD_RESET).printedExactly("");
      assertThat(device).doesNotHaveFile("/caught").doesNotHaveFile("/finally");
      assertThat(device.journal()).containsExactly("boot 1 cause=PWRON", "reset HARD");
    }

    @Test
    void nextBootReportsHardReset(Device device) {
      device
          .flash()
          .put(
              "/main.py",
              """
              import machine
              print('cause', machine.reset_cause())
              if machine.reset_cause() == machine.PWRON_RESET:
                  machine.reset()
              """);

      device.runUntilSettled();

      assertThat(device).bootedTimes(2).printed("cause 1\ncause 2\n");
      assertThat(device.boots().get(1).cause()).isEqualTo(ResetCause.HARD);
    }

    @Test
    void softResetIsASystemExitThatRestartsTheInterpreter(Device device) {
      device
          .flash()
          .put(
              "/main.py",
              """
              import machine
              if machine.reset_cause() != machine.SOFT_RESET:
                  try:
                      machine.soft_reset()
                  except SystemExit:
                      print('soft_reset can be caught')
                  machine.soft_reset()
              print('after soft reset')
              """);

      device.runUntilSettled();

      assertThat(device).bootedTimes(2).printed("soft_reset can be caught\nafter soft reset\n");
      assertThat(device.journal())
          .containsExactly("boot 1 cause=PWRON", "reset SOFT", "boot 2 cause=SOFT");
    }
  }

  @Nested
  class Durability {
    @Test
    void fileWrittenButNotClosedBeforeResetIsEmptyAfterwards(Device device) {
      device
          .flash()
          .put(
              "/main.py",
              """
              import machine, os
              if machine.reset_cause() == machine.PWRON_RESET:
                  f = open('data.txt', 'w')
                  f.write('never committed')
                  machine.reset()
              print('size after reset', os.stat('data.txt')[6])
              """);

      device.runUntilSettled();

      // LittleFS commits the new file's entry at open, its data only at flush/close (spec §4).
      assertThat(device).printed("size after reset 0\n").hasFileWithText("/data.txt", "");
    }

    @Test
    void flushedContentSurvivesReset(Device device) {
      device.flash().put("/data.txt", "old");
      device
          .flash()
          .put(
              "/main.py",
              """
              import machine
              if machine.reset_cause() == machine.PWRON_RESET:
                  f = open('data.txt', 'w')
                  f.write('new')
                  f.flush()
                  f.write(' and more')
                  machine.reset()
              """);

      device.runUntilSettled();

      assertThat(device).hasFileWithText("/data.txt", "new");
    }
  }

  @Nested
  class Outcomes {
    @Test
    void busyLoopEndsAsHungWithinTheLimit(Device device) {
      device.flash().put("/main.py", "while True:\n    pass\n");

      // the boot runs on this thread: its CPU time is what the limit counts
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long t0 = threads.getCurrentThreadCpuTime();
      BootResult boot = device.boot();
      long millis = (threads.getCurrentThreadCpuTime() - t0) / 1_000_000;

      assertThat(boot).endedWith(BootOutcome.HUNG);
      // ten times the 3 s limit and the stop: catches a boot the limit did not stop, nothing finer
      assertThat(millis).isLessThan(40_000);
      assertThat(device.journal())
          .containsExactly("boot 1 cause=PWRON", "hung (no end after 3000 ms)");
    }

    @Test
    void uncaughtExceptionPrintsMicroPythonTraceback(Device device) {
      device
          .flash()
          .put(
              "/main.py",
              """
              import os
              def load():
                  return open('missing.txt').read()
              load()
              """);

      BootResult boot = device.boot();

      assertThat(boot)
          .endedWith(BootOutcome.EXCEPTION)
          .raised("OSError: [Errno 2] ENOENT")
          .printedExactly(
              """
              Traceback (most recent call last):
                File "main.py", line 4, in <module>
                File "main.py", line 3, in load
              OSError: [Errno 2] ENOENT
              """);
      assertThat(device.journal())
          .containsExactly(
              "boot 1 cause=PWRON",
              "open missing.txt r -> OSError: [Errno 2] ENOENT",
              "uncaught OSError: [Errno 2] ENOENT");
    }

    @Test
    void exceptionInBootPySkipsMainPy(Device device) {
      device.flash().put("/boot.py", "raise ValueError('bad config')\n");
      device.flash().put("/main.py", "print('main ran')\n");

      BootResult boot = device.boot();

      assertThat(boot).raised("ValueError: bad config");
      assertThat(boot.console()).doesNotContain("main ran");
    }

    @Test
    void globalsOfBootPyAreVisibleInMainPy(Device device) {
      device.flash().put("/boot.py", "GREETING = 'set in boot.py'\n");
      device.flash().put("/main.py", "print(GREETING)\n");

      assertThat(device.boot()).endedWith(BootOutcome.RETURNED).printedExactly("set in boot.py\n");
    }

    @Test
    void sleepingAnHourTakesNoWallClockTime(Device device) {
      device
          .flash()
          .put(
              "/main.py",
              "import time\nt = time.time()\ntime.sleep(3600)\nprint(time.time() - t)\n");

      assertThat(device.boot()).printedExactly("3600\n");
    }
  }
}
