package dev.otasim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otasim.scenario.DemoSweep;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowerCutSweepShardTest {
  private static List<String> points(int index, int count) {
    return PowerCutSweep.builder(DemoSweep::create, DemoSweep.invariants())
        .setInjection(new Injection.CorruptFile())
        .setShard(index, count)
        .build()
        .run()
        .cuts()
        .stream()
        .map(CutResult::event)
        .toList();
  }

  @Test
  void shardsSplitThePointsByPositionWithoutOverlapOrGaps() {
    // given: every point of a small sweep (one per starting file)
    List<String> all = points(1, 1);

    // when
    List<String> first = points(1, 2);
    List<String> second = points(2, 2);

    // then: shard i of n runs the points at positions i-1, i-1+n, ...
    List<String> even = new ArrayList<>();
    List<String> odd = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      (i % 2 == 0 ? even : odd).add(all.get(i));
    }
    assertThat(all).hasSizeGreaterThan(2);
    assertThat(first).containsExactlyElementsOf(even);
    assertThat(second).containsExactlyElementsOf(odd);
  }

  @Test
  void aShardOutsideItsCountIsRefused() {
    assertThatThrownBy(
            () -> PowerCutSweep.builder(DemoSweep::create, DemoSweep.invariants()).setShard(0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shard 0/2 is not i/n with 1 <= i <= n");
  }
}
