package dev.otasim.sweep;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.report.Count;
import dev.otasim.stubs.flash.Flash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What "the board recovered" means for an updater that keeps its app in one folder (DESIGN §8): the
 * last boot settled, no boot loop, the version file names a known release, the app folder holds
 * exactly that release's files, no staging folder is left behind, and the flash did not grow
 * without bound.
 *
 * <pre>{@code
 * OtaInvariants invariants = OtaInvariants.builder()
 *     .setOldVersion("v1.0.0").setNewVersion("v1.1.0")
 *     .release("v1.0.0", Map.of("app.py", v1App))
 *     .release("v1.1.0", Map.of("app.py", v2App, "lib/greeting.py", greeting))
 *     .build();
 * }</pre>
 */
public final class OtaInvariants {
  private final String appDir;
  private final String versionFile;
  private final List<String> stagingDirs;
  private final String oldVersion;
  private final String newVersion;
  private final Map<String, Map<String, byte[]>> releases;
  private final List<String> ignoredInApp;
  private final int growthSlackBlocks;

  private OtaInvariants(Builder b) {
    this.appDir = b.appDir;
    this.versionFile = b.versionFile;
    this.stagingDirs = List.copyOf(b.stagingDirs);
    this.oldVersion = Objects.requireNonNull(b.oldVersion, "oldVersion");
    this.newVersion = Objects.requireNonNull(b.newVersion, "newVersion");
    this.releases = Map.copyOf(b.releases);
    this.ignoredInApp = List.copyOf(b.ignoredInApp);
    this.growthSlackBlocks = b.growthSlackBlocks;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String oldVersion() {
    return oldVersion;
  }

  public String newVersion() {
    return newVersion;
  }

  public String versionFile() {
    return versionFile;
  }

  /**
   * Checks a device after a run.
   *
   * @param run the boots of the run, in order
   * @param bootBound boots beyond which the run counts as a boot loop
   * @param blockBound used blocks beyond which the flash counts as grown without bound
   * @param pendingAllowed whether an update may still be pending in a staging folder (the fault
   *     persists, so the updater cannot finish it yet)
   * @return why the board is not recovered; empty if it is
   */
  public List<String> violations(
      Device device, List<BootResult> run, int bootBound, long blockBound, boolean pendingAllowed) {
    List<String> out = new ArrayList<>();
    BootResult last = run.get(run.size() - 1);
    if (last.outcome().restarts()) {
      out.add(
          "boot loop: still restarting after "
              + Count.of(run.size(), "boot")
              + " ("
              + last.outcome()
              + ")");
    } else if (last.outcome() == BootOutcome.EXCEPTION) {
      out.add("boot " + last.number() + " ends with " + last.error());
    } else if (last.outcome() == BootOutcome.HUNG) {
      out.add("boot " + last.number() + " hangs");
    } else if (run.size() > bootBound) {
      out.add("took " + Count.of(run.size(), "boot") + " to settle (bound " + bootBound + ")");
    }
    Flash flash = device.flash();
    String version = flash.exists(versionFile) ? flash.text(versionFile).strip() : null;
    if (version == null) {
      out.add(versionFile + " is missing");
    } else if (!version.equals(oldVersion) && !version.equals(newVersion)) {
      out.add(
          versionFile + " says '" + version + "', neither " + oldVersion + " nor " + newVersion);
    } else if (releases.containsKey(version)) {
      out.addAll(appMismatch(flash, version));
    }
    for (String staging : stagingDirs) {
      if (!pendingAllowed && flash.exists(staging)) {
        out.add(staging + " is left behind");
      }
    }
    long used = flash.blockCount() - flash.blocks()[1];
    if (!pendingAllowed && used > blockBound) {
      out.add("flash grew to " + used + " blocks in use (bound " + blockBound + ")");
    }
    return out;
  }

  /** Whether a staging folder exists on the device's flash. */
  boolean hasStaging(Device device) {
    return stagingDirs.stream().anyMatch(device.flash()::exists);
  }

  /** The version the device ends with, or null. */
  String finalVersion(Device device) {
    return device.flash().exists(versionFile) ? device.flash().text(versionFile).strip() : null;
  }

  int growthSlackBlocks() {
    return growthSlackBlocks;
  }

  private List<String> appMismatch(Flash flash, String version) {
    Map<String, byte[]> expected = releases.get(version);
    Map<String, byte[]> actual = new LinkedHashMap<>();
    String prefix = appDir + "/";
    flash
        .files()
        .forEach(
            (path, content) -> {
              if (path.startsWith(prefix)) {
                String rel = path.substring(prefix.length());
                if (!("/" + rel).equals(versionFile.substring(appDir.length()))
                    && ignoredInApp.stream().noneMatch(rel::equals)) {
                  actual.put(rel, content);
                }
              }
            });
    List<String> out = new ArrayList<>();
    TreeSet<String> all = new TreeSet<>(expected.keySet());
    all.addAll(actual.keySet());
    for (String rel : all) {
      byte[] want = expected.get(rel);
      byte[] got = actual.get(rel);
      if (got == null) {
        out.add(appDir + "/" + rel + " of " + version + " is missing");
      } else if (want == null) {
        out.add(appDir + "/" + rel + " does not belong to " + version);
      } else if (!Arrays.equals(want, got)) {
        out.add(
            appDir
                + "/"
                + rel
                + " differs from "
                + version
                + " ("
                + got.length
                + " B, expected "
                + want.length
                + " B)");
      }
    }
    return out;
  }

  /** Builds {@link OtaInvariants}. */
  public static final class Builder {
    private String appDir = "/main";
    private String versionFile = "/main/.version";
    private final List<String> stagingDirs = new ArrayList<>(List.of("/next"));
    private String oldVersion;
    private String newVersion;
    private final Map<String, Map<String, byte[]>> releases = new LinkedHashMap<>();
    private final List<String> ignoredInApp = new ArrayList<>();
    private int growthSlackBlocks = 4;

    private Builder() {}

    /** The app folder. The default is {@code /main}. */
    public Builder setAppDir(String dir) {
      this.appDir = dir;
      return this;
    }

    /** The file naming the installed version. The default is {@code /main/.version}. */
    public Builder setVersionFile(String file) {
      this.versionFile = file;
      return this;
    }

    /** Folders that must not remain after the board settles. The default is {@code /next}. */
    public Builder setStagingDirs(String... dirs) {
      stagingDirs.clear();
      stagingDirs.addAll(List.of(dirs));
      return this;
    }

    public Builder setOldVersion(String version) {
      this.oldVersion = version;
      return this;
    }

    public Builder setNewVersion(String version) {
      this.newVersion = version;
      return this;
    }

    /** The files a release puts in the app folder, by path relative to it. */
    public Builder release(String version, Map<String, byte[]> appFiles) {
      releases.put(version, Map.copyOf(appFiles));
      return this;
    }

    /** Files in the app folder that are not part of any release (markers, preserved files). */
    public Builder ignoreInApp(String... relativePaths) {
      ignoredInApp.addAll(List.of(relativePaths));
      return this;
    }

    /** Blocks the flash may use beyond the clean run's peak. The default is 4. */
    public Builder setGrowthSlackBlocks(int blocks) {
      if (blocks < 0) {
        throw new IllegalArgumentException(
            "growthSlackBlocks (" + blocks + ") must not be negative");
      }
      this.growthSlackBlocks = blocks;
      return this;
    }

    public OtaInvariants build() {
      return new OtaInvariants(this);
    }
  }
}
