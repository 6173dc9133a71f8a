package dev.otasim.gate;

import dev.otasim.scenario.ReferenceUpdater;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A git repository in a temporary folder laid out as the gate expects: {@code board/} with our
 * reference updater, {@code main/app.py}, one commit and tag per release.
 */
public final class GitFixture {
  /** The reference app, which works. */
  public static final String GOOD_APP =
      new String(ReferenceUpdater.file(ReferenceUpdater.APP), StandardCharsets.UTF_8);

  /** An app that raises as it is imported: a release that cannot start. */
  public static final String BROKEN_APP = "raise RuntimeError('broken release')\n";

  private final Path dir;

  private GitFixture(Path dir) {
    this.dir = dir;
  }

  /** An empty repository with a committer configured, and the reference updater in board/. */
  public static GitFixture create(Path dir) throws IOException {
    GitFixture f = new GitFixture(dir);
    f.git("init", "-q");
    f.git("config", "user.name", "otasim test");
    f.git("config", "user.email", "test@otasim.dev");
    f.git("config", "commit.gpgsign", "false");
    f.git("config", "tag.gpgsign", "false");
    for (String name : ReferenceUpdater.BOARD_FILES) {
      f.write("board/" + name, ReferenceUpdater.file(name));
    }
    return f;
  }

  public Path dir() {
    return dir;
  }

  /** Commits the app with a line naming the release, and tags it. */
  public GitFixture release(String tag, String app) throws IOException {
    write("main/app.py", (app + "# release " + tag + "\n").getBytes(StandardCharsets.UTF_8));
    git("add", "-A");
    git("commit", "-q", "-m", "release " + tag);
    git("tag", tag);
    return this;
  }

  public GitFixture write(String path, byte[] content) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
    return this;
  }

  public void git(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException("git " + String.join(" ", args) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
