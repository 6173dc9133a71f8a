package dev.otasim.gate;

import dev.otasim.github.ReleaseTag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A git repository read on the host with the {@code git} command line: its release tags and the
 * tree at a tag, a commit or in the work tree. Nothing here runs on the simulated board.
 */
public final class GitRepository {
  /**
   * The ref that stands for the work tree: tracked files plus untracked ones git does not ignore.
   */
  public static final String WORKTREE = "WORKTREE";

  private final Path dir;

  private GitRepository(Path dir) {
    this.dir = dir;
  }

  /**
   * Opens the repository holding {@code dir}.
   *
   * @throws IllegalArgumentException if {@code dir} is not in a git repository, or git is missing
   */
  public static GitRepository open(Path dir) {
    return open(dir, GateWording.API.repoDir());
  }

  /** {@link #open(Path)}, naming {@code dir} in messages as {@code called}. */
  public static GitRepository open(Path dir, String called) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          called + " " + dir + " is not a folder; give the checkout of the repository to gate");
    }
    GitRepository repo = new GitRepository(dir);
    Result top = repo.run("rev-parse", "--show-toplevel");
    if (top.code != 0) {
      throw new IllegalArgumentException(
          called
              + " "
              + dir
              + " is not a git repository ("
              + top.errText().strip()
              + "); give a checkout, with its tags fetched (actions/checkout: fetch-depth: 0)");
    }
    return new GitRepository(Path.of(top.outText().strip()));
  }

  /** The repository's top folder. */
  public Path dir() {
    return dir;
  }

  /** The release tags (those that read as versions), oldest to newest by semantic version. */
  public List<String> releaseTags() {
    List<String> tags = new ArrayList<>();
    for (String t : ok("tag", "--list").outText().split("\n")) {
      if (ReleaseTag.isVersion(t.strip())) {
        tags.add(t.strip());
      }
    }
    tags.sort(ReleaseTag.ORDER);
    return tags;
  }

  /** Whether {@code name} is a tag of the repository. */
  public boolean hasTag(String name) {
    return run("rev-parse", "--verify", "--quiet", "refs/tags/" + name).code == 0;
  }

  /** Whether {@code ref} names a commit (a tag, a branch, a hash). */
  public boolean hasCommit(String ref) {
    return run("rev-parse", "--verify", "--quiet", ref + "^{commit}").code == 0;
  }

  /** The {@code owner/name} of the {@code origin} remote on GitHub, or {@code null}. */
  public String gitHubOrigin() {
    Result r = run("remote", "get-url", "origin");
    if (r.code != 0) {
      return null;
    }
    var m =
        Pattern.compile("github\\.com[:/]([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(\\.git)?/?$")
            .matcher(r.outText().strip());
    return m.find() ? m.group(1) + "/" + m.group(2) : null;
  }

  /**
   * Writes the tree at {@code ref} into {@code target}, as {@code git archive} gives it; {@link
   * #WORKTREE} copies the work tree's files instead.
   */
  public void extract(String ref, Path target) throws IOException {
    Files.createDirectories(target);
    if (WORKTREE.equals(ref)) {
      String files = ok("ls-files", "-z", "--cached", "--others", "--exclude-standard").outText();
      for (String rel : files.split("\0")) {
        Path from = dir.resolve(rel);
        if (!rel.isEmpty() && Files.isRegularFile(from)) {
          Path to = target.resolve(rel);
          Files.createDirectories(to.getParent());
          Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return;
    }
    Result archive = ok("archive", "--format=zip", ref + "^{tree}");
    try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(archive.out))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        Path to = target.resolve(e.getName()).normalize();
        if (!to.startsWith(target)) {
          throw new IOException("git archive of " + ref + " has an entry outside the tree: " + e);
        }
        if (e.isDirectory()) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(zip, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private Result ok(String... args) {
    Result r = run(args);
    if (r.code != 0) {
      throw new IllegalArgumentException(
          "git " + String.join(" ", args) + " failed in " + dir + ": " + r.errText().strip());
    }
    return r;
  }

  private Result run(String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(Arrays.asList(args));
    try {
      Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
      p.getOutputStream().close();
      // both pipes drained at once, so a large archive cannot block on a full stderr pipe
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
      byte[] out = drain(p.getInputStream());
      return new Result(p.waitFor(), out, err.join());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot run git (" + e.getMessage() + "); install git and put it on the PATH", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running git", e);
    }
  }

  private static byte[] drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Result(int code, byte[] out, byte[] err) {
    String outText() {
      return new String(out, StandardCharsets.UTF_8);
    }

    String errText() {
      return new String(err, StandardCharsets.UTF_8);
    }
  }
}
