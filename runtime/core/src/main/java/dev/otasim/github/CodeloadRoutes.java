package dev.otasim.github;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * codeload.github.com: a ref's tree as an archive, {@code /{o}/{r}/legacy.tar.gz/{ref}} and {@code
 * /legacy.zip/{ref}}, where the API's {@code tarball}/{@code zipball} redirect. Every entry sits
 * under one folder {@code {owner}-{repo}-{short sha}/}, as git archive writes it for GitHub: the
 * tar starts with a pax global header carrying the commit SHA, the zip has it as its comment.
 */
final class CodeloadRoutes {
  /** The archive kinds: the API's redirects use the legacy ones, github.com's links the others. */
  private static final java.util.Set<String> KINDS =
      java.util.Set.of("legacy.tar.gz", "legacy.zip", "tar.gz", "zip");

  private final FakeGitHub github;

  CodeloadRoutes(FakeGitHub github) {
    this.github = github;
  }

  Reply route(Request request) {
    List<String> path = request.segments();
    if (path.size() < 4 || !KINDS.contains(path.get(2))) {
      return Reply.text(404, RawRoutes.NOT_FOUND).markUnexpected();
    }
    Optional<Repository> found = github.find(path.get(0), path.get(1));
    if (found.isEmpty()) {
      return Reply.text(404, RawRoutes.NOT_FOUND).markUnexpected();
    }
    Repository repository = found.get();
    if (repository.token().isPresent() && !repository.token().equals(request.token())) {
      return Reply.text(404, RawRoutes.NOT_FOUND); // private: hidden from this client
    }
    Optional<Ref> ref = repository.resolve(String.join("/", path.subList(3, path.size())));
    if (ref.isEmpty()) {
      return Reply.text(404, RawRoutes.NOT_FOUND).markUnexpected();
    }
    String sha = ref.get().commitSha();
    boolean legacy = path.get(2).startsWith("legacy.");
    String folder =
        legacy
            ? repository.owner() + "-" + repository.name() + "-" + sha.substring(0, 7)
            : repository.name() + "-" + archiveName(ref.get());
    Instant time = github.clock().instant();
    boolean tar = path.get(2).endsWith("tar.gz");
    byte[] body =
        tar
            ? tarGz(folder, sha, ref.get().files(), time)
            : zip(folder, sha, ref.get().files(), time);
    return new Reply(
        200,
        List.of(
            new Reply.Header("Access-Control-Allow-Origin", "https://render.githubusercontent.com"),
            new Reply.Header(
                "Content-Disposition",
                "attachment; filename=" + folder + (tar ? ".tar.gz" : ".zip")),
            new Reply.Header("Content-Type", tar ? "application/x-gzip" : "application/zip"),
            new Reply.Header("ETag", "\"" + GitHash.sha256(body) + "\""),
            new Reply.Header(Reply.FRAMING, ""),
            new Reply.Header("Date", FakeGitHub.httpDate(time))),
        body,
        false);
  }

  /**
   * How github.com's archive links name their folder after the ref: a tag without the {@code v}
   * before its version ({@code v1.2.0} → {@code 1.2.0}), a branch with {@code -} for {@code /}.
   */
  private static String archiveName(Ref ref) {
    String name = ref.name();
    if (ref.kind() == Ref.Kind.TAG && name.matches("v\\d.*")) {
      return name.substring(1);
    }
    return name.replace('/', '-');
  }

  /** The folders and files of a tree, each folder before what it holds, sorted by path. */
  private static List<Snapshot.Entry> entries(Snapshot files) {
    return files.walk("");
  }

  static byte[] zip(String folder, String sha, Snapshot files, Instant time) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setComment(sha);
      FileTime when = FileTime.from(time);
      ZipEntry root = new ZipEntry(folder + "/");
      root.setLastModifiedTime(when);
      zip.putNextEntry(root);
      zip.closeEntry();
      for (Snapshot.Entry e : entries(files)) {
        ZipEntry entry = new ZipEntry(folder + "/" + e.path() + (e.directory() ? "/" : ""));
        entry.setLastModifiedTime(when);
        zip.putNextEntry(entry);
        if (!e.directory()) {
          zip.write(files.file(e.path()).orElseThrow());
        }
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] tarGz(String folder, String sha, Snapshot files, Instant time) {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    long mtime = time.getEpochSecond();
    byte[] pax = ("52 comment=" + sha + "\n").getBytes(StandardCharsets.US_ASCII);
    header(tar, "pax_global_header", 'g', pax.length, mtime, "0000666");
    block(tar, pax);
    header(tar, folder + "/", '5', 0, mtime, "0000775");
    for (Snapshot.Entry e : entries(files)) {
      String name = folder + "/" + e.path() + (e.directory() ? "/" : "");
      if (e.directory()) {
        header(tar, name, '5', 0, mtime, "0000775");
      } else {
        byte[] bytes = files.file(e.path()).orElseThrow();
        header(tar, name, '0', bytes.length, mtime, "0000664");
        block(tar, bytes);
      }
    }
    tar.writeBytes(new byte[1024]); // two zero blocks end the archive
    int record = 10240; // git archive writes whole records of 20 blocks
    int rest = tar.size() % record;
    if (rest != 0) {
      tar.writeBytes(new byte[record - rest]);
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return gz.toByteArray();
  }

  private static void block(ByteArrayOutputStream tar, byte[] bytes) {
    tar.writeBytes(bytes);
    int rest = bytes.length % 512;
    if (rest != 0) {
      tar.writeBytes(new byte[512 - rest]);
    }
  }

  /** A ustar header; a name over 100 bytes is split into prefix and name at a slash. */
  private static void header(
      ByteArrayOutputStream tar, String path, char type, long size, long mtime, String mode) {
    byte[] h = new byte[512];
    String name = path;
    String prefix = "";
    if (path.getBytes(StandardCharsets.UTF_8).length > 100) {
      int cut = path.lastIndexOf('/', path.length() - 2);
      while (cut > 0 && path.substring(cut + 1).getBytes(StandardCharsets.UTF_8).length > 100) {
        cut = path.lastIndexOf('/', cut - 1);
      }
      if (cut <= 0 || cut > 155) {
        throw new IllegalArgumentException("path too long for a tar archive: " + path);
      }
      prefix = path.substring(0, cut);
      name = path.substring(cut + 1);
    }
    put(h, 0, 100, name);
    put(h, 100, 8, mode + "\0");
    put(h, 108, 8, "0000000\0");
    put(h, 116, 8, "0000000\0");
    put(h, 124, 12, String.format("%011o", size) + "\0");
    put(h, 136, 12, String.format("%011o", mtime) + "\0");
    put(h, 148, 8, "        ");
    h[156] = (byte) type;
    put(h, 257, 6, "ustar\0");
    put(h, 263, 2, "00");
    put(h, 265, 32, "root");
    put(h, 297, 32, "root");
    put(h, 345, 155, prefix);
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, 8, String.format("%06o", sum) + "\0 ");
    tar.writeBytes(h);
  }

  private static void put(byte[] h, int at, int length, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, h, at, Math.min(length, bytes.length));
  }

  /** What each repository's archives answer, for near-miss reports. */
  static List<String> routes(Repository repository, String anyRef) {
    List<String> out = new ArrayList<>();
    for (String kind : new String[] {"legacy.tar.gz", "legacy.zip", "tar.gz", "zip"}) {
      out.add("GET codeload.github.com/" + repository.fullName() + "/" + kind + "/" + anyRef);
    }
    return out;
  }
}
