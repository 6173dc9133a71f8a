package dev.otasim.gate;

/**
 * One check of the gate, a test case in the JUnit report.
 *
 * @param name what was checked ("update installs v1.0.0 -> v1.1.0")
 * @param status how it came out
 * @param summary one line for the table and the failure message
 * @param details what a person needs to see why it failed (journal tail, flash), or empty
 * @param millis how long it took
 */
public record Check(String name, Status status, String summary, String details, long millis) {
  /** How a check came out. */
  public enum Status {
    PASSED,
    FAILED,
    SKIPPED
  }

  public boolean failed() {
    return status == Status.FAILED;
  }
}
