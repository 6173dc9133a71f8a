package dev.otasim.scenario;

import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.github.FakeGitHub;
import dev.otasim.github.ReleaseTag;
import dev.otasim.github.RepoName;
import dev.otasim.github.Repository;
import dev.otasim.stubs.host.HostInput;
import dev.otasim.sweep.OtaInvariants;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A scenario described by folders, for trying any updater without writing Java: a board folder
 * copied onto the flash, and a releases folder with one sub-folder per tag, each the repository's
 * tree at that tag (the highest semantic version is the latest release), and/or folders served by
 * servers of one's own ({@code --serve URL=DIR}).
 *
 * <pre>
 * board/      boot.py  main.py  ota_updater.py  main/.version ...
 * releases/   v1.0.0/main/app.py   v1.1.0/main/app.py  v1.1.0/main/lib/util.py
 * srv/        version.json  app.py                  (--serve http://192.168.1.10:8000/=srv)
 * </pre>
 */
public final class FolderScenario extends BoardScenario {
  private FolderScenario(Spec spec) {
    super(github -> publish(github, spec), spec.config(), device -> flash(device, spec));
  }

  private static void publish(FakeGitHub github, Spec spec) {
    publish(github, spec, tag -> Boolean.FALSE, true);
  }

  /**
   * Serves what {@code spec} describes as it stands at one moment of a rollout: the repository's
   * release folders as {@code shown} says ({@code false} a release, {@code true} a prerelease,
   * {@code null} not published yet), and the servers of one's own only if {@code originsUp}; the
   * other repositories, branches and tokens always.
   */
  public static void publish(
      FakeGitHub github,
      Spec spec,
      java.util.function.Function<String, Boolean> shown,
      boolean originsUp) {
    if (originsUp) {
      spec.origins().forEach((url, dir) -> github.origin(url).serve(dir));
    }
    if (spec.github() != null) {
      GitHubFolder.publish(github, GitHubFolder.read(spec.github()), spec.token());
      if (spec.token() != null) {
        github.acceptToken(spec.token());
      }
    }
    if (spec.repo() == null) {
      return;
    }
    Repository repo = github.repository(spec.repo());
    if (spec.releases() != null) {
      HostInput releases = HostInput.of("--releases", spec.releases());
      for (Path tag : tags(spec.releases())) {
        // through the releases folder's handle: a tag folder swapped for a link is not followed
        String name = tag.getFileName().toString();
        Boolean pre = shown.apply(name);
        if (pre == null) {
          continue;
        }
        HostInput release = releases.folder(name);
        if (pre) {
          repo.prerelease(name, tree -> release.files().forEach(tree::file));
        } else {
          repo.release(name, tree -> release.files().forEach(tree::file));
        }
      }
    }
    spec.branches().forEach((name, dir) -> repo.branch(name, tree -> addTree(tree, dir)));
    if (spec.defaultBranch() != null) {
      repo.defaultBranch(spec.defaultBranch());
    }
    if (spec.token() != null) {
      if (spec.isPrivate()) {
        repo.makePrivate(spec.token());
      } else {
        github.acceptToken(spec.token());
      }
    }
  }

  private static void flash(Device device, Spec spec) {
    long flash = device.flash().capacityBytes();
    device.flash().load(HostInput.of("--board", spec.board(), flash, flash));
    if (spec.ssid() != null) {
      device.network().accessPoint(spec.ssid(), spec.password());
    }
  }

  /**
   * What a folder scenario is made of.
   *
   * @param board the folder copied onto the flash
   * @param releases one sub-folder per tag
   * @param repo {@code owner/name}
   * @param config the device's configuration
   * @param ssid the only access point, or {@code null} to let any credentials connect
   * @param password its password
   * @param token a token the fake GitHub accepts, or {@code null}
   * @param isPrivate whether the repository is private (needs the token)
   * @param branches branches by name, each the folder with its files ({@code --ref NAME=DIR})
   * @param defaultBranch the default branch, or {@code null} for {@code main}
   * @param origins servers of one's own: each URL ({@code http://192.168.1.10:8000/}) with the
   *     folder served under its path, in order
   * @param github a folder of repositories ({@link GitHubFolder}), or {@code null}
   */
  public record Spec(
      Path board,
      Path releases,
      String repo,
      DeviceConfig config,
      String ssid,
      String password,
      String token,
      boolean isPrivate,
      java.util.Map<String, Path> branches,
      String defaultBranch,
      java.util.Map<String, Path> origins,
      Path github) {
    public Spec {
      Objects.requireNonNull(board, "board");
      Objects.requireNonNull(config, "config");
      branches = java.util.Map.copyOf(Objects.requireNonNull(branches, "branches"));
      origins =
          java.util.Collections.unmodifiableMap(
              new java.util.LinkedHashMap<>(Objects.requireNonNull(origins, "origins")));
      if (releases == null && branches.isEmpty() && origins.isEmpty() && github == null) {
        throw new NullPointerException("releases");
      }
      if (repo == null && (releases != null || !branches.isEmpty())) {
        throw new NullPointerException("repo");
      }
    }

    /** A scenario with a repository and no server of one's own. */
    public Spec(
        Path board,
        Path releases,
        String repo,
        DeviceConfig config,
        String ssid,
        String password,
        String token,
        boolean isPrivate,
        java.util.Map<String, Path> branches,
        String defaultBranch) {
      this(
          board,
          releases,
          Objects.requireNonNull(repo, "repo"),
          config,
          ssid,
          password,
          token,
          isPrivate,
          branches,
          defaultBranch,
          java.util.Map.of(),
          null);
    }

    /** A scenario with releases only; the default branch is at the newest one. */
    public Spec(
        Path board,
        Path releases,
        String repo,
        DeviceConfig config,
        String ssid,
        String password,
        String token,
        boolean isPrivate) {
      this(
          board,
          Objects.requireNonNull(releases, "releases"),
          repo,
          config,
          ssid,
          password,
          token,
          isPrivate,
          java.util.Map.of(),
          null);
    }

    /** The same scenario with its board on {@code engine} (a cross-check runs both). */
    public Spec onEngine(dev.otasim.device.Engine engine) {
      return new Spec(
          board,
          releases,
          repo,
          config.toBuilder().setEngine(engine).build(),
          ssid,
          password,
          token,
          isPrivate,
          branches,
          defaultBranch,
          origins,
          github);
    }

    /**
     * Checks the folders and names exactly what is wrong and how to fix it.
     *
     * @throws IllegalArgumentException with that message
     */
    public Spec validate() {
      return validate(Wording.API);
    }

    /**
     * {@link #validate()}, naming the settings as {@code say} does (the command line's flags).
     *
     * @throws IllegalArgumentException with that message
     */
    public Spec validate(Wording say) {
      if (!Files.isDirectory(board)) {
        throw new IllegalArgumentException(
            say.board()
                + " "
                + board
                + " is not a folder; give the folder whose files go on the board's"
                + " flash (boot.py, main.py, your updater)");
      }
      branches.forEach(
          (name, dir) -> {
            if (!Files.isDirectory(dir)) {
              throw new IllegalArgumentException(
                  "--ref "
                      + name
                      + "="
                      + dir
                      + ": "
                      + dir
                      + " is not a folder; give the folder holding the repository's files on"
                      + " branch "
                      + name);
            }
          });
      origins.forEach(
          (url, dir) -> {
            // the URL's own checks, with their messages
            try (FakeGitHub probe = FakeGitHub.create()) {
              probe.origin(url);
            }
            if (!Files.isDirectory(dir)) {
              throw new IllegalArgumentException(
                  "--serve "
                      + url
                      + "="
                      + dir
                      + ": "
                      + dir
                      + " is not a folder; give the folder whose files the server at "
                      + url
                      + " serves");
            }
          });
      if (github != null) {
        for (GitHubFolder.Repo r : GitHubFolder.read(github)) {
          if (r.isPrivate() && token == null) {
            throw new IllegalArgumentException(
                "--github: "
                    + r.name()
                    + " is private (repo.json), which needs "
                    + say.token()
                    + ": the fake GitHub hides a private repository from requests without it");
          }
          if (repo != null && r.name().equalsIgnoreCase(repo)) {
            throw new IllegalArgumentException(
                "--repo "
                    + repo
                    + " is also in --github "
                    + github
                    + "; give each repository once");
          }
        }
      }
      if (releases == null) {
        return this;
      }
      if (!Files.isDirectory(releases)) {
        throw new IllegalArgumentException(
            say.releases()
                + " "
                + releases
                + " is not a folder; give a folder with one sub-folder per"
                + " release tag, each holding the repository's files at that tag");
      }
      if (tags(releases).isEmpty()) {
        throw new IllegalArgumentException(
            say.releases()
                + " "
                + releases
                + " has no sub-folders; add one per tag, such as"
                + " "
                + releases.resolve("v1.1.0")
                + "/main/app.py");
      }
      RepoName.parse(repo);
      if (isPrivate && token == null) {
        throw new IllegalArgumentException(
            say.isPrivate()
                + " needs "
                + say.token()
                + ": the fake GitHub hides a private repository from requests without it");
      }
      return this;
    }
  }

  /**
   * How {@link Spec#validate(Wording)} names the settings: {@link Spec}'s components by default,
   * the command line's flags when a command validates.
   */
  public record Wording(String board, String releases, String isPrivate, String token) {
    public static final Wording API = new Wording("board", "releases", "isPrivate", "token");
  }

  /** A fresh run of the scenario. */
  public static FolderScenario create(Spec spec) {
    return new FolderScenario(spec);
  }

  /** The release tags, oldest to newest by semantic version. */
  public static List<Path> tags(Path releases) {
    return HostInput.of("--releases", releases).folders().stream()
        .sorted(Comparator.comparing((Path p) -> p.getFileName().toString(), ReleaseTag.ORDER))
        .toList();
  }

  /**
   * Invariants for an updater that keeps its app in {@code appDir} with a version file: the board
   * starts at the version its flash names, the newest release is the new version.
   *
   * @throws IllegalArgumentException if the spec has no releases folder
   */
  public static OtaInvariants invariants(Spec spec, String appDir, String versionFile) {
    return invariants(spec, appDir, versionFile, null);
  }

  /**
   * The version a sweep's board must reach when the releases folder cannot tell it (an updater that
   * follows a server of its own, or a repository of a {@code --github} folder).
   *
   * @param version what the version file says once the update is installed, such as {@code 1.1.0}
   * @param app the folder holding exactly the files the app folder then holds, or {@code null} to
   *     check only the version file
   */
  public record NewVersion(String version, Path app) {
    public NewVersion {
      Objects.requireNonNull(version, "version");
      if (version.isBlank()) {
        throw new IllegalArgumentException(
            "the new version is empty; give it as the board's"
                + " version file will say it, such as 1.1.0");
      }
    }
  }

  /**
   * Invariants for an updater that keeps its app in {@code appDir} with a version file: the board
   * starts at the version its flash names, with the app its board folder holds (or, with a releases
   * folder, that release's tree), and must reach {@code target}, by default the newest release.
   * Whatever servers the scenario has, its own or several repositories, the board is judged by its
   * flash alone.
   *
   * @param target the version to reach and its app, or {@code null} for the newest release
   * @throws IllegalArgumentException if {@code target} is null and the spec has no releases folder
   */
  public static OtaInvariants invariants(
      Spec spec, String appDir, String versionFile, NewVersion target) {
    if (target == null && spec.releases() == null) {
      throw new IllegalArgumentException(
          "a sweep needs the version the board must reach: give releases (its newest tag is that"
              + " version) or a NewVersion with the folder of that version's app");
    }
    String app = appDir.replaceFirst("^/+", "").replaceFirst("/+$", "");
    HostInput board = HostInput.of("--board", spec.board());
    byte[] old = board.file(versionFile.replaceFirst("^/", ""));
    String oldVersion = old == null ? "(none)" : new String(old, StandardCharsets.UTF_8).strip();
    List<Path> tags = spec.releases() == null ? List.of() : tags(spec.releases());
    String newVersion =
        target != null ? target.version() : tags.get(tags.size() - 1).getFileName().toString();
    OtaInvariants.Builder b =
        OtaInvariants.builder()
            .setAppDir(appDir)
            .setVersionFile(versionFile)
            .setOldVersion(oldVersion)
            .setNewVersion(newVersion);
    if (spec.releases() != null) {
      try (FolderScenario s = new FolderScenario(spec)) {
        Repository repo = s.github().repository(spec.repo());
        for (Path tag : tags) {
          String name = tag.getFileName().toString();
          b.release(name, repo.files(name, app));
        }
      }
    } else if (old != null) {
      // no release tree of the old version: the app the board starts with is that version
      b.release(oldVersion, appFiles(board, app, versionFile));
    }
    if (target != null && target.app() != null) {
      b.release(newVersion, HostInput.of("the new version's app", target.app()).files());
    }
    return b.build();
  }

  /** The files of {@code app} on the board folder, by path inside it, less the version file. */
  private static java.util.Map<String, byte[]> appFiles(
      HostInput board, String app, String versionFile) {
    String prefix = app.isEmpty() ? "" : app + "/";
    String version = versionFile.replaceFirst("^/+", "");
    java.util.Map<String, byte[]> out = new java.util.TreeMap<>();
    board
        .files()
        .forEach(
            (path, bytes) -> {
              if (path.startsWith(prefix) && !path.equals(version)) {
                out.put(path.substring(prefix.length()), bytes);
              }
            });
    return out;
  }

  /**
   * What the scenario serves, for a report's title: the repository, the {@code --github} folder's
   * repositories and the servers of one's own, in that order.
   */
  public static String describe(Spec spec) {
    List<String> names = new java.util.ArrayList<>();
    if (spec.repo() != null) {
      names.add(spec.repo());
    }
    if (spec.github() != null) {
      GitHubFolder.read(spec.github()).forEach(r -> names.add(r.name()));
    }
    names.addAll(spec.origins().keySet());
    return String.join(", ", names);
  }

  private static void addTree(dev.otasim.github.Tree tree, Path root) {
    HostInput.of("--releases", root).files().forEach(tree::file);
  }
}
