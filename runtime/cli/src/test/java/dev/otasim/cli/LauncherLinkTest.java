package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code otasim} script finds its jar through links to it, as a command installed by a link in
 * a {@code bin/} folder on {@code PATH} is found (it looked beside the link and said the jar was
 * missing). A stand-in {@code java} prints the jar it was given.
 */
class LauncherLinkTest {
  @TempDir Path dir;

  private String jarThrough(Path launcher) throws Exception {
    Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\nwhile [ \"$1\" != -jar ]; do shift; done\necho \"$2\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "demo");
    pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
    pb.environment().put("OTASIM_CDS", "off");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  private Path install() throws Exception {
    Path home = Files.createDirectories(dir.resolve("opt/otasim-0.2.0"));
    Path script = home.resolve("otasim");
    Files.copy(Path.of("../../otasim"), script);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Files.write(home.resolve("otasim.jar"), new byte[0]);
    return home;
  }

  @Test
  void aRelativeLinkInABinFolderFindsTheJarBesideItsTarget() throws Exception {
    Path home = install();
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("otasim"), Path.of("../opt/otasim-0.2.0/otasim"));

    assertThat(jarThrough(bin.resolve("otasim")))
        .isEqualTo(home.toRealPath().resolve("otasim.jar") + "\n");
  }

  @Test
  void aChainOfLinksIsFollowedToTheEnd() throws Exception {
    Path home = install();
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path current = Files.createSymbolicLink(dir.resolve("opt/current"), home.getFileName());
    Files.createSymbolicLink(bin.resolve("otasim"), current.resolve("otasim"));

    assertThat(jarThrough(bin.resolve("otasim")))
        .isEqualTo(home.toRealPath().resolve("otasim.jar") + "\n");
  }
}
