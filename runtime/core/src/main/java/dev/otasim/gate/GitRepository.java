package dev.otasim.gate;

import dev.otasim.github.ReleaseTag;
import dev.otasim.stubs.host.HostInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
      HostInput work = HostInput.of("the work tree of", dir);
      long total = 0;
      for (String rel : files.split("\0")) {
        // a tracked file deleted in the work tree is simply not there
        byte[] bytes = rel.isEmpty() ? null : work.file(rel);
        if (bytes != null) {
          total += bytes.length;
          if (total > HostInput.DEFAULT_TOTAL_LIMIT) {
            throw new HostInput.InputRefused(
                "the work tree of "
                    + dir
                    + " holds more than "
                    + HostInput.DEFAULT_TOTAL_LIMIT
                    + " bytes; otasim stops reading there");
          }
          Path to = target.resolve(rel);
          Files.createDirectories(to.getParent());
          Files.write(to, bytes);
        }
      }
      return;
    }
    refuseSpecialEntries(ref);
    Result archive = ok("archive", "--format=zip", ref + "^{tree}");
    long total = 0;
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
          total += copyBounded(zip, to, e.getName());
          if (total > HostInput.DEFAULT_TOTAL_LIMIT) {
            throw new HostInput.InputRefused(
                "the tree of "
                    + ref
                    + " in "
                    + dir
                    + " holds more than "
                    + HostInput.DEFAULT_TOTAL_LIMIT
                    + " bytes; otasim stops reading there");
          }
        }
      }
    }
  }

  /**
   * Refuses a tree with a symbolic link or a submodule: {@code git archive} would write a link as a
   * file holding its target, and otasim reads only regular files and folders (see {@link
   * HostInput}).
   */
  private void refuseSpecialEntries(String ref) {
    String tree = ok("ls-tree", "-r", "-z", "--full-tree", ref + "^{tree}").outText();
    for (String row : tree.split("\0")) {
      if (row.startsWith("120000 ") || row.startsWith("160000 ")) {
        String path = row.substring(row.indexOf('\t') + 1);
        throw new HostInput.InputRefused(
            "the tree of "
                + ref
                + " in "
                + dir
                + ": "
                + path
                + (row.startsWith("120000 ") ? " is a symbolic link" : " is a submodule")
                + "; otasim reads only regular files and folders from the host, commit the file"
                + " itself");
      }
    }
  }

  private long copyBounded(InputStream in, Path to, String name) throws IOException {
    byte[] bytes = in.readNBytes((int) HostInput.DEFAULT_FILE_LIMIT + 1);
    if (bytes.length > HostInput.DEFAULT_FILE_LIMIT) {
      throw new HostInput.InputRefused(
          "the tree in "
              + dir
              + ": "
              + name
              + " is larger than the limit of "
              + HostInput.DEFAULT_FILE_LIMIT
              + " bytes; otasim stops reading there");
    }
    Files.write(to, bytes);
    return bytes.length;
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
