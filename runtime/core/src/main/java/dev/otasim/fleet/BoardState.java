package dev.otasim.fleet;

/**
 * Where a board stands after a boot of the fleet, as reports count it. The counts of a report's
 * {@code final} object are these, so they sum to the boards.
 */
public enum BoardState {
  /** Runs the newest release. */
  UPDATED("updated"),
  /** Runs an older release and has nothing staged. */
  OLD("old"),
  /** Its last check for a release was refused by GitHub's rate limit (403). */
  STALLED("stalled"),
  /** An update is staged and not yet installed. */
  UPDATING("updating"),
  /** Its last boot put back an older version than the one it ran. */
  ROLLED_BACK("rolled_back"),
  /** It still restarted after the most boots a power cycle allows. */
  BOOT_LOOP("boot_loop"),
  /** Its flash no longer holds a complete release: it cannot boot into a working app. */
  BRICKED("bricked");

  private final String key;

  BoardState(String key) {
    this.key = key;
  }

  /** The name in JSON and text reports. */
  public String key() {
    return key;
  }

  static BoardState ofKey(String key) {
    for (BoardState s : values()) {
      if (s.key.equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown board state '" + key + "'");
  }
}
