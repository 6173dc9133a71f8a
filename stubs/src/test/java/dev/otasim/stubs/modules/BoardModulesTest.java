package dev.otasim.stubs.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.stubs.Firmware;
import java.io.InputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The module table by firmware profile (spec §14, §20). */
class BoardModulesTest {
  static final Firmware V1_20 = Firmware.parse("1.20");
  static final Firmware V1_22 = Firmware.parse("1.22");
  static final Firmware V1_27 = Firmware.DEFAULT;

  @Nested
  class Profiles {
    @Test
    void upToV120TheUNamesAreTheModulesAndThePlainNamesAliases() {
      BoardModule os = module("os");
      assertThat(os.registeredName(V1_20)).isEqualTo("uos");
      assertThat(os.aliases(V1_20)).containsExactly("os");
      assertThat(os.registeredName(V1_22)).isEqualTo("os");
      assertThat(os.aliases(V1_22)).containsExactly("uos");
    }

    @Test
    void usslIsTheCModuleUpToV122AndGoneFromV123() {
      assertThat(BoardModules.importable(V1_20)).contains("ussl", "ssl").doesNotContain("tls");
      assertThat(BoardModules.importable(V1_22)).contains("ussl", "ssl").doesNotContain("tls");
      assertThat(BoardModules.importable(V1_27)).contains("tls", "ssl").doesNotContain("ussl");
    }

    @Test
    void uzlibUpToV120ThenDeflate() {
      assertThat(BoardModules.importable(V1_20))
          .contains("uzlib", "zlib")
          .doesNotContain("deflate");
      assertThat(BoardModules.importable(V1_22))
          .contains("deflate")
          .doesNotContain("uzlib", "zlib", "udeflate");
      assertThat(BoardModules.importable(V1_27))
          .contains("deflate")
          .doesNotContain("uzlib", "zlib", "udeflate");
    }

    @Test
    void fromV123SslIsFrozenOverTls() {
      assertThat(BoardModules.on(V1_27))
          .filteredOn(m -> m.name().equals("ssl"))
          .singleElement()
          .extracting(BoardModule::kind)
          .isEqualTo(BoardModule.Kind.FROZEN);
    }

    @Test
    void aliasesMapUNamesAndTheFrozenForwarderToTheModule() {
      assertThat(BoardModules.aliases())
          .containsEntry("uos", "os")
          .containsEntry("ussl", "ssl")
          .containsEntry("urequests", "requests")
          // machine is extensible on v1.27, so umachine imports it (spec §20.1); gc and tls are not
          .containsEntry("umachine", "machine")
          .doesNotContainKeys("ugc", "utls", "unetwork");
    }
  }

  @Test
  void everyModulesSourceIsOnTheClasspath() throws Exception {
    for (BoardModule m : BoardModules.ALL) {
      for (String resource : m.sources()) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
          assertThat(in).as(m.name() + ": " + resource).isNotNull();
        }
      }
    }
  }

  private static BoardModule module(String name) {
    return BoardModules.ALL.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }
}
