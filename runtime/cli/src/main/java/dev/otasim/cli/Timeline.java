package dev.otasim.cli;

import dev.otasim.device.TimelineEntry;
import dev.otasim.stubs.journal.Event;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help.Ansi;

/**
 * Prints a device's timeline for a person: boots as headings, then console, network and flash. Each
 * event says its family ({@link Event#category()}) and text ({@link Event#detail()}); this class
 * only chooses the colours.
 */
final class Timeline {
  private final PrintWriter out;
  private final Ansi ansi;

  Timeline(PrintWriter out, Ansi ansi) {
    this.out = out;
    this.ansi = ansi;
  }

  void print(List<TimelineEntry> entries) {
    for (TimelineEntry e : entries) {
      if (e.isConsole()) {
        line("console", "faint", e.consoleLine());
        continue;
      }
      Event ev = e.event();
      if (ev instanceof Event.Boot b) {
        out.println();
        out.println(
            ansi.string(
                "@|bold,underline boot " + b.number() + "|@ @|faint (" + causeText(b) + ")|@"));
      } else {
        String style = ev instanceof Event.Failed ? "yellow" : STYLES.get(ev.category());
        line(ev.category().label(), style, ev.detail());
      }
    }
    out.flush();
  }

  /** Each family's colour; a failed attempt is yellow whatever its family. */
  private static final Map<Event.Category, String> STYLES =
      new EnumMap<>(
          Map.of(
              Event.Category.BOARD, "magenta,bold",
              Event.Category.NET, "cyan",
              Event.Category.HTTP, "cyan",
              Event.Category.FLASH, "green"));

  private static String causeText(Event.Boot b) {
    return switch (b.cause()) {
      case PWRON -> "power on";
      case HARD -> "after machine.reset()";
      case SOFT -> "soft reset";
      case WDT -> "watchdog reset";
      case DEEPSLEEP -> "woke from deep sleep";
    };
  }

  private void line(String kind, String style, String text) {
    String padded = String.format("%-7s", kind);
    out.println(ansi.string("  @|" + style + " " + padded + "|@ @|faint \u2502|@ ") + text);
  }
}
