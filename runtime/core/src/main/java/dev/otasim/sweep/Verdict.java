package dev.otasim.sweep;

/** What became of the board after power was cut at one point and restored. */
public enum Verdict {
  /** The board settled running the version it had before the update. */
  RECOVERED_OLD("recovered old"),
  /** The board settled running the new version. */
  RECOVERED_NEW("recovered new"),
  /** The board did not come back with a complete app: the reason says why. */
  BRICKED("bricked");

  private final String text;

  Verdict(String text) {
    this.text = text;
  }

  /** The verdict as a report says it. */
  public String text() {
    return text;
  }
}
