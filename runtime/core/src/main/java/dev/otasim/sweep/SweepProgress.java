package dev.otasim.sweep;

/**
 * Told how far a sweep has got, for a progress display: once when the clean run has ended and the
 * points are known, then once per point as it ends. The sweep calls it one call at a time, from
 * whichever of its threads ended the point.
 */
public interface SweepProgress {
  /** Shows nothing. */
  SweepProgress NONE =
      new SweepProgress() {
        @Override
        public void started(int points) {}

        @Override
        public void pointDone(CutResult result, int boots) {}
      };

  /** The clean run has ended; {@code points} points follow (this shard's). */
  void started(int points);

  /**
   * A point has ended.
   *
   * @param boots how many boots this point ran (a point that starts at its cut boot does not run
   *     the boots before it)
   */
  void pointDone(CutResult result, int boots);

  /**
   * The sweep was asked to stop ({@link PowerCutSweep.Builder#setStop}) and starts no more points;
   * the points already running have ended. By default nothing is shown.
   */
  default void stopped() {}
}
