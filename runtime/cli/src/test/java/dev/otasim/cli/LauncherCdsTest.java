package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code otasim} script's class-data sharing recorder: it outlives a harness that ends the
 * launcher's process group, takes over a lock whose owner is gone at once, respects a live one, and
 * records before exiting when {@code OTASIM_CDS=foreground} asks. A stand-in {@code java} logs each
 * call; asked to record, it writes the archive only once the test creates the file {@code go}, so
 * the test decides when the recording may end (or gives up once the test's folder is gone).
 */
class LauncherCdsTest {
  /** How long a recording that should happen may take on a loaded machine; not a timing claim. */
  private static final long PATIENCE_MS = 60_000;

  @TempDir Path dir;
  private Path script;
  private Path cds;

  @BeforeEach
  void install() throws IOException {
    script = dir.resolve("otasim");
    Files.copy(Path.of("../../otasim"), script);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Files.write(dir.resolve("otasim.jar"), new byte[0]);
    Files.createDirectories(dir.resolve("lib"));
    cds = dir.resolve("cds");
    Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
    Files.writeString(
        java,
        """
        #!/bin/sh
        echo "$*" >> "%1$s/calls"
        for a in "$@"; do
          case "$a" in
            -XX:ArchiveClassesAtExit=*)
              while [ ! -f "%1$s/go" ]; do [ -d "%1$s" ] || exit 1; sleep 0.05; done
              echo archive > "${a#*=}"
              exit 0 ;;
          esac
        done
        [ "$1" = -version ] && exit 0
        exit "${EXIT_CODE:-0}"
        """
            .formatted(dir));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
  }

  /** Runs the launcher as the leader of a process group of its own; returns it once it exited. */
  private Process launch(Map<String, String> env) throws Exception {
    Process p = start(env);
    p.waitFor();
    return p;
  }

  private Process start(Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("setsid", "bash", script.toString(), "demo");
    pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
    pb.environment().put("OTASIM_CDS_DIR", cds.toString());
    pb.environment().remove("OTASIM_CDS");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("out").toFile());
    return pb.start();
  }

  /** Ends every process of the group led by {@code leader}, as CI steps and benchmark tools do. */
  private static void killGroup(Process leader) throws Exception {
    new ProcessBuilder("kill", "-KILL", "--", "-" + leader.pid())
        .redirectErrorStream(true)
        .start()
        .waitFor();
  }

  private List<Path> archives() throws IOException {
    if (!Files.isDirectory(cds)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cds)) {
      return files.filter(f -> f.getFileName().toString().matches("otasim-\\d+\\.jsa")).toList();
    }
  }

  private Path lock() {
    return cds.resolve(".recording");
  }

  private boolean lockExists() {
    return Files.exists(lock(), LinkOption.NOFOLLOW_LINKS);
  }

  /** Waits until the recording published its archive and let go of the lock. */
  private void awaitRecorded() throws Exception {
    long end = System.currentTimeMillis() + PATIENCE_MS;
    while ((archives().isEmpty() || lockExists()) && System.currentTimeMillis() < end) {
      Thread.sleep(50);
    }
  }

  private long recordings() throws IOException {
    Path calls = dir.resolve("calls");
    if (!Files.exists(calls)) {
      return 0;
    }
    return Files.readAllLines(calls).stream()
        .filter(l -> l.contains("ArchiveClassesAtExit"))
        .count();
  }

  /** The pid of a process that has ended. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  @Nested
  class InTheBackground {
    @Test
    void theRecordingOutlivesTheEndOfTheLaunchersProcessGroup() throws Exception {
      Process launcher = launch(Map.of());
      assertThat(launcher.exitValue()).isZero();

      killGroup(launcher);
      Files.createFile(dir.resolve("go"));
      awaitRecorded();

      assertThat(archives()).hasSize(1);
      assertThat(Files.readString(archives().get(0))).isEqualTo("archive\n");
      assertThat(lockExists()).as("the lock is let go").isFalse();
    }

    @Test
    void theLockNamesTheRecordingsPid() throws Exception {
      launch(Map.of());

      String owner = Files.readSymbolicLink(lock()).toString();
      assertThat(ProcessHandle.of(Long.parseLong(owner)).map(ProcessHandle::isAlive))
          .as("the owner %s of the lock is alive", owner)
          .contains(true);
      Files.createFile(dir.resolve("go"));
      awaitRecorded();
    }

    @Test
    void aLockWhoseOwnerIsGoneIsTakenOverAtOnce() throws Exception {
      Files.createDirectories(cds);
      Files.createSymbolicLink(lock(), Path.of(Long.toString(deadPid())));
      Files.createFile(dir.resolve("go"));

      launch(Map.of());
      awaitRecorded();

      assertThat(archives()).hasSize(1);
      assertThat(lockExists()).isFalse();
    }

    @Test
    void anEarlierLaunchersLockFolderIsTakenOverAtOnce() throws Exception {
      Files.createDirectories(lock());
      Files.createFile(dir.resolve("go"));

      launch(Map.of());
      awaitRecorded();

      assertThat(archives()).hasSize(1);
      assertThat(lockExists()).isFalse();
    }
  }

  @Nested
  class InTheForeground {
    @Test
    void theLauncherWaitsForTheRecordingAndExitsWithTheCommandsCode() throws Exception {
      Process launcher = start(Map.of("OTASIM_CDS", "foreground", "EXIT_CODE", "1"));
      long end = System.currentTimeMillis() + PATIENCE_MS;
      while (recordings() == 0 && System.currentTimeMillis() < end) {
        Thread.sleep(50);
      }
      boolean runningWhileRecording = launcher.isAlive();
      Files.createFile(dir.resolve("go"));
      launcher.waitFor();

      assertThat(runningWhileRecording).as("the launcher runs while it records").isTrue();
      assertThat(launcher.exitValue()).isEqualTo(1);
      assertThat(archives()).hasSize(1);
      assertThat(lockExists()).isFalse();
    }

    @Test
    void aRecordingByAnotherLiveRunIsAwaitedThenTakenOverWhenItsOwnerIsGone() throws Exception {
      Process owner = new ProcessBuilder("sleep", "600").start();
      try {
        Files.createDirectories(cds);
        Files.createSymbolicLink(lock(), Path.of(Long.toString(owner.pid())));
        Files.createFile(dir.resolve("go"));

        Process launcher = start(Map.of("OTASIM_CDS", "foreground"));
        boolean exitedWhileOwnerAlive = launcher.waitFor(2, TimeUnit.SECONDS);
        owner.destroy();
        owner.waitFor();
        launcher.waitFor();

        assertThat(exitedWhileOwnerAlive)
            .as("the launcher exited while the lock was held")
            .isFalse();
        assertThat(recordings()).isEqualTo(1);
        assertThat(archives()).hasSize(1);
        assertThat(lockExists()).isFalse();
      } finally {
        owner.destroyForcibly();
      }
    }
  }

  @Test
  void theJdkIsKnownByItsReleaseFileWithoutStartingAJvmAndAnotherJdkRecordsAnew() throws Exception {
    Path jdk = dir.resolve("jdk");
    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
    Files.write(
        Files.createDirectories(jdk.resolve("lib/server")).resolve("libjvm.so"), new byte[1]);
    Files.createFile(dir.resolve("go"));
    launch(Map.of("OTASIM_CDS", "foreground"));
    Path first = archives().get(0);

    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17.0.16\"\n");
    launch(Map.of("OTASIM_CDS", "foreground"));

    assertThat(Files.readAllLines(dir.resolve("calls"))).noneMatch(l -> l.equals("-version"));
    assertThat(recordings()).isEqualTo(2);
    assertThat(archives()).hasSize(1).doesNotContain(first);
  }

  @Test
  void anUnknownModeIsRefusedWithTheModes() throws Exception {
    Process launcher = launch(Map.of("OTASIM_CDS", "yes"));

    assertThat(launcher.exitValue()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("out"), StandardCharsets.UTF_8))
        .isEqualTo(
            "otasim: OTASIM_CDS=yes is not a mode; use on (record in the background), foreground"
                + " (record before exiting) or off\n");
  }
}
