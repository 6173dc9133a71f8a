package dev.otasim.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintConfigFilesTest {
  @TempDir Path dir;

  @Test
  void aTreeOfItsOwnIsNeverConfiguredFromAboveItsRoot() throws IOException {
    // given: the gate's work folder holds a pyproject.toml; the candidate's tree below has none
    Files.writeString(dir.resolve("pyproject.toml"), "[tool.otasim.lint]\nignore = [\"ALL\"]\n");
    Path tree = Files.createDirectories(dir.resolve("releases/v1.1.0"));
    Path app = Files.createDirectories(tree.resolve("main")).resolve("app.py");
    Files.writeString(app, "print('a'[::-1])\n");

    // when
    LintConfigFiles configs = LintConfigFiles.within(tree, path -> "v1.1.0:" + path);

    // then
    assertThat(configs.forFile(app)).isEmpty();
    assertThat(configs.used()).isEmpty();
    assertThat(new LintConfigFiles(null).forFile(app)).isPresent();
  }

  @Test
  void aTreeOfItsOwnNamesItsFilesAsTheRepositoryHasThem() throws IOException {
    Path tree = Files.createDirectories(dir.resolve("releases/v1.1.0"));
    Files.writeString(tree.resolve("pyproject.toml"), "[tool.otasim.lint]\nfirmware = \"1.22\"\n");
    Path app = Files.createDirectories(tree.resolve("main")).resolve("app.py");

    LintConfigFiles configs = LintConfigFiles.within(tree, path -> "v1.1.0:" + path);

    LintConfig config = configs.forFile(app).orElseThrow();
    assertThat(config.firmware().series()).isEqualTo("1.22");
    assertThat(List.copyOf(configs.used())).containsExactly(config);
    assertThat(configs.shown(config.file())).isEqualTo("v1.1.0:pyproject.toml");
  }
}
