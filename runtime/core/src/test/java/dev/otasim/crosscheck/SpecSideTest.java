package dev.otasim.crosscheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A divergence names the side that matches the spec only where spec §16 gives the answer to the VM;
 * otherwise it says the answer is unknown instead of calling the MicroPython side the board.
 */
class SpecSideTest {
  private static String side(String graalpy, String micropython) {
    return new CrossCheck.Divergence(
            "timeline",
            1,
            List.of("  boot 1 cause=PWRON", "> " + graalpy),
            List.of("  boot 1 cause=PWRON", "> " + micropython))
        .specSide();
  }

  @Test
  void theSameItemsInAnotherOrderAreTheBoardsDictOrder() {
    assertThat(side("| ['ssid', 'retries', 'url']", "| ['retries', 'url', 'ssid']"))
        .isEqualTo(
            "the MicroPython side matches the spec (§16: dict and set order is the board's hash"
                + " order, not insertion order)");
  }

  @Test
  void aKeywordArgumentOrSyntaxOnlyTheVmRefusesIsTheBoards() {
    assertThat(side("| 255", "| TypeError: function doesn't take keyword arguments"))
        .isEqualTo(
            "the MicroPython side matches the spec (§16: the board's parser and builtins refuse"
                + " what GraalPy accepts)");
    assertThat(side("| matched", "| SyntaxError: invalid syntax")).startsWith("the MicroPython");
  }

  @Test
  void anyOtherDifferenceIsUnknownNotTheBoard() {
    assertThat(side("| 0.1", "| 0.1000000000000001"))
        .isEqualTo(
            "which side matches the spec is unknown (check both against"
                + " spec/micropython-esp32.md and docs/known-differences.md)");
    assertThat(side("write /a.txt 3 B", "write /a.txt 1 B")).startsWith("which side");
  }
}
