package dev.otasim.scenario;

import dev.otasim.device.Device;
import dev.otasim.sweep.OtaInvariants;
import dev.otasim.sweep.SweepScenario;

/** The demo scenario as the power-cut sweep replays it, and what recovered means for it. */
public final class DemoSweep implements SweepScenario {
  private final DemoScenario scenario = DemoScenario.create();

  public static DemoSweep create() {
    return new DemoSweep();
  }

  /** The reference updater keeps its app in {@code main/} and stages in {@code next/}. */
  public static OtaInvariants invariants() {
    try (DemoScenario s = DemoScenario.create()) {
      var repo = s.github().repository(DemoScenario.REPO);
      return OtaInvariants.builder()
          .setOldVersion("v1.0.0")
          .setNewVersion("v1.1.0")
          .release("v1.0.0", repo.files("v1.0.0", "main"))
          .release("v1.1.0", repo.files("v1.1.0", "main"))
          // the updater's record of a release it gave up on (a permanent failure)
          .ignoreInApp(".rejected")
          .build();
    }
  }

  @Override
  public Device device() {
    return scenario.device();
  }

  @Override
  public dev.otasim.github.FakeGitHub github() {
    return scenario.github();
  }

  @Override
  public void close() {
    scenario.close();
  }
}
