package dev.otasim.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** SemVer 2.0 precedence for release tags (semver.org §11), by example and by property. */
class ReleaseTagTest {
  @Test
  void semverOrgsOwnExampleIsInOrder() {
    List<String> ordered =
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "2.0.0",
            "2.1.0",
            "2.1.1");
    List<String> shuffled = new ArrayList<>(ordered);
    Collections.reverse(shuffled);
    shuffled.sort(ReleaseTag.ORDER);
    assertThat(shuffled).isEqualTo(ordered);
  }

  @Test
  void numbersCompareAsNumbersAndAVIsAllowed() {
    assertThat(ReleaseTag.PRECEDENCE.compare("v1.10.0", "v1.9.3")).isPositive();
    assertThat(ReleaseTag.PRECEDENCE.compare("v1.0.0-rc.10", "v1.0.0-rc.9")).isPositive();
    assertThat(ReleaseTag.PRECEDENCE.compare("v1.0.0-rc.1", "v1.0.0")).isNegative();
    assertThat(ReleaseTag.PRECEDENCE.compare("v1.2", "1.2.0")).isZero();
  }

  @Test
  void buildMetadataIsIgnored() {
    assertThat(ReleaseTag.PRECEDENCE.compare("1.0.0+build.2", "1.0.0+build.10")).isZero();
    assertThat(ReleaseTag.PRECEDENCE.compare("1.0.0-rc.1+x", "1.0.0-rc.1")).isZero();
  }

  @Test
  void textThatIsNoVersionIsNotOne() {
    assertThat(ReleaseTag.isVersion("latest")).isFalse();
    assertThat(ReleaseTag.isVersion("v1..2")).isFalse();
    assertThat(ReleaseTag.isVersion("v2.0.0-rc1")).isTrue();
    assertThat(ReleaseTag.PRECEDENCE.compare("latest", "v0.0.1")).isNegative();
  }

  @Property
  void aPrereleaseComesBeforeItsRelease(
      @ForAll("versions") String core, @ForAll("pre") String pre) {
    assertThat(ReleaseTag.PRECEDENCE.compare(core + "-" + pre, core)).isNegative();
  }

  @Property
  void buildMetadataNeverChangesPrecedence(
      @ForAll("versions") String a, @ForAll("versions") String b, @ForAll("pre") String build) {
    assertThat(ReleaseTag.PRECEDENCE.compare(a + "+" + build, b))
        .isEqualTo(ReleaseTag.PRECEDENCE.compare(a, b));
  }

  @Property
  void aLeadingVChangesNothing(@ForAll("tags") String a, @ForAll("tags") String b) {
    assertThat(ReleaseTag.PRECEDENCE.compare("v" + a, b))
        .isEqualTo(ReleaseTag.PRECEDENCE.compare(a, b));
  }

  @Property
  void numericIdentifiersCompareAsNumbers(
      @ForAll @IntRange(min = 0, max = 100_000) int x,
      @ForAll @IntRange(min = 0, max = 100_000) int y) {
    assertThat(Integer.signum(ReleaseTag.PRECEDENCE.compare("1.0.0-rc." + x, "1.0.0-rc." + y)))
        .isEqualTo(Integer.signum(Integer.compare(x, y)));
    assertThat(Integer.signum(ReleaseTag.PRECEDENCE.compare(x + ".0.0", y + ".0.0")))
        .isEqualTo(Integer.signum(Integer.compare(x, y)));
  }

  @Property
  void precedenceIsAnOrder(
      @ForAll("tags") String a, @ForAll("tags") String b, @ForAll("tags") String c) {
    int ab = ReleaseTag.PRECEDENCE.compare(a, b);
    assertThat(Integer.signum(ReleaseTag.PRECEDENCE.compare(b, a))).isEqualTo(-Integer.signum(ab));
    if (ab <= 0 && ReleaseTag.PRECEDENCE.compare(b, c) <= 0) {
      assertThat(ReleaseTag.PRECEDENCE.compare(a, c)).isNotPositive();
    }
  }

  @Provide
  Arbitrary<String> versions() {
    Arbitrary<Integer> n = Arbitraries.integers().between(0, 20);
    return Combinators.combine(n, n, n).as((x, y, z) -> x + "." + y + "." + z);
  }

  @Provide
  Arbitrary<String> pre() {
    Arbitrary<String> id =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 30).map(String::valueOf),
            Arbitraries.of("alpha", "beta", "rc", "x-1", "RC"));
    return id.list().ofMinSize(1).ofMaxSize(3).map(ids -> String.join(".", ids));
  }

  @Provide
  Arbitrary<String> tags() {
    return Combinators.combine(versions(), pre().injectNull(0.5))
        .as((v, p) -> p == null ? v : v + "-" + p);
  }
}
