package dev.otasim.engine;

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

/**
 * Compares two runs of the same board, one on GraalPy and one on the real MicroPython VM: their
 * timelines (journal events with the console lines interleaved, in order) and their final flash.
 * GraalPy can pass what the board fails (dict order, float formatting, a builtin's keyword
 * argument); the first place the two runs part is where to look.
 */
public final class CrossCheck {
  /** Lines of context shown on each side of a divergence. */
  private static final int CONTEXT = 4;

  /**
   * Where two runs first differ.
   *
   * @param part {@code timeline} or {@code flash}
   * @param index the index of the first differing line in that part
   * @param graalpy the GraalPy run's lines around it, the differing one marked
   * @param micropython the MicroPython run's lines around it, the differing one marked
   */
  public record Divergence(String part, int index, List<String> graalpy, List<String> micropython) {
    /** The divergence as the command line prints it. */
    public String describe() {
      StringBuilder s =
          new StringBuilder("the engines diverge in the ")
              .append(part)
              .append(" at line ")
              .append(index + 1)
              .append(":\n  graalpy:\n");
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

  /** Compares a board run on GraalPy with the same board run on MicroPython. */
  public static Result compare(Device graalpy, Device micropython) {
    if (graalpy.config().engine() != Engine.GRAALPY
        || micropython.config().engine() != Engine.MICROPYTHON) {
      throw new IllegalArgumentException(
          "compare(graalpy, micropython) takes a GraalPy device, then a MicroPython one");
    }
    Optional<Divergence> d = first("timeline", timeline(graalpy), timeline(micropython));
    if (d.isEmpty()) {
      d = first("flash", flash(graalpy), flash(micropython));
    }
    return new Result(d);
  }

  /**
   * Runs the same board on both engines until each settles and compares them. {@code setUp} gets
   * each fresh device (GraalPy's first) and puts the board's files, access points, a fake GitHub on
   * it.
   */
  public static Result run(DeviceConfig config, Consumer<Device> setUp) {
    Device graalpy = Device.create(config.toBuilder().setEngine(Engine.GRAALPY).build());
    setUp.accept(graalpy);
    graalpy.runUntilSettled();
    Device micropython = Device.create(config.toBuilder().setEngine(Engine.MICROPYTHON).build());
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
    List<String> out = new ArrayList<>();
    for (TimelineEntry e : device.timeline()) {
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
