package dev.otasim.fleet;

import dev.otasim.device.DeviceConfig;
import dev.otasim.github.ReleaseTag;
import dev.otasim.scenario.DemoScenario;
import dev.otasim.scenario.FolderScenario;
import dev.otasim.scenario.NaiveScenario;
import dev.otasim.stubs.flash.Flash;
import dev.otasim.sweep.SweepScenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What every board of a fleet starts from and updates against: the repository's releases (each
 * tag's whole tree), the flash a board leaves the factory with, the device configuration the mixes
 * vary, and where the updater keeps its app (how the fleet tells a working board from a bricked
 * one). It is read once from a scenario; each boot then gets a fake GitHub of its own with the
 * releases the schedule has published by then.
 */
public final class World {
  private final String name;
  private final String repo;
  private final Map<String, Map<String, byte[]>> releases;
  private final Flash.Snapshot startingFlash;
  private final DeviceConfig config;
  private final String appDir;
  private final String versionFile;
  private final List<String> ignoredInApp;

  private World(
      String name,
      String repo,
      Map<String, Map<String, byte[]>> releases,
      Flash.Snapshot startingFlash,
      DeviceConfig config,
      String appDir,
      String versionFile,
      List<String> ignoredInApp) {
    this.name = name;
    this.repo = repo;
    this.releases = releases;
    this.startingFlash = startingFlash;
    this.config = config;
    this.appDir = appDir.replaceAll("/+$", "");
    this.versionFile = versionFile;
    this.ignoredInApp = List.copyOf(ignoredInApp);
  }

  /**
   * Reads a world from one run of a scenario: its device's starting flash and configuration, and
   * the whole tree of each of {@code tags} in {@code repo} on its fake GitHub.
   *
   * @param appDir the app folder on the board ({@code /main}); each release holds it as the same
   *     folder without the leading slash
   * @param versionFile the file naming the installed version ({@code /main/.version})
   */
  public static World of(
      String name,
      Supplier<? extends SweepScenario> scenario,
      String repo,
      List<String> tags,
      String appDir,
      String versionFile,
      List<String> ignoredInApp) {
    if (tags.isEmpty()) {
      throw new IllegalArgumentException(
          "a fleet needs at least one release: the newest is the version the boards must reach");
    }
    Map<String, Map<String, byte[]>> trees = new LinkedHashMap<>();
    List<String> sorted = new ArrayList<>(tags);
    sorted.sort(ReleaseTag.ORDER);
    try (SweepScenario s = scenario.get()) {
      var repository = s.github().repository(repo);
      for (String tag : sorted) {
        trees.put(tag, Collections.unmodifiableMap(repository.files(tag, "")));
      }
      return new World(
          name,
          repo,
          Collections.unmodifiableMap(trees),
          s.device().flash().snapshot(),
          s.device().config(),
          appDir,
          versionFile,
          ignoredInApp);
    }
  }

  /** The demo: the reference updater on v1.0.0 of owner/app; v1.1.0 is the new release. */
  public static World demo() {
    return of(
        "the demo (reference updater)",
        DemoScenario::create,
        DemoScenario.REPO,
        List.of("v1.0.0", "v1.1.0"),
        "/main",
        "/main/.version",
        List.of(".rejected", "secrets.json"));
  }

  /** The 2018 article's updater taken literally, as {@code otasim sweep --naive} has it. */
  public static World naive() {
    return of(
        "the article's updater, taken literally",
        NaiveScenario::create,
        DemoScenario.REPO,
        List.of("v1.0.0", "v1.1.0"),
        "/main",
        "/main/.version",
        List.of());
  }

  /**
   * A board folder and a releases folder ({@code otasim fleet --board --releases --repo}): every
   * release folder is a tag.
   */
  public static World folder(FolderScenario.Spec spec, String appDir, String versionFile) {
    Objects.requireNonNull(spec.releases(), "releases");
    List<String> tags =
        FolderScenario.tags(spec.releases()).stream().map(p -> p.getFileName().toString()).toList();
    return of(
        spec.repo(),
        () -> FolderScenario.create(spec),
        spec.repo(),
        tags,
        appDir,
        versionFile,
        List.of(".rejected", "secrets.json"));
  }

  /** How reports name the updater under test. */
  public String name() {
    return name;
  }

  /** {@code owner/name}. */
  public String repo() {
    return repo;
  }

  /** Every release's whole tree by tag, oldest to newest. */
  public Map<String, Map<String, byte[]>> releases() {
    return releases;
  }

  /** The tags, oldest to newest. */
  public List<String> tags() {
    return List.copyOf(releases.keySet());
  }

  Flash.Snapshot startingFlash() {
    return startingFlash;
  }

  /**
   * The starting flash with {@code tag} installed instead, as the demo lays a release out: the app
   * folder holds exactly that release's app files and the version file names it. What the folder
   * keeps besides ({@code secrets.json}) stays.
   */
  Flash.Snapshot startingFlash(String tag, Flash flash) {
    Map<String, byte[]> tree = releases.get(tag);
    if (tree == null) {
      throw new IllegalArgumentException(
          "no release "
              + tag
              + " to start boards on; the releases are "
              + String.join(", ", tags()));
    }
    flash.restore(startingFlash);
    String prefix = appDir + "/";
    for (String path : flash.files().keySet()) {
      if (path.startsWith(prefix) && !ignoredInApp.contains(path.substring(prefix.length()))) {
        flash.remove(path);
      }
    }
    String folder = appDir.substring(1) + "/";
    tree.forEach(
        (path, bytes) -> {
          if (path.startsWith(folder)) {
            flash.put(prefix + path.substring(folder.length()), bytes);
          }
        });
    flash.put(versionFile, tag);
    return flash.snapshot();
  }

  /** The device configuration the fleet's mixes start from. */
  public DeviceConfig config() {
    return config;
  }

  String appDir() {
    return appDir;
  }

  String versionFile() {
    return versionFile;
  }

  /**
   * Why a board with this flash cannot boot into a working app, or empty if it can: its version
   * file names a release and its app folder holds exactly that release's app files (the sweep's
   * {@link dev.otasim.sweep.OtaInvariants}, minus what an update in progress may leave).
   */
  List<String> problems(Flash flash) {
    List<String> out = new ArrayList<>();
    String version = version(flash);
    if (version == null) {
      out.add(versionFile + " is missing");
      return out;
    }
    Map<String, byte[]> tree = releases.get(version);
    if (tree == null) {
      out.add(versionFile + " says '" + version + "', which is no release");
      return out;
    }
    String folder = appDir.substring(1) + "/";
    Map<String, byte[]> expected = new java.util.TreeMap<>();
    tree.forEach(
        (path, bytes) -> {
          if (path.startsWith(folder)) {
            expected.put(path.substring(folder.length()), bytes);
          }
        });
    Map<String, byte[]> actual = new java.util.TreeMap<>();
    String prefix = appDir + "/";
    String versionName =
        versionFile.startsWith(prefix) ? versionFile.substring(prefix.length()) : "";
    flash
        .files()
        .forEach(
            (path, bytes) -> {
              if (path.startsWith(prefix)) {
                String rel = path.substring(prefix.length());
                if (!rel.equals(versionName) && !ignoredInApp.contains(rel)) {
                  actual.put(rel, bytes);
                }
              }
            });
    java.util.TreeSet<String> all = new java.util.TreeSet<>(expected.keySet());
    all.addAll(actual.keySet());
    for (String rel : all) {
      byte[] want = expected.get(rel);
      byte[] got = actual.get(rel);
      if (got == null) {
        out.add(prefix + rel + " of " + version + " is missing");
      } else if (want == null) {
        out.add(prefix + rel + " does not belong to " + version);
      } else if (!java.util.Arrays.equals(want, got)) {
        out.add(prefix + rel + " differs from " + version);
      }
    }
    return out;
  }

  /** Whether an update is staged and not yet installed (the demo's {@code /next}). */
  boolean staging(Flash flash) {
    return flash.exists("/next");
  }

  /** The version a flash's version file names, or null. */
  String version(Flash flash) {
    return flash.exists(versionFile) ? flash.text(versionFile).strip() : null;
  }
}
