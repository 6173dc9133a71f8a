package dev.otasim.cli;

import dev.otasim.device.TimelineEntry;
import dev.otasim.stubs.journal.Event;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Help.Ansi;

/** Prints a device's timeline for a person: boots as headings, then console, network and flash. */
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
      } else if (ev instanceof Event.Failed f) {
        line(kind(f.attempt()), "yellow", f.toString());
      } else if (ev instanceof Event.LifecycleEvent) {
        line("board", "magenta,bold", ev.toString());
      } else if (ev instanceof Event.NetworkEvent) {
        line(kind(ev), "cyan", text(ev));
      } else {
        line("flash", "green", ev.toString());
      }
    }
    out.flush();
  }

  private static String causeText(Event.Boot b) {
    return switch (b.cause()) {
      case PWRON -> "power on";
      case HARD -> "after machine.reset()";
      case SOFT -> "soft reset";
      case WDT -> "watchdog reset";
      case DEEPSLEEP -> "woke from deep sleep";
    };
  }

  private static String kind(Event e) {
    if (e instanceof Event.HttpExchange) {
      return "http";
    }
    if (e instanceof Event.NetworkEvent) {
      return "net";
    }
    return e instanceof Event.FileEvent ? "flash" : "board";
  }

  private static String text(Event e) {
    return e instanceof Event.HttpExchange h
        ? h.toString().substring("http ".length())
        : e.toString();
  }

  private void line(String kind, String style, String text) {
    String padded = String.format("%-7s", kind);
    out.println(ansi.string("  @|" + style + " " + padded + "|@ @|faint \u2502|@ ") + text);
  }
}
