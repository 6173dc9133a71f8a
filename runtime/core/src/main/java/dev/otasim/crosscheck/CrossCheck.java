package dev.otasim.crosscheck;

import dev.otasim.boot.CallSite;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.device.TimelineEntry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares two runs of the same board, one on GraalPy and one on the real MicroPython VM: their
 * timelines (journal events with the console lines interleaved, in order) and their final flash.
 * GraalPy can pass what the board fails (dict order, float formatting, a builtin's keyword
 * argument); the first place the two runs part is where to look.
 */
public final class CrossCheck {
  /** Lines of context shown on each side of a divergence. */
  private static final int CONTEXT = 3;

  /** A line of a MicroPython traceback that names a file and a line. */
  private static final Pattern TRACEBACK_FRAME =
      Pattern.compile("^\\| +File \"([^\"]+)\", line (\\d+)");

  /**
   * Where two runs first differ.
   *
   * @param part {@code timeline} or {@code flash}
   * @param index the index of the first differing line in that part
   * @param graalpy the GraalPy run's lines around it, the differing one marked
   * @param micropython the MicroPython run's lines around it, the differing one marked
   * @param deviceLine the line of device code that produced the first differing line, as {@code
   *     file:line: source}, if known
   */
  public record Divergence(
      String part,
      int index,
      List<String> graalpy,
      List<String> micropython,
      Optional<String> deviceLine) {
    /** A divergence whose device line is not known. */
    public Divergence(String part, int index, List<String> graalpy, List<String> micropython) {
      this(part, index, graalpy, micropython, Optional.empty());
    }

    /**
     * Which side matches the board as the spec describes it, where otasim can tell from the two
     * differing lines, as the command line prints it after "disagree; ". The real VM is the board's
     * language but not its modules, floats or ports (docs/known-differences.md), so the MicroPython
     * side is named only for what spec §16 gives to the VM: the same items in another order (dict
     * and set order) and a SyntaxError or a refused keyword argument that GraalPy let pass.
     * Anything else is unknown.
     */
    public String specSide() {
      String g = marked(graalpy);
      String m = marked(micropython);
      if (g != null && m != null && !g.equals(m) && tokens(g).equals(tokens(m))) {
        return "the MicroPython side matches the spec (§16: dict and set order is the board's"
            + " hash order, not insertion order)";
      }
      if (m != null
          && (g == null || !g.equals(m))
          && (m.contains("SyntaxError") || m.matches(".*TypeError: .*keyword.*"))) {
        return "the MicroPython side matches the spec (§16: the board's parser and builtins refuse"
            + " what GraalPy accepts)";
      }
      return "which side matches the spec is unknown (check both against"
          + " spec/micropython-esp32.md and docs/known-differences.md)";
    }

    private static String marked(List<String> lines) {
      for (String l : lines) {
        if (l.startsWith("> ") && !l.equals("> (ends here)")) {
          return l.substring(2);
        }
      }
      return null;
    }

    private static List<String> tokens(String line) {
      List<String> t = new ArrayList<>(List.of(line.split("[\\s,\\[\\]{}():]+")));
      t.removeIf(String::isEmpty);
      java.util.Collections.sort(t);
      return t;
    }

    /** The divergence as the command line prints it. */
    public String describe() {
      StringBuilder s =
          new StringBuilder("the engines diverge in the ")
              .append(part)
              .append(" at line ")
              .append(index + 1)
              .append(":\n");
      deviceLine.ifPresent(l -> s.append("  device code: ").append(l).append('\n'));
      s.append("  graalpy:\n");
      graalpy.forEach(l -> s.append("    ").append(l).append('\n'));
      s.append("  micropython:\n");
      micropython.forEach(l -> s.append("    ").append(l).append('\n'));
      return s.toString();
    }
  }

  /** What the comparison found. */
  public record Result(Optional<Divergence> divergence) {
    public boolean identical() {
      return divergence.isEmpty();
    }
  }

  private CrossCheck() {}

  /**
   * Compares a board run on GraalPy with the same board run on MicroPython. The device line of a
   * divergence is known when the devices recorded call sites ({@code
   * device.journal().recordCallSites()} before they run, as {@link #run} does).
   */
  public static Result compare(Device graalpy, Device micropython) {
    if (graalpy.config().engine() != Engine.GRAALPY
        || micropython.config().engine() != Engine.MICROPYTHON) {
      throw new IllegalArgumentException(
          "compare(graalpy, micropython) takes a GraalPy device, then a MicroPython one");
    }
    List<TimelineEntry> g = graalpy.timeline();
    List<TimelineEntry> m = micropython.timeline();
    Optional<Divergence> d = first("timeline", lines(g), lines(m));
    if (d.isPresent()) {
      Divergence t = d.get();
      Optional<String> line = deviceLine(g, t.index());
      if (line.isEmpty()) {
        line = deviceLine(m, t.index());
      }
      if (line.isEmpty()) {
        line = tracebackLine(micropython, m, t.index());
      }
      return new Result(
          Optional.of(new Divergence(t.part(), t.index(), t.graalpy(), t.micropython(), line)));
    }
    return new Result(first("flash", flash(graalpy), flash(micropython)));
  }

  /** The device line that caused the entry at {@code index}, if it was recorded. */
  private static Optional<String> deviceLine(List<TimelineEntry> t, int index) {
    return index < t.size() ? t.get(index).asCallSite() : Optional.empty();
  }

  /**
   * For a divergence in what the board printed: the innermost frame of the traceback the real VM
   * printed from there on, with its source line from the flash.
   */
  private static Optional<String> tracebackLine(Device d, List<TimelineEntry> t, int index) {
    String site = null;
    for (int k = index; k < t.size() && t.get(k).isConsole(); k++) {
      Matcher frame = TRACEBACK_FRAME.matcher(t.get(k).toString());
      if (frame.find()) {
        site = frame.group(1) + ":" + frame.group(2);
      }
    }
    return Optional.ofNullable(CallSite.describe(d.flash(), site));
  }

  /**
   * Runs the same board on both engines until each settles and compares them. {@code setUp} gets
   * each fresh device (GraalPy's first) and puts the board's files, access points, a fake GitHub on
   * it.
   */
  public static Result run(DeviceConfig config, Consumer<Device> setUp) {
    Device graalpy = Device.create(config.toBuilder().setEngine(Engine.GRAALPY).build());
    graalpy.journal().recordCallSites();
    setUp.accept(graalpy);
    graalpy.runUntilSettled();
    Device micropython = Device.create(config.toBuilder().setEngine(Engine.MICROPYTHON).build());
    micropython.journal().recordCallSites();
    setUp.accept(micropython);
    micropython.runUntilSettled();
    return compare(graalpy, micropython);
  }

  /**
   * Fails with the first divergence, its context on both sides, unless the two runs (GraalPy's,
   * then MicroPython's) left the same timeline and the same flash.
   */
  public static void assertSameOnBothEngines(Device graalpy, Device micropython) {
    compare(graalpy, micropython)
        .divergence()
        .ifPresent(
            d -> {
              throw new AssertionError(
                  "the board behaves differently on the real MicroPython VM: " + d.describe());
            });
  }

  /** The timeline as lines: journal events and {@code | console} lines. */
  public static List<String> timeline(Device device) {
    return lines(device.timeline());
  }

  private static List<String> lines(List<TimelineEntry> timeline) {
    List<String> out = new ArrayList<>();
    for (TimelineEntry e : timeline) {
      out.add(e.toString());
    }
    return out;
  }

  /** The final flash as lines: each file's path, size and SHA-256, and each directory. */
  public static List<String> flash(Device device) {
    List<String> out = new ArrayList<>();
    Map<String, byte[]> files = new TreeMap<>(device.flash().files());
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      out.add(f.getKey() + " " + f.getValue().length + " B sha256:" + sha256(f.getValue()));
    }
    return out;
  }

  static Optional<Divergence> first(String part, List<String> a, List<String> b) {
    int n = Math.min(a.size(), b.size());
    int i = 0;
    while (i < n && a.get(i).equals(b.get(i))) {
      i++;
    }
    if (i == a.size() && i == b.size()) {
      return Optional.empty();
    }
    return Optional.of(new Divergence(part, i, around(a, i), around(b, i)));
  }

  private static List<String> around(List<String> lines, int i) {
    List<String> out = new ArrayList<>();
    for (int k = Math.max(0, i - CONTEXT); k < Math.min(lines.size(), i + CONTEXT + 1); k++) {
      out.add((k == i ? "> " : "  ") + lines.get(k));
    }
    if (i >= lines.size()) {
      out.add("> (ends here)");
    }
    return out;
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(b))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
