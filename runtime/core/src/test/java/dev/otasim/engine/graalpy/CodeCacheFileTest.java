package dev.otasim.engine.graalpy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled-code cache file is host input that becomes device code: it is read through the
 * HostInput fence (no link, no pipe, bounded), and anything it refuses leaves the cache empty.
 */
class CodeCacheFileTest {
  private static final String STAMP = "otasim code cache 1; test";

  @TempDir Path dir;

  @Test
  void aSavedFileLoadsBack() {
    Path file = dir.resolve("code.bin");
    CodeCacheFile.save(file, STAMP, Map.of("k1", "c1", "k2", "c2"));
    CodeCache cache = new CodeCache(16);

    assertThat(CodeCacheFile.load(file, STAMP, cache)).isEqualTo(2);
    assertThat(cache.entries()).containsEntry("k1", "c1").containsEntry("k2", "c2");
  }

  @Test
  void aFileOfAnotherBuildIsIgnored() {
    Path file = dir.resolve("code.bin");
    CodeCacheFile.save(file, STAMP, Map.of("k1", "c1"));

    assertThat(CodeCacheFile.load(file, "otasim code cache 1; other", new CodeCache(16))).isZero();
  }

  @Test
  void aLinkIsNotFollowed() throws IOException {
    Path real = dir.resolve("real.bin");
    CodeCacheFile.save(real, STAMP, Map.of("k1", "c1"));
    Path link = Files.createSymbolicLink(dir.resolve("code.bin"), real);
    CodeCache cache = new CodeCache(16);

    assertThat(CodeCacheFile.load(link, STAMP, cache)).isZero();
    assertThat(cache.entries()).isEmpty();
  }

  @Test
  void aFolderOrAMissingFileLeavesTheCacheEmpty() throws IOException {
    assertThat(CodeCacheFile.load(dir.resolve("missing.bin"), STAMP, new CodeCache(16))).isZero();
    Path folder = Files.createDirectories(dir.resolve("folder.bin"));
    assertThat(CodeCacheFile.load(folder, STAMP, new CodeCache(16))).isZero();
  }
}
