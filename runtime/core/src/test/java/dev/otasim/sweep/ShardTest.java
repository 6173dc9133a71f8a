package dev.otasim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A sweep's shard for a CI matrix, parsed from {@code i/n}. */
class ShardTest {
  @Test
  void parsesIOfN() {
    assertThat(Shard.parse("2/3")).isEqualTo(new Shard(2, 3)).hasToString("2/3");
    assertThat(Shard.parse("1/1").isAll()).isTrue();
  }

  @Test
  void theShardsOfAMatrixHoldEveryPointOnce() {
    for (int position = 0; position < 20; position++) {
      int p = position;
      assertThat(IntStream.rangeClosed(1, 3).filter(i -> new Shard(i, 3).holds(p)).count())
          .isEqualTo(1);
    }
  }

  @Test
  void rejectsWhatIsNotIOfN() {
    assertThatThrownBy(() -> Shard.parse("3/2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("3/2 is not i/n with 1 <= i <= n, such as 1/2 and 2/2 for two CI jobs");
    assertThatThrownBy(() -> Shard.parse("a/2"))
        .hasMessage("'a/2' is not i/n, such as 1/2 and 2/2 for two CI jobs");
  }
}
