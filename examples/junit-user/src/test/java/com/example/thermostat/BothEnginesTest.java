package com.example.thermostat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.DeviceConfig;
import dev.otasim.crosscheck.CrossCheck;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BothEnginesTest {
  @Test
  void theBoardBehavesTheSameOnTheRealMicroPythonVm() {
    CrossCheck.Result r =
        CrossCheck.run(DeviceConfig.esp32(), d -> d.flash().load(Path.of("../board")));
    assertThat(r.identical())
        .as(r.divergence().map(CrossCheck.Divergence::describe).orElse(""))
        .isTrue();
  }
}
