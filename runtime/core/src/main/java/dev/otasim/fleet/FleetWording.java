package dev.otasim.fleet;

/**
 * How a fleet's messages name its settings, so that each caller's wording stays its own: the Java
 * API's setter names by default, the command line's flags when {@code otasim fleet} runs it.
 *
 * @param boards the number of boards
 * @param sites the number of sites
 * @param hours the virtual hours simulated
 * @param interval the time between a board's power cycles
 * @param spread the time over which boards first power on
 * @param powerCutRate the chance of a power cut per power cycle
 * @param wifiFailureRate the chance a power cycle finds no Wi-Fi
 * @param wifiDropRate the chance the link drops during a request
 * @param rateLimit the API requests an hour without a token
 * @param threads sites run in parallel
 * @param tokens who carries a token
 * @param token the token the board folder's updater sends
 * @param publish a release scheduled
 * @param start a starting version of the mix
 * @param firmware a firmware version of the mix
 * @param heap a heap size of the mix
 * @param newVersion the version the boards must reach when no releases folder names it
 * @param newApp the folder of that version's app
 * @param releases the folder of the repository's releases
 * @param appDir the app's folder on the board
 * @param versionFile the file naming the installed version
 */
public record FleetWording(
    String boards,
    String sites,
    String hours,
    String interval,
    String spread,
    String powerCutRate,
    String wifiFailureRate,
    String wifiDropRate,
    String rateLimit,
    String threads,
    String tokens,
    String token,
    String publish,
    String start,
    String firmware,
    String heap,
    String newVersion,
    String newApp,
    String releases,
    String appDir,
    String versionFile) {
  /** The names of {@link Fleet.Builder}'s setters and {@link World#folder}'s arguments. */
  public static final FleetWording API =
      new FleetWording(
          "setBoards",
          "setSites",
          "setHours",
          "setInterval",
          "setPowerOnSpread",
          "setPowerCutRate",
          "setWifiFailureRate",
          "setWifiDropRate",
          "setRateLimit",
          "setThreads",
          "setTokens",
          "the spec's token",
          "publish",
          "start",
          "firmware",
          "heap",
          "the target's version",
          "the target's app",
          "the spec's releases",
          "the layout's appDir",
          "the layout's versionFile");
}
