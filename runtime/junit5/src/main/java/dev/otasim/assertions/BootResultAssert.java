package dev.otasim.assertions;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one boot. */
public final class BootResultAssert extends AbstractAssert<BootResultAssert, BootResult> {
  BootResultAssert(BootResult boot) {
    super(boot, BootResultAssert.class);
  }

  /** The boot ended this way. */
  public BootResultAssert endedWith(BootOutcome outcome) {
    isNotNull();
    if (actual.outcome() != outcome) {
      throw Failures.mismatch(
          info,
          String.format(
              "%nExpecting boot %d to end with %s but it ended with %s%s%nconsole:%n%s",
              actual.number(),
              outcome,
              actual.outcome(),
              actual.exception().map(e -> " (" + e + ")").orElse(""),
              actual.console()),
          outcome,
          actual.outcome());
    }
    return this;
  }

  /** The boot ended with an uncaught exception whose last traceback line is exactly this. */
  public BootResultAssert raised(String line) {
    isNotNull();
    if (!line.equals(actual.error())) {
      throw Failures.mismatch(
          info,
          String.format(
              "%nExpecting boot %d to end with the exception:%n  %s%nbut it ended with %s%s%n"
                  + "console:%n%s",
              actual.number(),
              line,
              actual.outcome(),
              actual.exception().map(e -> ": " + e).orElse(""),
              actual.console()),
          line,
          actual.error());
    }
    return this;
  }

  /** The boot printed this text on the console. */
  public BootResultAssert printed(String text) {
    isNotNull();
    if (!actual.console().contains(text)) {
      failWithMessage(
          "%nExpecting boot %d's console:%n%s%nto contain:%n  %s",
          actual.number(), actual.console(), text);
    }
    return this;
  }

  /** The boot's console is exactly this text. */
  public BootResultAssert printedExactly(String text) {
    isNotNull();
    if (!actual.console().equals(text)) {
      throw Failures.mismatch(
          info,
          String.format(
              "%nExpecting boot %d's console:%n%s%nto be exactly:%n%s",
              actual.number(), actual.console(), text),
          text,
          actual.console());
    }
    return this;
  }
}
