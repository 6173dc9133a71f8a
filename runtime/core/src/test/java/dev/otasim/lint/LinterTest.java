package dev.otasim.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinterTest {
  /** Surefire runs in the runtime module's folder. */
  private static final Path FIXTURES = Path.of("src/test/resources/lint");

  private static List<String> lint(Path file, LintOptions options) throws IOException {
    return Linter.lint(file, options).stream()
        .map(
            f ->
                new Finding(
                        f.path().getFileName(),
                        f.line(),
                        f.col(),
                        f.ruleId(),
                        f.severity(),
                        f.message())
                    .toString())
        .toList();
  }

  /**
   * Each rule group has a fixture {@code NAME.py} (the failing lines, then lines that must stay
   * silent) and its findings to the letter in {@code NAME.exp}.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "names",
        "imports",
        "members",
        "methods",
        "kwargs",
        "syntax",
        "syntax_error",
        "indentation_error",
        "slices",
        "fstrings",
        "classes",
        "runtime",
        "dict_order",
        "floats",
        "ignore"
      })
  void reportsEachRuleGroupAsTheFixtureExpects(String group) throws IOException {
    List<String> expected = Files.readAllLines(FIXTURES.resolve(group + ".exp"));

    List<String> actual = lint(FIXTURES.resolve(group + ".py"), LintOptions.defaults());

    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @Test
  void ourReferenceUpdaterHasNoErrors() throws IOException {
    List<Finding> findings = Linter.lint(Path.of("../../python-src"), LintOptions.defaults());

    assertThat(findings).filteredOn(Finding::isError).isEmpty();
  }

  @Test
  void lintsWithoutTheStandardModulesThatMadeItsStartUpSlow(@TempDir Path dir) throws IOException {
    // given: every rule has run over a file with a suppression comment and an f-string
    Path file = dir.resolve("app.py");
    Files.writeString(file, "x = f'{1}' '{2}'  # otasim: ignore[fstring]\nprint('a'[::-1])\n");
    Linter.lint(file, LintOptions.defaults());

    // then: ast, tokenize, re and string (and enum and functools behind them) were never imported
    assertThat(Checker.importedModules())
        .contains("_ast", "dev.otasim.lint.check")
        .doesNotContain(
            "ast", "tokenize", "re", "string", "enum", "functools", "linecache", "contextlib");
  }

  @Nested
  class Firmware {
    @TempDir Path dir;

    private List<String> lintSource(String source, String firmware) throws IOException {
      Path file = dir.resolve("net.py");
      Files.writeString(file, source);
      return lint(file, LintOptions.defaults().withFirmware(firmware));
    }

    @Test
    void usslFailsFromV123() throws IOException {
      assertThat(lintSource("import ussl\n", "1.23"))
          .containsExactly(
              "net.py:1:1: error[missing-module] ussl does not exist on firmware 1.23"
                  + " (ImportError since v1.23); import ssl");
      assertThat(lintSource("import ussl\n", "1.22.0")).isEmpty();
    }

    @Test
    void tlsFailsBeforeV123() throws IOException {
      assertThat(lintSource("import tls\n", "1.20"))
          .containsExactly(
              "net.py:1:1: error[missing-module] tls does not exist before firmware v1.23"
                  + " (ImportError on 1.20); import ssl");
      assertThat(lintSource("import tls\nimport ssl\n", "1.27.0")).isEmpty();
    }

    @Test
    void rejectsAVersionThatIsNotOne() {
      assertThatThrownBy(() -> LintOptions.defaults().withFirmware("latest"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("firmware (latest) must look like 1.27.0 or 1.22");
    }
  }

  @Nested
  class Folders {
    @TempDir Path dir;

    @Test
    void lintsEveryPythonFileUnderAFolderSortedByPathAndLine() throws IOException {
      Files.createDirectories(dir.resolve("lib"));
      Files.writeString(dir.resolve("main.py"), "x = 1\nprint('a'.zfill(3))\n");
      Files.writeString(dir.resolve("lib/b.py"), "import typing\nprint(s[::-1])\n");
      Files.writeString(dir.resolve("notes.txt"), "import typing\n");
      Files.createDirectories(dir.resolve(".git"));
      Files.writeString(dir.resolve(".git/hook.py"), "import typing\n");

      List<Finding> findings = Linter.lint(dir, LintOptions.defaults());

      assertThat(findings)
          .extracting(f -> dir.relativize(f.path()) + ":" + f.line() + ":" + f.ruleId())
          .containsExactly(
              "lib/b.py:1:missing-module", "lib/b.py:2:step-slice", "main.py:2:missing-method");
    }

    @Test
    void aModuleOfYourOwnIsNotTheMissingOne() throws IOException {
      Files.createDirectories(dir.resolve("lib"));
      Files.writeString(dir.resolve("lib/logging.py"), "def info(m):\n    print(m)\n");
      Files.writeString(dir.resolve("main.py"), "import logging\nimport functools\n");

      List<Finding> findings = Linter.lint(dir, LintOptions.defaults());

      assertThat(findings)
          .extracting(Finding::message)
          .containsExactly(
              "the ESP32 firmware has no module 'functools' (ImportError); write the helper"
                  + " yourself");
    }

    @Test
    void aFileNestedTooDeeplyIsAFindingWithItsPath() throws IOException {
      Path deep =
          Files.writeString(
              dir.resolve("deep.py"), "x = " + "[".repeat(3000) + "]".repeat(3000) + "\n");

      List<Finding> findings = Linter.lint(deep, LintOptions.defaults());

      assertThat(findings)
          .singleElement()
          .hasToString(
              deep
                  + ":1:1: error[syntax] nested too deeply for otasim lint to check"
                  + " (RecursionError); split the nesting up");
    }

    @Test
    void aMissingPathIsNamed() {
      Path missing = dir.resolve("nothing");

      assertThatThrownBy(() -> Linter.lint(missing, LintOptions.defaults()))
          .isInstanceOf(NoSuchFileException.class)
          .hasMessage(missing.toString());
    }
  }

  @Test
  void printsLikeACompiler() {
    Finding f =
        new Finding(
            Path.of("main.py"), 3, 8, "missing-name", Severity.ERROR, "FileNotFoundError ...");

    assertThat(f).hasToString("main.py:3:8: error[missing-name] FileNotFoundError ...");
  }
}
