package dev.otasim.engine.graalpy;

import static dev.otasim.assertions.OtaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Device code that pollutes its interpreter on purpose leaves nothing for the next boot of the same
 * board, nor for the next board of the JVM: what a reused context cannot undo is noticed and the
 * context thrown away. Each test boots a polluter, then probes with its next boot and with a new
 * board; the probes print what a new context prints.
 */
@Isolated // reads the JVM-wide context pool's counts
class ReusePollutionTest {
  /**
   * Runs the polluter on the first boot, then resets. The board may refuse a pollution (read-only
   * built-in modules, hidden internals): the boot then prints "refused" instead of "polluted".
   */
  private static final String RESET_ONCE =
      """
      import machine
      if machine.reset_cause() == machine.PWRON_RESET:
          try:
      %s
              print('polluted')
          except Exception:
              print('refused')
          machine.reset()
      """;

  private int discardedBefore;

  @BeforeEach
  void warm() {
    Device.warmUp();
    discardedBefore = ContextPool.stats().discarded();
  }

  /** Boots {@code polluter} once (it resets), then {@code probe} on the same and a new board. */
  private static String[] pollute(String polluter, String probe) {
    Device board = Device.create();
    board.flash().put("/main.py", RESET_ONCE.formatted(polluter.indent(8).stripTrailing()));
    board.flash().put("/probe.py", probe);
    board
        .flash()
        .put("/boot.py", "import machine\nif machine.reset_cause() != 1:\n import probe\n");
    board.runUntilSettled();
    Device other = Device.create();
    other.flash().put("/main.py", probe);
    other.runUntilSettled();
    return new String[] {
      board.boots().get(1).console(), other.boots().get(0).console(), board.boots().get(0).console()
    };
  }

  /** A pollution the board did not refuse must have cost the context. */
  private void assertDiscardedIfPolluted(String[] consoles, String why) {
    if (consoles[2].endsWith("polluted\n")) {
      assertThat(ContextPool.stats().discarded()).isGreaterThan(discardedBefore);
      assertThat(ContextPool.stats().lastDiscard()).isEqualTo(why);
    } else {
      assertThat(consoles[2]).endsWith("refused\n");
    }
  }

  private void assertDiscardedBecause(String why) {
    assertThat(ContextPool.stats().discarded()).isGreaterThan(discardedBefore);
    assertThat(ContextPool.stats().lastDiscard()).isEqualTo(why);
  }

  private static void assertBothPrint(String[] consoles, String expected) {
    assertThat(consoles[0]).as("the polluter's next boot").isEqualTo(expected);
    assertThat(consoles[1]).as("the next board").isEqualTo(expected);
  }

  @Nested
  class Builtins {
    @Test
    void aDeviceBuiltinsModuleMonkeypatchedIsNewAtTheNextBoot() {
      String[] consoles =
          pollute(
              "import builtins\nbuiltins.len = lambda x: 42\nbuiltins.extra = 1",
              "import builtins\nprint(len('ab'), hasattr(builtins, 'extra'))\n");

      assertBothPrint(consoles, "2 False\n");
    }

    @Test
    void theInterpretersBuiltinsRewrittenThroughDunderBuiltinsDiscardTheContext() {
      String[] consoles =
          pollute(
              "__builtins__['len'] = lambda x: 42\n__builtins__['extra'] = 1",
              "print(len('ab'))\ntry:\n    extra\nexcept NameError:\n    print('no extra')\n");

      assertBothPrint(consoles, "2\nno extra\n");
      assertDiscardedIfPolluted(consoles, "builtins were changed");
    }

    @Test
    void aBuiltInTypeCannotBeChanged() {
      String[] consoles =
          pollute(
              """
              for attempt in ("int.evil = 1", "type.__setattr__(str, 'evil', 1)",
                              "object.__setattr__(bytes, 'evil', 1)"):
                  try:
                      exec(attempt)
                  except TypeError:
                      print('refused')
              """,
              "print(hasattr(int, 'evil'), hasattr(str, 'evil'), hasattr(bytes, 'evil'))\n");

      assertBothPrint(consoles, "False False False\n");
    }

    @Test
    void theBoardsOSErrorChangedIsNewAtTheNextBoot() {
      String[] consoles =
          pollute(
              "OSError.__str__ = lambda self: 'evil'\nOSError.extra = 1",
              "try:\n    open('/nope')\nexcept OSError as e:\n    print(e, hasattr(e, 'extra'))\n");

      assertBothPrint(consoles, "[Errno 2] ENOENT False\n");
    }
  }

  @Nested
  class Modules {
    @Test
    void sysModulesEntriesAreGoneAtTheNextBoot() {
      String[] consoles =
          pollute(
              "import sys\nsys.modules['evil'] = 'x'\nsys.modules['json'] = 'y'",
              "import sys, json\nprint('evil' in sys.modules, json.dumps([1]))\n");

      assertBothPrint(consoles, "False [1]\n");
    }

    @Test
    void theHostsSysModulesEntryReplacedDiscardsTheContext() {
      String[] consoles =
          pollute(
              "import sys\nsys._cpy.modules['re'] = None\nsys._cpy.modules['evil'] = 1",
              "import sys, re\nprint(re.match('a+', 'aab').group(0), 'evil' in sys.modules)\n");

      assertBothPrint(consoles, "aa False\n");
      assertDiscardedIfPolluted(consoles, "sys.modules was changed");
    }

    @Test
    void attributesSetOnShimModulesAreGoneAtTheNextBoot() {
      String[] consoles =
          pollute(
              "import os, machine\nos.listdir = None\nmachine.evil = 1",
              "import os, machine\nprint(callable(os.listdir), hasattr(machine, 'evil'))\n");

      assertBothPrint(consoles, "True False\n");
    }

    @Test
    void aHostModuleThatAShimExposesChangedDiscardsTheContext() {
      String[] consoles =
          pollute("import json\njson._cpy.loads = None", "import json\nprint(json.loads('[1]'))\n");

      assertBothPrint(consoles, "[1]\n");
      assertDiscardedIfPolluted(consoles, "a host module, class or function was changed");
    }
  }

  /**
   * The host modules under the bootstrap, the dialect and the shims: device code has no route to
   * them ({@code SandboxEscapeTest}), so these plant through the host's own sys ({@link
   * SandboxProbe}), as an escape would. A built-in module outlives its boot even when it is dropped
   * from sys.modules: the next import gives the same object.
   */
  @Nested
  class HostModules {
    private String[] plant(String plant, String probe) {
      return SandboxProbe.withHostSys(() -> pollute("host = __host_sys__\n" + plant, probe));
    }

    @Test
    void aPlantInMarshalWhichLoadsEveryCachedCodeDiscardsTheContext() {
      String[] consoles =
          plant(
              """
              m = host.modules['marshal']
              evil = m.dumps(compile("print('planted')", 'main.py', 'exec'))
              real = m.loads
              m.loads = lambda data: real(evil)
              """,
              "print('genuine')\n");

      assertBothPrint(consoles, "genuine\n");
      assertDiscardedBecause("a host module, class or function was changed");
    }

    @Test
    void aPlantInTheFormatParserOfTheDialectDiscardsTheContext() {
      String[] consoles =
          plant(
              "host.modules['_string'].formatter_parser = lambda text: iter(())",
              "try:\n    print('{0.real}'.format(1))\nexcept NotImplementedError as e:\n"
                  + "    print(e)\n");

      assertBothPrint(consoles, "attributes not supported\n");
      assertDiscardedBecause("a host module, class or function was changed");
    }
  }

  /**
   * The bootstrap and the dialect are evaluated once per context and restored before each boot:
   * their classes and functions are the same objects from boot to boot, so a change to one costs
   * the context.
   */
  @Nested
  class HostLayer {
    private String[] plant(String plant, String probe) {
      return SandboxProbe.withHostSys(() -> pollute("host = __host_sys__\n" + plant, probe));
    }

    @Test
    void theBootstrapIsEvaluatedOncePerContext() {
      // given a board that prints the identity of the bootstrap's module at each boot
      String[] consoles =
          plant("print(id(host.modules['_otasim']))", "print(id(__host_sys__.modules['_otasim']))");

      // then its next boot, in the same context, finds the same module
      assertThat(consoles[2]).startsWith(consoles[0].strip() + "\n");
    }

    @Test
    void theBoardsOSErrorChangedDiscardsTheContext() {
      String[] consoles =
          pollute(
              "OSError.__str__ = lambda self: 'evil'",
              "try:\n    open('/nope')\nexcept OSError as e:\n    print(e)\n");

      assertBothPrint(consoles, "[Errno 2] ENOENT\n");
      assertDiscardedIfPolluted(consoles, "a host module, class or function was changed");
    }

    @Test
    void anAttributeSetOnABootstrapFunctionDiscardsTheContext() {
      String[] consoles =
          plant("host.modules['__main__']._dev_help.evil = 1", "print(hasattr(help, 'evil'))\n");

      assertBothPrint(consoles, "False\n");
      assertDiscardedBecause("a host module, class or function was changed");
    }

    @Test
    void aPlantThatClaimsToEqualWhatItReplacedDiscardsTheContext() {
      String[] consoles =
          plant(
              """
              class Liar:
                  def __eq__(self, other):
                      return True
                  __hash__ = object.__hash__
              host.modules['json'].dumps = Liar()
              """,
              "import json\nprint(json.dumps([1]))\n");

      assertBothPrint(consoles, "[1]\n");
      assertDiscardedBecause("a host value was replaced by one that claims to be equal");
    }
  }

  @Nested
  class Globals {
    @Test
    void globalsOfBootPyAreGoneAtTheNextBoot() {
      // given boot.py leaves a global and shadows a builtin on the first boot only
      Device board = Device.create();
      board
          .flash()
          .put(
              "/boot.py",
              "import machine\nif machine.reset_cause() == machine.PWRON_RESET:\n"
                  + "    leftover = 1\n    def len(x):\n        return 42\n");
      board
          .flash()
          .put(
              "/main.py",
              "import machine\nprint('leftover' in globals(), len('ab'))\n"
                  + "if machine.reset_cause() == machine.PWRON_RESET:\n    machine.reset()\n");

      // when
      board.runUntilSettled();

      // then boot.py and main.py share globals within a boot, never across
      assertThat(board).bootedTimes(2);
      assertThat(board.boots().get(0).console()).isEqualTo("True 42\n");
      assertThat(board.boots().get(1).console()).isEqualTo("False 2\n");
    }
  }

  @Nested
  class CodeCacheTampering {
    @Test
    void deviceCodeCannotPutCodeIntoTheCompiledCodeCache() {
      // given a polluter that knows the next boot's source and tries to plant other code for it
      String probe = "print('genuine')\n";
      String[] consoles =
          pollute(
              """
              probe = "print('genuine')\\n"
              host = print.__globals__
              cache = host['_code_cache']
              marshal = host['_orig_import']('marshal')
              evil = marshal.dumps(compile("print('planted')", 'probe.py', 'exec'))
              for method in ('put', 'code'):
                  try:
                      getattr(cache, method)('exec\\0probe.py\\0' + probe, evil.decode('latin-1'))
                  except BaseException as e:
                      print('refused', method)
              """,
              probe);

      assertBothPrint(consoles, "genuine\n");
    }
  }

  @Nested
  class Resets {
    @Test
    void aResetLeavesTheContextForTheNextBootAndTheBoardOff() {
      // given
      Device board = Device.create();
      board
          .flash()
          .put("/main.py", "import machine\ntry:\n    machine.reset()\nfinally:\n    pass\n");
      int reusedBefore = ContextPool.stats().reused();

      // when
      BootResult boot = board.boot();

      // then the context is kept, and the Java side of the board refuses everything
      assertThat(boot).endedWith(BootOutcome.HARD_RESET);
      assertThat(ContextPool.stats().discarded()).isEqualTo(discardedBefore);
      assertThat(board.board().isOff()).isTrue();
      assertThatThrownBy(() -> board.board().checkpoint()).isInstanceOf(BoardOff.class);
      board.flash().put("/main.py", "print('on again')\n");
      assertThat(board.boot()).printedExactly("on again\n");
      assertThat(ContextPool.stats().reused()).isGreaterThan(reusedBefore);
      assertThat(board.board().isOff()).isFalse();
    }

    @Test
    void aBootStoppedAtItsTimeLimitDiscardsItsContext() {
      // given
      Device board =
          Device.create(DeviceConfig.builder().setBootTimeLimit(Duration.ofMillis(300)).build());
      board.flash().put("/main.py", "while True:\n    pass\n");

      // when
      BootResult hung = board.boot();
      board.flash().put("/main.py", "print('after hang')\n");
      BootResult next = board.boot();

      // then
      assertThat(hung).endedWith(BootOutcome.HUNG);
      assertDiscardedBecause("the boot was cancelled or failed inside GraalPy");
      assertThat(next).printedExactly("after hang\n");
    }
  }
}
