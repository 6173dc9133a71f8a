package dev.otasim.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otasim.stubs.Firmware;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LintConfigTest {
  private static final Set<String> RULES = Set.of("dict-order", "step-slice", "missing-name");
  private static final Path FILE = Path.of("/repo/pyproject.toml");

  private static LintConfig config(Map<String, ?> table) {
    return LintConfig.fromTable(FILE, table, RULES);
  }

  private static RuleSelection.Layer layer(List<String> select, List<String> ignore) {
    return new RuleSelection.Layer(select, List.of(), ignore);
  }

  @Nested
  class Selection {
    @Test
    void everyRuleRunsWithoutConfiguration() {
      assertThat(RuleSelection.of(RULES, List.of(RuleSelection.Layer.NONE)).enabled())
          .containsExactly("dict-order", "missing-name", "step-slice");
    }

    @Test
    void selectReplacesAndIgnoreRemoves() {
      RuleSelection on =
          RuleSelection.of(RULES, List.of(layer(List.of("ALL"), List.of("dict-order"))));

      assertThat(on.enabled()).containsExactly("missing-name", "step-slice");
    }

    @Test
    void anExactIdBeatsAllAndIgnoreWinsATie() {
      assertThat(
              RuleSelection.of(RULES, List.of(layer(List.of("step-slice"), List.of("ALL"))))
                  .enabled())
          .containsExactly("step-slice");
      assertThat(
              RuleSelection.of(RULES, List.of(layer(List.of("step-slice"), List.of("step-slice"))))
                  .enabled())
          .isEmpty();
    }

    @Test
    void theCommandLinesSelectKeepsTheFilesIgnore() {
      RuleSelection on =
          RuleSelection.of(
              RULES, List.of(layer(null, List.of("dict-order")), layer(List.of("ALL"), List.of())));

      assertThat(on.enabled()).containsExactly("missing-name", "step-slice");
    }

    @Test
    void extendSelectAddsToTheFilesSelect() {
      RuleSelection on =
          RuleSelection.of(
              RULES,
              List.of(
                  layer(List.of("dict-order"), List.of()),
                  new RuleSelection.Layer(null, List.of("step-slice"), List.of())));

      assertThat(on.enabled()).containsExactly("dict-order", "step-slice");
    }
  }

  @Nested
  class Table {
    @Test
    void readsEveryKey() {
      LintConfig c =
          config(
              Map.of(
                  "firmware", "1.22",
                  "select", List.of("ALL"),
                  "extend-select", List.of("step-slice"),
                  "ignore", List.of("dict-order"),
                  "per-file-ignores", Map.of("tests/**", List.of("missing-name"))));

      assertThat(c.firmware()).isEqualTo(Firmware.parse("1.22"));
      assertThat(c.selection())
          .isEqualTo(
              new RuleSelection.Layer(
                  List.of("ALL"), List.of("step-slice"), List.of("dict-order")));
      assertThat(c.perFileIgnores())
          .containsExactly(new LintConfig.PerFileIgnore("tests/**", List.of("missing-name")));
    }

    @Test
    void anUnknownKeyNamesItTheClosestKeyAndTheDocs() {
      assertThatThrownBy(() -> config(Map.of("selct", List.of())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "/repo/pyproject.toml: [tool.otasim.lint] has no key 'selct' (did you mean"
                  + " 'select'?); the keys are firmware, select, extend-select, ignore,"
                  + " per-file-ignores (see "
                  + Linter.DOCS
                  + "#configuration)");
    }

    @Test
    void anUnknownRuleNamesItAndTheClosestRule() {
      assertThatThrownBy(() -> config(Map.of("ignore", List.of("step-slcie"))))
          .hasMessage(
              "/repo/pyproject.toml: [tool.otasim.lint] ignore: no rule 'step-slcie' (did you"
                  + " mean 'step-slice'?); the rules are listed in "
                  + Linter.DOCS
                  + " (or use ALL)");
    }

    @Test
    void aValueOfTheWrongShapeShowsTheRightOne() {
      assertThatThrownBy(() -> config(Map.of("select", "ALL")))
          .hasMessage(
              "/repo/pyproject.toml: [tool.otasim.lint] select must be a list of rule ids, such"
                  + " as [\"step-slice\"]");
      assertThatThrownBy(() -> config(Map.of("firmware", 1.22)))
          .hasMessage(
              "/repo/pyproject.toml: [tool.otasim.lint] firmware must be a string, such as"
                  + " firmware = \"1.22\"");
    }

    @Test
    void aFirmwareWithoutAProfileIsAnError() {
      assertThatThrownBy(() -> config(Map.of("firmware", "latest")))
          .hasMessageStartingWith("/repo/pyproject.toml: [tool.otasim.lint] firmware: ");
    }
  }

  @Nested
  class PerFileIgnores {
    private LintConfig ignoring(String pattern) {
      return config(Map.of("per-file-ignores", Map.of(pattern, List.of("step-slice"))));
    }

    @Test
    void patternsMatchThePathUnderTheConfigurationsFolder() {
      LintConfig c = ignoring("tests/*");

      assertThat(c.ignoredIn(Path.of("/repo/tests/a.py"), "step-slice")).isTrue();
      assertThat(c.ignoredIn(Path.of("/repo/tests/deep/a.py"), "step-slice")).isTrue();
      assertThat(c.ignoredIn(Path.of("/repo/src/tests.py"), "step-slice")).isFalse();
      assertThat(c.ignoredIn(Path.of("/repo/tests/a.py"), "dict-order")).isFalse();
    }

    @Test
    void aBareNameMatchesTheFileNameAnywhere() {
      LintConfig c = ignoring("__init__.py");

      assertThat(c.ignoredIn(Path.of("/repo/lib/pkg/__init__.py"), "step-slice")).isTrue();
      assertThat(c.ignoredIn(Path.of("/repo/lib/pkg/init.py"), "step-slice")).isFalse();
    }

    @Test
    void doubleStarSlashMatchesNoFolderOrMany() {
      LintConfig c = ignoring("**/{test,spec}_*.py");

      assertThat(c.ignoredIn(Path.of("/repo/test_a.py"), "step-slice")).isTrue();
      assertThat(c.ignoredIn(Path.of("/repo/x/y/spec_b.py"), "step-slice")).isTrue();
      assertThat(c.ignoredIn(Path.of("/repo/x/main.py"), "step-slice")).isFalse();
    }

    @Test
    void aNegatedPatternAppliesToEveryOtherFile() {
      LintConfig c = ignoring("!src/**");

      assertThat(c.ignoredIn(Path.of("/repo/src/main.py"), "step-slice")).isFalse();
      assertThat(c.ignoredIn(Path.of("/repo/tools/gen.py"), "step-slice")).isTrue();
    }

    @Test
    void anUnclosedBracketIsAnError() {
      assertThatThrownBy(() -> ignoring("src/[ab.py"))
          .hasMessage(
              "/repo/pyproject.toml: [tool.otasim.lint] per-file-ignores: the pattern"
                  + " 'src/[ab.py' has a '[' without its ']'");
    }
  }
}
