package dev.otasim.assertions;

import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.stubs.journal.Journal;

/**
 * The entry point for assertions on what a simulated board did.
 *
 * <pre>{@code
 * import static dev.otasim.assertions.OtaAssertions.assertThat;
 *
 * assertThat(device).hasSettled().hasFileWithText("/main/.version", "v1.1.0");
 * assertThat(device.journal()).fileOps().containsInOrder("rmdir main", "rename next -> main");
 * assertThat(device.journal()).matchesGolden("installs-new-release");
 * }</pre>
 */
public final class OtaAssertions {
  private OtaAssertions() {}

  public static JournalAssert assertThat(Journal journal) {
    return JournalAssert.of(journal);
  }

  public static DeviceAssert assertThat(Device device) {
    return new DeviceAssert(device);
  }

  public static BootResultAssert assertThat(BootResult boot) {
    return new BootResultAssert(boot);
  }
}
