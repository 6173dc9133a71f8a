package dev.otasim.cli;

import dev.otasim.report.Count;
import dev.otasim.sweep.CutResult;
import dev.otasim.sweep.SweepProgress;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A sweep's progress on stderr: points done of the total, boots per second and the time left. On a
 * terminal, one bar redrawn in place ({@code \r}) and wiped when the sweep ends; elsewhere (a CI
 * log) one plain line every tenth of the points or every {@value #LOG_EVERY_SECONDS} s, whichever
 * comes first, and one when the last point ends.
 */
final class ProgressLine implements SweepProgress {
  static final int LOG_EVERY_SECONDS = 10;
  private static final int BAR_WIDTH = 24;

  private final PrintWriter err;
  private final String label;
  private final boolean terminal;
  private final LongSupplier nanos;
  private int total;
  private int done;
  private long boots;
  private long start;
  private long lastLine;
  private int every = 1;

  ProgressLine(PrintWriter err, String label, boolean terminal, LongSupplier nanos) {
    this.err = err;
    this.label = label;
    this.terminal = terminal;
    this.nanos = nanos;
  }

  /**
   * The progress display of a command: nothing with {@code --quiet}, else a bar if stderr is a
   * terminal, else log lines.
   */
  static SweepProgress of(PrintWriter err, String label, boolean quiet) {
    return quiet
        ? SweepProgress.NONE
        : new ProgressLine(err, label, stderrIsTerminal(), System::nanoTime);
  }

  @Override
  public void started(int points) {
    total = points;
    done = 0;
    boots = 0;
    start = nanos.getAsLong();
    lastLine = start;
    every = Math.max(1, (points + 9) / 10);
  }

  @Override
  public void pointDone(CutResult result, int boots) {
    done++;
    this.boots += boots;
    long now = nanos.getAsLong();
    if (terminal) {
      err.print("\r\033[K" + bar() + " " + figures(now));
      if (done == total) {
        err.print("\r\033[K");
      }
      err.flush();
    } else if (done == total
        || done % every == 0
        || now - lastLine >= LOG_EVERY_SECONDS * 1_000_000_000L) {
      lastLine = now;
      err.println("  " + label + ": " + figures(now));
      err.flush();
    }
  }

  /** Stopped part way (Ctrl-C): the bar is wiped; a log gets one last line. */
  @Override
  public void stopped() {
    if (terminal) {
      err.print("\r\033[K");
    } else {
      err.println("  " + label + ": stopped at " + done + "/" + Count.of(total, "point"));
    }
    err.flush();
  }

  private String bar() {
    int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * done / total);
    return "  " + label + " [" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
  }

  /** "12/80 points, 9.5 boots/s, 0:31 left", or with the time taken once every point is done. */
  private String figures(long now) {
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    String rate = String.format(Locale.ROOT, "%.1f boots/s", boots / seconds);
    String time =
        done >= total
            ? clock(seconds) + " taken"
            : clock(seconds / done * (total - done)) + " left";
    return done + "/" + Count.of(total, "point") + ", " + rate + ", " + time;
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /**
   * Whether stderr is a terminal. Java cannot ask isatty(2); on Linux the descriptor's link names
   * the device ({@code /dev/pts/N}, {@code /dev/ttyN}); elsewhere the console (stdin and stdout
   * both terminals) stands in for it. A CI job ({@code CI} set) never counts as a terminal.
   */
  static boolean stderrIsTerminal() {
    String ci = System.getenv("CI");
    if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
      return false;
    }
    Path fd = Paths.get("/proc/self/fd/2");
    try {
      if (Files.isSymbolicLink(fd)) {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (java.io.IOException | SecurityException e) {
      // fall through to the console
    }
    return System.console() != null;
  }
}
