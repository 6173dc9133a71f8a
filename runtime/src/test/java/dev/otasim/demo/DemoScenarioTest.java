package dev.otasim.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.BootResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoScenarioTest {
  @Test
  void installsTheNewRelease() {
    try (DemoScenario s = DemoScenario.create()) {
      List<BootResult> run = s.device().runUntilSettled();
      System.out.println(s.device().console());
      System.out.println(s.device().journal().text());
      System.out.println(s.device().flash().tree());
      System.out.println(s.github().exchanges());
      run.forEach(System.out::println);
      assertThat(s.device().flash().text("/main/.version")).isEqualTo("v1.1.0");
    }
  }
}
