package dev.otasim.cli;

import dev.otasim.device.DeviceConfig;
import dev.otasim.scenario.FolderScenario;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that describe a board and its releases as folders (run, sweep). */
final class ScenarioOptions {
  @Mixin SharedOptions.BoardOption boardOption;

  @Option(
      names = "--releases",
      paramLabel = "DIR",
      description = "One sub-folder per release tag, each the repository's tree at that tag.")
  Path releases;

  @Option(
      names = "--ref",
      paramLabel = "NAME=DIR",
      description =
          "A branch of the repository and the folder with its files; repeatable (--ref"
              + " master=app/). Raw files, contents, trees and commits are served by its name.")
  java.util.List<String> refs = new java.util.ArrayList<>();

  @Option(
      names = "--default-branch",
      paramLabel = "NAME",
      description =
          "The repository's default branch (default: main, at the newest release unless a --ref"
              + " gives it files).")
  String defaultBranch;

  @Option(
      names = "--serve",
      paramLabel = "URL=DIR",
      description =
          "A server of one's own at URL's scheme, host and port, serving DIR's files under URL's"
              + " path; repeatable (--serve http://192.168.1.10:8000/=srv). A name resolves"
              + " through the board's DNS, an IP literal connects directly. http:// answers as"
              + " python3 -m http.server, https:// as nginx.")
  java.util.List<String> serves = new java.util.ArrayList<>();

  @Option(
      names = "--github",
      paramLabel = "DIR",
      description =
          "Several repositories: DIR/OWNER/NAME/ each with releases/TAG/ (the tree at each"
              + " release), optional branches/BRANCH/, assets/TAG/FILE (release assets) and"
              + " repo.json ({\"default_branch\": \"master\", \"private\": true,"
              + " \"annotated_tags\": true}). --repo/--releases/--ref add one more.")
  Path github;

  @Mixin SharedOptions.RepoOption repoOption;

  @Mixin SharedOptions.FirmwareOption firmwareOption;

  @Option(
      names = "--wifi",
      paramLabel = "SSID:PASSWORD",
      description = "The only access point; without it any credentials connect.")
  String wifi;

  @Option(names = "--token", paramLabel = "T", description = "A token the fake GitHub accepts.")
  String token;

  @Option(names = "--private", description = "Make the repository private (requests need --token).")
  boolean isPrivate;

  /** The scenario's settings as the command line names them. */
  static final FolderScenario.Wording WORDING =
      new FolderScenario.Wording("--board", "--releases", "--private", "--token");

  /** Whether any folder option was given. */
  boolean given() {
    return boardOption.board != null
        || releases != null
        || repoOption.given()
        || !refs.isEmpty()
        || !serves.isEmpty()
        || github != null;
  }

  /** {@code --serve URL=DIR} values by URL, in order (run, sweep, gate). */
  static java.util.Map<String, String> serves(java.util.List<String> values) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String serve : values) {
      // the URL has '=' only in a query, which an origin may not have: split at the last one
      int eq = serve.lastIndexOf('=');
      if (eq <= 0 || eq == serve.length() - 1) {
        throw new IllegalArgumentException(
            "--serve '" + serve + "' is not URL=DIR, such as http://192.168.1.10:8000/=srv");
      }
      if (out.put(serve.substring(0, eq), serve.substring(eq + 1)) != null) {
        throw new IllegalArgumentException(
            "--serve " + serve.substring(0, eq) + " is given twice; give each server once");
      }
    }
    return out;
  }

  FolderScenario.Spec spec(int maxBoots) {
    java.util.List<String> missing = new java.util.ArrayList<>();
    Path board = boardOption.board;
    if (board == null) {
      missing.add("--board");
    }
    boolean repository = releases != null || !refs.isEmpty() || repoOption.given();
    if (repository || (serves.isEmpty() && github == null)) {
      if (releases == null && refs.isEmpty()) {
        missing.add("--releases or --ref");
      }
      if (!repoOption.given()) {
        missing.add("--repo");
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "give --board DIR, --repo OWNER/NAME and --releases DIR and/or --ref NAME=DIR,"
              + " or --board DIR and --github DIR and/or --serve URL=DIR"
              + " (missing: "
              + String.join(" ", missing)
              + ")");
    }
    String repo = repository ? repoOption.repo(null).toString() : null;
    DeviceConfig.Builder config =
        DeviceConfig.builder().setMaxBoots(maxBoots).setFirmware(firmwareOption.firmware());
    String ssid = null;
    String password = null;
    if (wifi != null) {
      int colon = wifi.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "--wifi '" + wifi + "' is not SSID:PASSWORD, such as home:secret");
      }
      ssid = wifi.substring(0, colon);
      password = wifi.substring(colon + 1);
    }
    java.util.Map<String, Path> branches = new java.util.LinkedHashMap<>();
    for (String ref : refs) {
      int eq = ref.indexOf('=');
      if (eq <= 0 || eq == ref.length() - 1) {
        throw new IllegalArgumentException(
            "--ref '" + ref + "' is not NAME=DIR, such as master=app/");
      }
      if (branches.put(ref.substring(0, eq), Path.of(ref.substring(eq + 1))) != null) {
        throw new IllegalArgumentException(
            "--ref " + ref.substring(0, eq) + " is given twice; give each branch once");
      }
    }
    java.util.Map<String, Path> origins = new java.util.LinkedHashMap<>();
    serves(serves).forEach((url, dir) -> origins.put(url, Path.of(dir)));
    return new FolderScenario.Spec(
            board,
            releases,
            repo,
            config.build(),
            ssid,
            password,
            token,
            isPrivate,
            branches,
            defaultBranch,
            origins,
            github)
        .validate(WORDING);
  }
}
