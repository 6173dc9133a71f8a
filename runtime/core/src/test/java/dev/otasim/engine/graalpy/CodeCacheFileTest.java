package dev.otasim.engine.graalpy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled-code cache file is host input that becomes device code: it is read through the
 * HostInput fence (no link, no pipe, bounded), only entries this user's otasim wrote (under its
 * secret) are run, and a file that fails a check is dropped so that the run goes on and the cache
 * fills again.
 */
class CodeCacheFileTest {
  private static final String STAMP = "otasim code cache 2; test";

  @TempDir Path dir;

  private byte[] secret() {
    return CodeCacheFile.secret(dir);
  }

  @Test
  void aSavedFileLoadsBack() {
    Path file = dir.resolve("code.bin");
    CodeCacheFile.save(file, secret(), STAMP, Map.of("k1", "c1", "k2", "c2"));
    CodeCache cache = new CodeCache(16);

    assertThat(CodeCacheFile.load(file, secret(), STAMP, cache)).isEqualTo(2);
    assertThat(cache.entries()).containsEntry("k1", "c1").containsEntry("k2", "c2");
  }

  @Test
  void theSecretIsMadeOnceAndReadableByItsOwnerAlone() throws IOException {
    byte[] first = secret();

    assertThat(first).hasSize(32);
    assertThat(secret()).isEqualTo(first);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(
                    dir.resolve(CodeCacheFile.KEY_FILE), LinkOption.NOFOLLOW_LINKS)))
        .isEqualTo("rw-------");
  }

  @Test
  void aSecretOthersCanReadTurnsTheFileCacheOff() throws IOException {
    secret();
    Files.setPosixFilePermissions(
        dir.resolve(CodeCacheFile.KEY_FILE), PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(CodeCacheFile.secret(dir)).isNull();
  }

  @Test
  void aFileOfAnotherBuildIsIgnored() {
    Path file = dir.resolve("code.bin");
    CodeCacheFile.save(file, secret(), STAMP, Map.of("k1", "c1"));

    assertThat(CodeCacheFile.load(file, secret(), "otasim code cache 2; other", new CodeCache(16)))
        .isZero();
  }

  /** A file with the right header whose entry is not marshalled code otasim wrote. */
  private static byte[] planted(String stamp, byte[] mac) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    byte[] header = stamp.getBytes(StandardCharsets.UTF_8);
    out.writeInt(header.length);
    out.write(header);
    out.writeInt(1);
    byte[] key = "k1".getBytes(StandardCharsets.UTF_8);
    byte[] code = "not marshalled code".getBytes(StandardCharsets.ISO_8859_1);
    out.writeInt(key.length);
    out.write(key);
    out.writeInt(code.length);
    out.write(code);
    out.write(mac);
    return b.toByteArray();
  }

  @Test
  void anEntryOtasimDidNotWriteIsNeverLoadedAndTheFileIsDropped() throws IOException {
    Path file = dir.resolve("code.bin");
    Files.write(file, planted(STAMP, new byte[32]));
    CodeCache cache = new CodeCache(16);

    assertThat(CodeCacheFile.load(file, secret(), STAMP, cache)).isZero();
    assertThat(cache.entries()).isEmpty();
    assertThat(file).doesNotExist();
  }

  @Test
  void anEntryMadeWithAnotherUsersSecretIsNotLoaded() throws IOException {
    Path file = dir.resolve("code.bin");
    byte[] other = new byte[32];
    Arrays.fill(other, (byte) 7);
    CodeCacheFile.save(file, other, STAMP, Map.of("k1", "c1"));
    CodeCache cache = new CodeCache(16);

    assertThat(CodeCacheFile.load(file, secret(), STAMP, cache)).isZero();
    assertThat(cache.entries()).isEmpty();
    assertThat(file).doesNotExist();
  }

  @Test
  void aTruncatedFileLoadsNothingAndIsDroppedThenSavedAfresh() throws IOException {
    Path file = dir.resolve("code.bin");
    CodeCacheFile.save(file, secret(), STAMP, Map.of("k1", "c1", "k2", "c2"));
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length - 40));
    CodeCache cache = new CodeCache(16);

    assertThat(CodeCacheFile.load(file, secret(), STAMP, cache)).isZero();
    assertThat(cache.entries()).isEmpty();
    assertThat(file).doesNotExist();

    CodeCacheFile.save(file, secret(), STAMP, Map.of("k3", "c3"));
    assertThat(CodeCacheFile.load(file, secret(), STAMP, new CodeCache(16))).isEqualTo(1);
  }

  @Test
  void aLinkIsNotFollowed() throws IOException {
    Path real = dir.resolve("real.bin");
    CodeCacheFile.save(real, secret(), STAMP, Map.of("k1", "c1"));
    Path link = Files.createSymbolicLink(dir.resolve("code.bin"), real);
    CodeCache cache = new CodeCache(16);

    assertThat(CodeCacheFile.load(link, secret(), STAMP, cache)).isZero();
    assertThat(cache.entries()).isEmpty();
  }

  @Test
  void aFolderOrAMissingFileLeavesTheCacheEmpty() throws IOException {
    assertThat(CodeCacheFile.load(dir.resolve("missing.bin"), secret(), STAMP, new CodeCache(16)))
        .isZero();
    Path folder = Files.createDirectories(dir.resolve("folder.bin"));
    assertThat(CodeCacheFile.load(folder, secret(), STAMP, new CodeCache(16))).isZero();
  }

  @Test
  void aTestRunKeepsItsCacheUnderItsProjectsTargetFolder() throws IOException {
    Files.createDirectories(dir.resolve("target"));

    assertThat(CodeCacheFile.testRunFile(dir.toString()))
        .isEqualTo(dir.resolve("target/otasim/code-cache.bin"));
  }

  @Test
  void outsideAProjectWithATargetFolderOfItsOwnThereIsNoTestRunCache() throws IOException {
    assertThat(CodeCacheFile.testRunFile(null)).isNull();
    assertThat(CodeCacheFile.testRunFile(dir.toString())).isNull();
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Path project = Files.createDirectories(dir.resolve("project"));
    Files.createSymbolicLink(project.resolve("target"), elsewhere);
    assertThat(CodeCacheFile.testRunFile(project.toString())).isNull();
  }
}
