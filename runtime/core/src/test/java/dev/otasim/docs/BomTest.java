package dev.otasim.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * otasim-bom has no parent (so importing it imports none of our third-party pins), so nothing keeps
 * its version in step with the reactor's but this test; and README's coordinates name it.
 */
class BomTest {
  private static final Path ROOT = Path.of("../..");

  @Test
  void theBomAndReadmeCarryTheReactorsVersion() throws IOException {
    String version = projectVersion(ROOT.resolve("pom.xml"));

    assertThat(projectVersion(ROOT.resolve("bom/pom.xml"))).isEqualTo(version);
    assertThat(Files.readString(ROOT.resolve("README.md")))
        .contains("<version>" + version + "</version>")
        .contains("testImplementation(\"dev.otasim:otasim-junit5:" + version + "\")");
    assertThat(Files.readString(ROOT.resolve("examples/junit-user/pom.xml")))
        .contains("<otasim.version>" + version + "</otasim.version>");
  }

  /** The project's own version: the first version element after its artifactId. */
  private static String projectVersion(Path pom) throws IOException {
    String text = Files.readString(pom).replaceAll("(?s)<parent>.*?</parent>", "");
    Matcher m =
        Pattern.compile("(?s)<artifactId>[^<]+</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(text);
    assertThat(m.find()).as("a version in %s", pom).isTrue();
    return m.group(1);
  }
}
