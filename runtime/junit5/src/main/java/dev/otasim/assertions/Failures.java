package dev.otasim.assertions;

import org.assertj.core.api.WritableAssertionInfo;
import org.opentest4j.AssertionFailedError;

/**
 * Failures that carry what was expected and what was found, as opentest4j's {@link
 * AssertionFailedError}: IDEs and build reports offer a side-by-side diff of the two.
 */
final class Failures {
  private Failures() {}

  /** A failure with this message (and the assertion's {@code as(...)} description, if any). */
  static AssertionFailedError mismatch(
      WritableAssertionInfo info, String message, Object expected, Object actual) {
    String description = info == null ? "" : info.descriptionText();
    String text =
        description == null || description.isEmpty() ? message : "[" + description + "] " + message;
    return new AssertionFailedError(text, expected, actual);
  }
}
