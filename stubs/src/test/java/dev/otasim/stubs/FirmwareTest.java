package dev.otasim.stubs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Firmware versions: parsed once, only the releases otasim has a profile for. */
class FirmwareTest {
  @Test
  void aMissingPatchIsZero() {
    assertThat(Firmware.parse("1.22")).isEqualTo(new Firmware(1, 22, 0));
    assertThat(Firmware.parse("1.22.2")).hasToString("1.22.2");
    assertThat(Firmware.parse("1.22").series()).isEqualTo("1.22");
  }

  @Test
  void theDefaultIsTheSpecsBaseline() {
    assertThat(Firmware.DEFAULT).hasToString("1.27.0");
  }

  @Test
  void releasesOutsideTheProfilesAreRejectedWithTheList() {
    String list = "use one of 1.20, 1.21, 1.22, 1.23, 1.24, 1.25, 1.26, 1.27, 1.28";
    assertThatThrownBy(() -> Firmware.parse("0.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("firmware (0.1) is not one otasim has a module profile for; " + list);
    assertThatThrownBy(() -> Firmware.parse("99.0"))
        .hasMessage("firmware (99.0) is not one otasim has a module profile for; " + list);
    assertThatThrownBy(() -> Firmware.parse("1.19"))
        .hasMessage("firmware (1.19) is not one otasim has a module profile for; " + list);
  }

  @Test
  void textThatIsNoVersionIsRejected() {
    assertThatThrownBy(() -> Firmware.parse("latest"))
        .hasMessage("firmware (latest) must look like 1.27.0 or 1.22");
  }

  @Test
  void ordersByMajorMinorPatch() {
    assertThat(Firmware.parse("1.22.1")).isGreaterThan(Firmware.parse("1.22"));
    assertThat(Firmware.parse("1.23").atLeast(Firmware.TLS_MODULE)).isTrue();
    assertThat(Firmware.parse("1.22.9").atLeast(Firmware.TLS_MODULE)).isFalse();
  }
}
