package dev.otasim.sweep;

import java.util.List;

/**
 * The outcome of one cut point.
 *
 * @param index the journal index power was cut before
 * @param event the event that did not happen (its golden line in the clean run)
 * @param boot the boot, counted from 1, in which power was cut
 * @param verdict what became of the board
 * @param reasons why the board counts as bricked (empty otherwise)
 * @param boots how many boots the board took in all, the cut one included
 * @param finalVersion the content of the version file at the end, or {@code null}
 * @param journalTail the last lines of the journal, for bricked points
 * @param flashTree the flash at the end, for bricked points
 */
public record CutResult(
    int index,
    String event,
    int boot,
    Verdict verdict,
    List<String> reasons,
    int boots,
    String finalVersion,
    List<String> journalTail,
    String flashTree) {

  public boolean bricked() {
    return verdict == Verdict.BRICKED;
  }
}
