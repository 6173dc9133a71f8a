package dev.otasim.fleet;

import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.github.FakeGitHub;
import dev.otasim.github.ReleaseTag;
import dev.otasim.github.Repository;
import dev.otasim.scenario.DemoScenario;
import dev.otasim.scenario.FolderScenario;
import dev.otasim.scenario.NaiveScenario;
import dev.otasim.stubs.flash.Flash;
import dev.otasim.stubs.host.HostInput;
import dev.otasim.sweep.SweepScenario;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What every board of a fleet starts from and updates against: the servers (a repository whose
 * releases the schedule publishes, servers of one's own that serve the new version from its
 * publication on, and whatever else stays put: more repositories, branches, tokens), the flash a
 * board leaves the factory with, the device configuration the mixes vary, and where the updater
 * keeps its app and version (how the fleet tells a working board from a bricked one). Each boot
 * gets a fake GitHub with what the schedule has published by then.
 */
public final class World {
  /**
   * Header names whose values change with the time or the site's rate-limit hour rather than with
   * what a power cycle's key holds: an updater whose code names one may act on them.
   */
  private static final Pattern CLOCK_HEADERS =
      Pattern.compile("(?i)x-ratelimit|ratelimit-(remaining|reset|used)|['\"]date['\"]");

  private final String name;
  private final String repo;
  private final Map<String, Map<String, byte[]>> releases;
  private final List<String> versions;
  private final Map<String, Map<String, byte[]>> apps;
  private final Flash.Snapshot startingFlash;
  private final DeviceConfig config;
  private final String appDir;
  private final String versionFile;
  private final List<String> ignoredInApp;
  private final Publisher publisher;
  private final String token;
  private final boolean tokenOnBoard;
  private final boolean readsClockHeaders;

  /** Serves the world on a fake GitHub as it stands when {@code shown} is published. */
  @FunctionalInterface
  interface Publisher extends BiConsumer<FakeGitHub, Map<String, Boolean>> {}

  private World(
      String name,
      String repo,
      Map<String, Map<String, byte[]>> releases,
      List<String> versions,
      Map<String, Map<String, byte[]>> apps,
      Flash.Snapshot startingFlash,
      DeviceConfig config,
      String appDir,
      String versionFile,
      List<String> ignoredInApp,
      Publisher publisher,
      String token,
      boolean tokenOnBoard,
      boolean readsClockHeaders) {
    this.name = name;
    this.repo = repo;
    this.releases = releases;
    this.versions = List.copyOf(versions);
    this.apps = apps;
    this.startingFlash = startingFlash;
    this.config = config;
    this.appDir = appDir.equals("/") ? "" : appDir.replaceAll("/+$", "");
    this.versionFile = versionFile;
    this.ignoredInApp = List.copyOf(ignoredInApp);
    this.publisher = publisher;
    this.token = token;
    this.tokenOnBoard = tokenOnBoard;
    this.readsClockHeaders = readsClockHeaders;
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
    Map<String, Map<String, byte[]>> trees = trees(scenario, repo, tags);
    Flash.Snapshot flash;
    DeviceConfig config;
    try (SweepScenario s = scenario.get()) {
      flash = s.device().flash().snapshot();
      config = s.device().config();
    }
    Publisher publisher =
        (github, shown) -> {
          Repository r = github.repository(repo);
          shown.forEach(
              (tag, pre) -> {
                Map<String, byte[]> tree = trees.get(tag);
                if (pre) {
                  r.prerelease(tag, t -> tree.forEach(t::file));
                } else {
                  r.release(tag, t -> tree.forEach(t::file));
                }
              });
        };
    String app = appDir.replaceAll("/+$", "");
    return new World(
        name,
        repo,
        trees,
        List.copyOf(trees.keySet()),
        apps(trees, app),
        flash,
        config,
        appDir,
        versionFile,
        ignoredInApp,
        publisher,
        Boots.TOKEN,
        true,
        readsClockHeaders(flashFiles(flash, config), trees.values()));
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
   * A board folder and a releases folder with the app in {@code appDir} ({@code otasim fleet
   * --board --releases --repo}): every release folder is a tag.
   */
  public static World folder(FolderScenario.Spec spec, String appDir, String versionFile) {
    return folder(spec, null, new Layout(appDir, versionFile), FleetWording.API);
  }

  /**
   * Where an updater keeps its app and the file naming the installed version; either may be null to
   * be found: the version file is then {@code appDir/.version}, the app folder the version file's
   * folder, and with neither, the one file a clean update leaves holding the new version.
   */
  public record Layout(String appDir, String versionFile) {
    /** Nothing given: the fleet finds both from a clean update. */
    public static final Layout FIND = new Layout(null, null);
  }

  /**
   * Any folder scenario: a repository's releases ({@code releases}, published on the schedule),
   * servers of one's own (serving their folders from the moment the new version is published), more
   * repositories, branches, a private repository and the token the board's updater sends.
   *
   * @param target the version the boards must reach and the folder of its app, or {@code null} for
   *     the newest release; needed when the scenario has no releases folder
   * @param layout the app folder and version file, or {@link Layout#FIND}
   * @param say how messages name the settings
   * @throws IllegalArgumentException naming what is missing and the fix
   */
  public static World folder(
      FolderScenario.Spec spec, FolderScenario.NewVersion target, Layout layout, FleetWording say) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(layout, "layout");
    if (target == null && spec.releases() == null) {
      throw new IllegalArgumentException(
          "a fleet must know the version its boards reach: give "
              + say.newVersion()
              + " VERSION (and "
              + say.newApp()
              + " DIR, the folder of the app it installs), or "
              + say.releases()
              + " DIR, whose newest tag is that version");
    }
    List<String> tags =
        spec.releases() == null
            ? List.of()
            : FolderScenario.tags(spec.releases()).stream()
                .map(p -> p.getFileName().toString())
                .toList();
    Map<String, Map<String, byte[]>> trees =
        tags.isEmpty() ? Map.of() : trees(() -> FolderScenario.create(spec), spec.repo(), tags);
    List<String> versions = new ArrayList<>(tags);
    String newVersion = target == null ? null : target.version();
    if (newVersion != null && !versions.contains(newVersion)) {
      versions.add(newVersion);
      versions.sort(ReleaseTag.ORDER);
    }
    String reach = newVersion != null ? newVersion : tags.get(tags.size() - 1);
    Publisher publisher =
        (github, shown) ->
            FolderScenario.publish(github, spec, shown::get, shown.containsKey(reach));
    Flash.Snapshot flash;
    DeviceConfig config;
    Map<String, byte[]> after;
    try (FolderScenario s = FolderScenario.create(spec)) {
      flash = s.device().flash().snapshot();
      config = s.device().config();
      after = layout.appDir() == null && layout.versionFile() == null ? cleanUpdate(s) : Map.of();
    }
    Layout found = find(layout, after, flash, config, reach, say);
    String app = found.appDir().equals("/") ? "" : found.appDir().replaceAll("/+$", "");
    Map<String, Map<String, byte[]>> apps = new LinkedHashMap<>(apps(trees, app));
    if (target != null && target.app() != null) {
      apps.put(newVersion, HostInput.of(say.newApp(), target.app()).files());
    }
    List<String> ignored = List.of(".rejected", "secrets.json");
    Map<String, byte[]> start = flashFiles(flash, config);
    String startVersion =
        start.containsKey(found.versionFile())
            ? new String(start.get(found.versionFile()), StandardCharsets.UTF_8).strip()
            : null;
    if (startVersion != null && !app.isEmpty() && !apps.containsKey(startVersion)) {
      // no release tree of the version the board starts on: the app it holds is that version
      Map<String, byte[]> own = new TreeMap<>();
      start.forEach(
          (path, bytes) -> {
            String rel = path.startsWith(app + "/") ? path.substring(app.length() + 1) : null;
            if (rel != null && !path.equals(found.versionFile()) && !ignored.contains(rel)) {
              own.put(rel, bytes);
            }
          });
      apps.put(startVersion, own);
      if (!versions.contains(startVersion)) {
        versions.add(startVersion);
        versions.sort(ReleaseTag.ORDER);
      }
    }
    List<Map<String, byte[]>> served = new ArrayList<>(trees.values());
    served.addAll(apps.values());
    spec.origins().values().forEach(dir -> served.add(HostInput.of("--serve", dir).files()));
    spec.branches().values().forEach(dir -> served.add(HostInput.of("--ref", dir).files()));
    if (spec.github() != null) {
      served.add(HostInput.of("--github", spec.github()).files());
    }
    return new World(
        FolderScenario.describe(spec),
        spec.repo(),
        trees,
        versions,
        Collections.unmodifiableMap(apps),
        flash,
        config,
        found.appDir(),
        found.versionFile(),
        ignored,
        publisher,
        spec.token(),
        false,
        readsClockHeaders(start, served));
  }

  private static Map<String, Map<String, byte[]>> trees(
      Supplier<? extends SweepScenario> scenario, String repo, List<String> tags) {
    Map<String, Map<String, byte[]>> trees = new LinkedHashMap<>();
    List<String> sorted = new ArrayList<>(tags);
    sorted.sort(ReleaseTag.ORDER);
    try (SweepScenario s = scenario.get()) {
      var repository = s.github().repository(repo);
      for (String tag : sorted) {
        trees.put(tag, Collections.unmodifiableMap(repository.files(tag, "")));
      }
    }
    return Collections.unmodifiableMap(trees);
  }

  /** Each release's app files, by path inside the app folder ({@code ""}: the whole tree). */
  private static Map<String, Map<String, byte[]>> apps(
      Map<String, Map<String, byte[]>> trees, String app) {
    String folder = app.isEmpty() ? "" : app.substring(1) + "/";
    Map<String, Map<String, byte[]>> out = new LinkedHashMap<>();
    trees.forEach(
        (tag, tree) -> {
          Map<String, byte[]> files = new TreeMap<>();
          tree.forEach(
              (path, bytes) -> {
                if (path.startsWith(folder)) {
                  files.put(path.substring(folder.length()), bytes);
                }
              });
          out.put(tag, Collections.unmodifiableMap(files));
        });
    return out;
  }

  /**
   * The flash after the scenario's update runs with everything published: three power cycles, each
   * until the board settles, as an updater may stage in one and install in the next (the
   * article's).
   */
  private static Map<String, byte[]> cleanUpdate(FolderScenario s) {
    s.github().start();
    for (int cycle = 0; cycle < 3; cycle++) {
      s.device().runUntilSettled();
    }
    return s.device().flash().files();
  }

  private static Layout find(
      Layout given,
      Map<String, byte[]> after,
      Flash.Snapshot start,
      DeviceConfig config,
      String reach,
      FleetWording say) {
    for (String p : new String[] {given.appDir(), given.versionFile()}) {
      if (p != null && !p.startsWith("/")) {
        throw new IllegalArgumentException(
            (p.equals(given.appDir()) ? say.appDir() : say.versionFile())
                + " "
                + p
                + " is not a path on the board; give it from the flash's root, such as /"
                + p);
      }
    }
    if (given.versionFile() != null) {
      String parent = given.versionFile().substring(0, given.versionFile().lastIndexOf('/'));
      return new Layout(
          given.appDir() != null ? given.appDir() : parent.isEmpty() ? "/" : parent,
          given.versionFile());
    }
    if (given.appDir() != null) {
      String dir = given.appDir().replaceAll("/+$", "");
      return new Layout(given.appDir(), dir + "/.version");
    }
    Map<String, byte[]> before = flashFiles(start, config);
    List<String> holding = new ArrayList<>();
    after.forEach(
        (path, bytes) -> {
          if (bytes.length <= 64
              && new String(bytes, StandardCharsets.UTF_8).strip().equals(reach)
              && !java.util.Arrays.equals(bytes, before.get(path))) {
            holding.add(path);
          }
        });
    if (holding.size() == 1) {
      return find(new Layout(null, holding.get(0)), after, start, config, reach, say);
    }
    throw new IllegalArgumentException(
        "cannot tell where the updater keeps its version: after three power cycles with"
            + " everything published, "
            + (holding.isEmpty()
                ? "no file on the board says " + reach
                : "each of " + String.join(", ", holding) + " says " + reach)
            + "; give "
            + say.versionFile()
            + " FILE (such as /app/.version; its folder is the app's unless "
            + say.appDir()
            + " says otherwise)");
  }

  private static Map<String, byte[]> flashFiles(Flash.Snapshot snapshot, DeviceConfig config) {
    Device d = Device.create(config);
    d.flash().restore(snapshot);
    return d.flash().files();
  }

  /**
   * Whether any Python the boards can run names a header whose value depends on the time or the
   * site's rate-limit hour (compiled {@code .mpy} cannot be read: it counts as naming them).
   */
  private static boolean readsClockHeaders(
      Map<String, byte[]> board, java.util.Collection<Map<String, byte[]>> served) {
    List<Map<String, byte[]>> all = new ArrayList<>(served);
    all.add(board);
    for (Map<String, byte[]> files : all) {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        if (e.getKey().endsWith(".mpy")) {
          return true;
        }
        if (e.getKey().endsWith(".py")
            && CLOCK_HEADERS
                .matcher(new String(e.getValue(), StandardCharsets.ISO_8859_1))
                .find()) {
          return true;
        }
      }
    }
    return false;
  }

  /** How reports name the updater under test. */
  public String name() {
    return name;
  }

  /** {@code owner/name} of the repository the schedule publishes releases of, or null. */
  public String repo() {
    return repo;
  }

  /** Every release's whole tree by tag, oldest to newest. */
  public Map<String, Map<String, byte[]>> releases() {
    return releases;
  }

  /**
   * Every version the schedule can publish, oldest to newest: the repository's tags and the version
   * servers of one's own publish.
   */
  public List<String> tags() {
    return versions;
  }

  /** Serves, on {@code github}, what the world shows once {@code shown} is published. */
  void publish(FakeGitHub github, Map<String, Boolean> shown) {
    publisher.accept(github, shown);
  }

  /** The token boards carry when they carry one, or null if the board folder names none. */
  String token() {
    return token;
  }

  /** Whether the fleet puts the token on the board itself ({@code secrets.json}, as the demo). */
  boolean tokenOnBoard() {
    return tokenOnBoard;
  }

  /**
   * Whether the boards' code may act on {@code Date} or {@code X-RateLimit-*}: then a power cycle
   * depends on the moment and the site's rate-limit hour too, and the memo keys on them.
   */
  boolean readsClockHeaders() {
    return readsClockHeaders;
  }

  Flash.Snapshot startingFlash() {
    return startingFlash;
  }

  /**
   * The starting flash with {@code tag} installed instead: the app folder holds exactly that
   * release's app files and the version file names it. What the folder keeps besides ({@code
   * secrets.json}) stays.
   */
  Flash.Snapshot startingFlash(String tag, Flash flash) {
    Map<String, byte[]> app = apps.get(tag);
    if (app == null) {
      throw new IllegalArgumentException(
          "no release "
              + tag
              + " to start boards on; the releases are "
              + String.join(", ", tags()));
    }
    flash.restore(startingFlash);
    String prefix = appDir + "/";
    if (!appDir.isEmpty()) {
      for (String path : flash.files().keySet()) {
        if (path.startsWith(prefix) && !ignoredInApp.contains(path.substring(prefix.length()))) {
          flash.remove(path);
        }
      }
    }
    app.forEach((path, bytes) -> flash.put(prefix + path, bytes));
    flash.put(versionFile, tag);
    return flash.snapshot();
  }

  /** The device configuration the fleet's mixes start from. */
  public DeviceConfig config() {
    return config;
  }

  /** The app folder on the board, {@code "/"} for the flash's root. */
  public String appDir() {
    return appDir.isEmpty() ? "/" : appDir;
  }

  /** The file naming the installed version. */
  public String versionFile() {
    return versionFile;
  }

  /**
   * Why a board with this flash cannot boot into a working app, or empty if it can: its version
   * file names a version and its app folder holds exactly that version's app files, as far as the
   * world knows them (the sweep's {@link dev.otasim.sweep.OtaInvariants}, minus what an update in
   * progress may leave). An app at the flash's root is judged by its own files only: the board's
   * other files live there too.
   */
  List<String> problems(Flash flash) {
    List<String> out = new ArrayList<>();
    String version = version(flash);
    if (version == null) {
      out.add(versionFile + " is missing");
      return out;
    }
    if (!versions.contains(version)) {
      out.add(versionFile + " says '" + version + "', which is no release");
      return out;
    }
    Map<String, byte[]> expected = apps.get(version);
    if (expected == null) {
      return out; // a version whose files the world does not know: its version file is all
    }
    Map<String, byte[]> actual = new TreeMap<>();
    String prefix = appDir + "/";
    flash
        .files()
        .forEach(
            (path, bytes) -> {
              if (path.startsWith(prefix)) {
                String rel = path.substring(prefix.length());
                if (!path.equals(versionFile) && !ignoredInApp.contains(rel)) {
                  actual.put(rel, bytes);
                }
              }
            });
    java.util.TreeSet<String> all = new java.util.TreeSet<>(expected.keySet());
    if (!appDir.isEmpty()) {
      all.addAll(actual.keySet());
    }
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
