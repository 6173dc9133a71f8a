package dev.otasim.assertions;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a simulated board: its boots, its flash, its console. */
public final class DeviceAssert extends AbstractAssert<DeviceAssert, Device> {
  DeviceAssert(Device device) {
    super(device, DeviceAssert.class);
  }

  /** The last boot ended without restarting the board: {@code main.py} returned. */
  public DeviceAssert hasSettled() {
    isNotNull();
    List<BootResult> boots = actual.boots();
    if (boots.isEmpty()) {
      failWithMessage("%nExpecting the device to have settled but it never booted");
    }
    BootResult last = boots.get(boots.size() - 1);
    if (last.outcome() != BootOutcome.RETURNED) {
      throw Failures.mismatch(
          info,
          String.format(
              "%nExpecting the device to have settled (main.py returned) but the last boot was:%n"
                  + "  %s%nboots:%n%s%nconsole:%n%s%njournal:%n%s",
              last,
              JournalAssert.indent(boots.stream().map(Object::toString).toList()),
              actual.console(),
              actual.journal().text()),
          BootOutcome.RETURNED,
          last.outcome());
    }
    return this;
  }

  /** The device booted exactly this many times. */
  public DeviceAssert bootedTimes(int times) {
    isNotNull();
    if (actual.boots().size() != times) {
      throw Failures.mismatch(
          info,
          String.format(
              "%nExpecting the device to have booted %d times but it booted %d times:%n%s",
              times,
              actual.boots().size(),
              JournalAssert.indent(actual.boots().stream().map(Object::toString).toList())),
          times,
          actual.boots().size());
    }
    return this;
  }

  /** A file exists on the flash with exactly this UTF-8 text. */
  public DeviceAssert hasFileWithText(String path, String text) {
    isNotNull();
    if (!actual.flash().exists(path)) {
      failWithMessage(
          "%nExpecting flash to have file:%n  %s%nbut it does not. Flash:%n%s",
          path, actual.flash().tree());
    }
    String content = actual.flash().text(path);
    if (!content.equals(text)) {
      throw Failures.mismatch(
          info,
          String.format(
              "%nExpecting flash file %s to contain:%n  %s%nbut it contains:%n  %s",
              path, text, content),
          text,
          content);
    }
    return this;
  }

  /** Nothing exists at this path on the flash. */
  public DeviceAssert doesNotHaveFile(String path) {
    isNotNull();
    if (actual.flash().exists(path)) {
      failWithMessage(
          "%nExpecting flash not to have:%n  %s%nbut it does. Flash:%n%s",
          path, actual.flash().tree());
    }
    return this;
  }

  /** The flash tree, as {@code Flash.tree()} prints it, is exactly this. */
  public DeviceAssert hasFlashTree(String tree) {
    isNotNull();
    String t = actual.flash().tree();
    if (!t.equals(tree)) {
      throw Failures.mismatch(
          info, String.format("%nExpecting flash tree:%n%s%nto be:%n%s", t, tree), tree, t);
    }
    return this;
  }

  /** The console, across boots, contains this text. */
  public DeviceAssert printed(String text) {
    isNotNull();
    if (!actual.console().contains(text)) {
      failWithMessage("%nExpecting console:%n%s%nto contain:%n  %s", actual.console(), text);
    }
    return this;
  }

  /** Assertions on the last boot. */
  public BootResultAssert lastBoot() {
    isNotNull();
    List<BootResult> boots = actual.boots();
    if (boots.isEmpty()) {
      failWithMessage("%nExpecting a last boot but the device never booted");
    }
    return new BootResultAssert(boots.get(boots.size() - 1));
  }

  /** Assertions on the journal. */
  public JournalAssert journal() {
    isNotNull();
    return OtaAssertions.assertThat(actual.journal());
  }
}
