package dev.otasim.boot;

import dev.otasim.stubs.flash.Flash;
import java.nio.charset.StandardCharsets;

/**
 * The line of device code that caused a journal event, as {@code file:line: source line}: the
 * engines report the file and the line, and the source is read from the board's flash as it is at
 * that moment (an update may replace the file later).
 */
public final class CallSite {
  private CallSite() {}

  /**
   * {@code site} ({@code file:line}, as the Python VM names the running file) with its source line
   * from the flash, or {@code site} alone if the flash has no such file or line.
   */
  public static String describe(Flash flash, String site) {
    if (site == null) {
      return null;
    }
    int colon = site.lastIndexOf(':');
    if (colon < 0) {
      return site;
    }
    String file = site.substring(0, colon);
    String path = file.startsWith("/") ? file : "/" + file;
    try {
      int line = Integer.parseInt(site.substring(colon + 1));
      if (!flash.exists(path)) {
        return site;
      }
      String[] lines = new String(flash.content(path), StandardCharsets.UTF_8).split("\n", -1);
      if (line < 1 || line > lines.length) {
        return site;
      }
      return site + ": " + lines[line - 1].strip();
    } catch (RuntimeException e) {
      return site; // a directory by that name, a line that is not a number: the site alone
    }
  }
}
