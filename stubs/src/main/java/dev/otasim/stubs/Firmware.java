package dev.otasim.stubs;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * A MicroPython firmware release the simulated board runs, such as {@code 1.22.0}: parsed once from
 * the CLI, the JUnit annotation or a {@code DeviceConfig}, and carried to everything that depends
 * on it (the module table, {@code sys.implementation}, lint). Only releases otasim has a module
 * profile for are accepted (spec/micropython-esp32.md §20).
 *
 * @param major the major version (1)
 * @param minor the minor version, which selects the module profile
 * @param patch the patch level; it changes nothing otasim simulates
 */
public record Firmware(int major, int minor, int patch) implements Comparable<Firmware> {
  /** The firmware a board runs unless told otherwise: the spec's baseline. */
  public static final Firmware DEFAULT = new Firmware(1, 27, 0);

  /**
   * The first release whose TLS module is the C module {@code tls}, with {@code ssl} a frozen
   * Python module over it, so that {@code import ussl} fails (spec §20).
   */
  public static final Firmware TLS_MODULE = new Firmware(1, 23, 0);

  /**
   * The first release that registers the C modules under their plain names; before it the {@code
   * u}-names are the modules and the plain names weak links (spec §20).
   */
  public static final Firmware PLAIN_NAMES = new Firmware(1, 21, 0);

  /** The oldest and the newest release otasim has a module profile for. */
  private static final Firmware OLDEST = new Firmware(1, 20, 0);

  private static final Firmware NEWEST = new Firmware(1, 28, 0);

  private static final Pattern VERSION =
      Pattern.compile("(\\d{1,4})\\.(\\d{1,4})(?:\\.(\\d{1,4}))?");

  public Firmware {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("firmware versions are not negative");
    }
  }

  /**
   * Parses {@code 1.22} or {@code 1.22.0} (the patch defaults to 0).
   *
   * @throws IllegalArgumentException naming the text and the fix, if it is not a version or not one
   *     otasim has a profile for
   */
  public static Firmware parse(String text) {
    Matcher m = VERSION.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("firmware (" + text + ") must look like 1.27.0 or 1.22");
    }
    Firmware firmware =
        new Firmware(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    if (firmware.major != OLDEST.major
        || firmware.minor < OLDEST.minor
        || firmware.minor > NEWEST.minor) {
      throw new IllegalArgumentException(
          "firmware ("
              + text
              + ") is not one otasim has a module profile for; use one of "
              + String.join(", ", supported()));
    }
    return firmware;
  }

  /** The release series otasim simulates, oldest first: {@code 1.20}, …, {@code 1.28}. */
  public static List<String> supported() {
    return IntStream.rangeClosed(OLDEST.minor, NEWEST.minor)
        .mapToObj(minor -> OLDEST.major + "." + minor)
        .toList();
  }

  /** Whether this release is {@code other} or newer. */
  public boolean atLeast(Firmware other) {
    return compareTo(other) >= 0;
  }

  /** {@code 1.22}: how messages name a release series. */
  public String series() {
    return major + "." + minor;
  }

  @Override
  public int compareTo(Firmware o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c != 0 ? c : Integer.compare(patch, o.patch);
  }

  /** {@code 1.22.0}, as {@code sys.implementation} and {@code os.uname()} print it. */
  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
