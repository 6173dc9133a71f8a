package dev.otasim.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountTest {
  @Test
  void oneTakesTheSingularAndEveryOtherNumberThePlural() {
    assertThat(Count.of(1, "file")).isEqualTo("1 file");
    assertThat(Count.of(0, "file")).isEqualTo("0 files");
    assertThat(Count.of(2, "boot")).isEqualTo("2 boots");
  }

  @Test
  void anIrregularPluralIsGiven() {
    assertThat(Count.of(1, "entry", "entries")).isEqualTo("1 entry");
    assertThat(Count.of(3, "entry", "entries")).isEqualTo("3 entries");
  }
}
