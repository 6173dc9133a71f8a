package dev.otasim.stubs.machine;

/**
 * The board's reset line, driven by the host: pulling it ends the running boot at once. Device code
 * can neither catch it nor run {@code finally} blocks after it, because the board is off from that
 * instant (DESIGN §4).
 */
@FunctionalInterface
public interface ResetLine {
  /**
   * Ends the boot. Never returns normally.
   *
   * @return nothing; declared to let callers write {@code throw line.pull(stop)}
   */
  RuntimeException pull(Stop stop);
}
