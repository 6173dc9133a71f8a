package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code otasim} script starts Java under a UTF-8 locale when the user's is not (JDK 17 takes
 * file names in the locale's encoding and no {@code -D} option overrides it), so {@code café.txt}
 * reaches the board as itself under {@code LANG=C}. A stand-in {@code java} reports the charmap it
 * was started under.
 */
class LauncherLocaleTest {
  @TempDir Path dir;

  private String charmapUnder(Map<String, String> env) throws Exception {
    Path script = dir.resolve("otasim");
    Files.copy(Path.of("../../otasim"), script);
    Files.write(dir.resolve("otasim.jar"), new byte[0]);
    Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\necho \"$(locale charmap)\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "demo");
    pb.environment().keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
    pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
    pb.environment().put("OTASIM_CDS", "off");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void underLangCJavaRunsUnderUtf8() throws Exception {
    assertThat(charmapUnder(Map.of("LANG", "C"))).isEqualTo("UTF-8\n");
  }

  @Test
  void underLcAllPosixJavaRunsUnderUtf8() throws Exception {
    assertThat(charmapUnder(Map.of("LC_ALL", "POSIX"))).isEqualTo("UTF-8\n");
  }

  @Test
  void aUtf8LocaleIsLeftAsItIs() throws Exception {
    assertThat(charmapUnder(Map.of("LANG", "C.UTF-8"))).isEqualTo("UTF-8\n");
  }
}
