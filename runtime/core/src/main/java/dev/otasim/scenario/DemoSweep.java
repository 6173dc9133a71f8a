package dev.otasim.scenario;

import dev.otasim.sweep.OtaInvariants;

/** The demo scenario as the power-cut sweep replays it, and what recovered means for it. */
public final class DemoSweep {
  private DemoSweep() {}

  /** A fresh run of the demo on a default ESP32. */
  public static DemoScenario create() {
    return DemoScenario.create();
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
}
