package dev.otasim.scenario;

import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.github.FakeGitHub;
import dev.otasim.github.ReleaseTag;
import dev.otasim.github.RepoName;
import dev.otasim.github.Repository;
import dev.otasim.sweep.OtaInvariants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A scenario described by folders, for trying any updater without writing Java: a board folder
 * copied onto the flash, and a releases folder with one sub-folder per tag, each the repository's
 * tree at that tag (the highest semantic version is the latest release).
 *
 * <pre>
 * board/      boot.py  main.py  ota_updater.py  main/.version ...
 * releases/   v1.0.0/main/app.py   v1.1.0/main/app.py  v1.1.0/main/lib/util.py
 * </pre>
 */
public final class FolderScenario extends BoardScenario {
  private FolderScenario(Spec spec) {
    super(github -> publish(github, spec), spec.config(), device -> flash(device, spec));
  }

  private static void publish(FakeGitHub github, Spec spec) {
    Repository repo = github.repository(spec.repo());
    for (Path tag : tags(spec.releases())) {
      repo.release(tag.getFileName().toString(), tree -> addTree(tree, tag));
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
    device.flash().load(spec.board());
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
   */
  public record Spec(
      Path board,
      Path releases,
      String repo,
      DeviceConfig config,
      String ssid,
      String password,
      String token,
      boolean isPrivate) {
    public Spec {
      Objects.requireNonNull(board, "board");
      Objects.requireNonNull(releases, "releases");
      Objects.requireNonNull(repo, "repo");
      Objects.requireNonNull(config, "config");
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
    try (Stream<Path> list = Files.list(releases)) {
      return list.filter(Files::isDirectory)
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString(), ReleaseTag.ORDER))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + releases, e);
    }
  }

  /**
   * Invariants for an updater that keeps its app in {@code appDir} with a version file: the board
   * starts at the version its flash names, the newest release is the new version.
   */
  public static OtaInvariants invariants(Spec spec, String appDir, String versionFile) {
    List<Path> tags = tags(spec.releases());
    String newVersion = tags.get(tags.size() - 1).getFileName().toString();
    Path oldFile = spec.board().resolve(versionFile.replaceFirst("^/", ""));
    String oldVersion;
    try {
      oldVersion = Files.isRegularFile(oldFile) ? Files.readString(oldFile).strip() : "(none)";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + oldFile, e);
    }
    OtaInvariants.Builder b =
        OtaInvariants.builder()
            .setAppDir(appDir)
            .setVersionFile(versionFile)
            .setOldVersion(oldVersion)
            .setNewVersion(newVersion);
    try (FolderScenario s = new FolderScenario(spec)) {
      Repository repo = s.github().repository(spec.repo());
      for (Path tag : tags) {
        String name = tag.getFileName().toString();
        b.release(name, repo.files(name, appDir.replaceFirst("^/", "")));
      }
    }
    return b.build();
  }

  private static void addTree(dev.otasim.github.Tree tree, Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
        tree.file(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read release folder " + root, e);
    }
  }
}
