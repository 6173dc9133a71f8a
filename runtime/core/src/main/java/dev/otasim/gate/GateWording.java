package dev.otasim.gate;

/**
 * How the gate's messages name its settings, so that each caller's wording stays its own: the Java
 * API's setter names by default, the command line's flags when {@code otasim gate} runs it.
 *
 * @param candidate the release to gate
 * @param candidateTag the version the candidate is published as
 * @param previous the release the boards run now
 * @param board the folder flashed onto the board
 * @param appDir the app's folder
 * @param repoDir the repository's checkout
 * @param serve a server of one's own the candidate is published on
 */
public record GateWording(
    String candidate,
    String candidateTag,
    String previous,
    String board,
    String appDir,
    String repoDir,
    String serve) {
  /** The names of {@link GateSpec}'s builder. */
  public static final GateWording API =
      new GateWording(
          "candidate", "candidateTag", "previous", "board", "appDir", "repoDir", "addServe");
}
