package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.lint.Finding;
import dev.otasim.lint.Linter;
import dev.otasim.lint.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest extends CommandLineHarness {

  @TempDir Path dir;

  private Path bad;
  private Path warnOnly;
  private Path clean;

  @BeforeEach
  void givenThreeFiles() throws IOException {
    bad =
        Files.writeString(
            dir.resolve("bad.py"),
            """
            import os
            try:
                os.remove('x')
            except FileNotFoundError:
                raise ValueError('gone') from None
            print('v1'.ljust(4))
            """);
    warnOnly = Files.writeString(dir.resolve("warn.py"), "def rev(s):\n    return s[::-1]\n");
    clean = Files.writeString(dir.resolve("clean.py"), "print('ok')\n");
  }

  @Test
  void printsFindingsLikeACompilerThenASummaryAndFailsOnErrors() {
    int code = run("lint", bad.toString(), warnOnly.toString());

    assertThat(code).isEqualTo(OtaSimCommand.EXIT_FAILED);
    assertThat(out.toString())
        .isEqualTo(
            bad
                + ":4:8: error[missing-name] FileNotFoundError does not exist on MicroPython"
                + " (NameError when the line runs); catch OSError and test e.args[0] =="
                + " errno.ENOENT\n"
                + bad
                + ":5:5: warning[raise-from] `raise ... from ...` drops the cause on MicroPython"
                + " (it prints 'Warning: exception chaining not supported'); raise without"
                + " `from`\n"
                + bad
                + ":6:7: error[missing-method] str.ljust() does not exist on MicroPython"
                + " (AttributeError); use '{:<10}'.format(s) (or pad with ' ' * n)\n"
                + warnOnly
                + ":2:12: warning[step-slice] s[::-1]: a slice with a step raises"
                + " NotImplementedError on MicroPython unless the object is a list (str, bytes"
                + ", bytearray and tuple fail); convert with list() first\n"
                + "2 errors, 2 warnings in 2 files\n");
  }

  @Test
  void lintsAFolderRecursively() {
    int code = run("lint", dir.toString());

    assertThat(code).isEqualTo(OtaSimCommand.EXIT_FAILED);
    assertThat(out.toString()).endsWith("2 errors, 2 warnings in 3 files\n");
  }

  @Test
  void warningsPassUnlessStrict() {
    assertThat(run("lint", warnOnly.toString(), clean.toString())).isZero();
    assertThat(out.toString()).endsWith("0 errors, 1 warning in 2 files\n");

    assertThat(run("lint", "--strict", warnOnly.toString())).isEqualTo(OtaSimCommand.EXIT_FAILED);
  }

  @Test
  void aCleanFilePasses() {
    int code = run("lint", clean.toString());

    assertThat(code).isZero();
    assertThat(out.toString()).isEqualTo("0 errors, 0 warnings in 1 file\n");
  }

  @Test
  void firmwareDecidesWhichModulesExist() throws IOException {
    Path tls = Files.writeString(dir.resolve("net.py"), "import ussl\n");

    assertThat(run("lint", "--firmware", "1.22", tls.toString())).isZero();
    assertThat(run("lint", "--firmware", "1.23", tls.toString()))
        .isEqualTo(OtaSimCommand.EXIT_FAILED);
    assertThat(out.toString())
        .contains(
            tls
                + ":1:1: error[missing-module] ussl does not exist on firmware 1.23 (ImportError"
                + " since v1.23); import ssl\n");
  }

  @Test
  void writesJson() {
    int code = run("lint", "--format", "json", warnOnly.toString());

    assertThat(code).isZero();
    assertThat(out.toString())
        .isEqualTo(
            "{\"findings\":[{\"path\":\""
                + warnOnly.toString().replace("\\", "\\\\")
                + "\",\"line\":2,\"col\":12,\"rule\":\"step-slice\",\"severity\":\"warning\","
                + "\"message\":\"s[::-1]: a slice with a step raises NotImplementedError on"
                + " MicroPython unless the object is a list (str, bytes, bytearray and tuple fail); convert"
                + " with list() first\"}],\"errors\":0,\"warnings\":1,\"files\":1}\n");
  }

  @Test
  void aMissingPathIsAUsageErrorThatNamesIt() {
    Path missing = dir.resolve("nope");

    int code = run("lint", clean.toString(), missing.toString());

    assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
    assertThat(err.toString())
        .isEqualTo(
            "otasim: no such file or folder: "
                + missing
                + " (name .py files or folders that hold them)\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aBadFirmwareIsAUsageError() {
    int code = run("lint", "--firmware", "newest", clean.toString());

    assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
    assertThat(err.toString())
        .isEqualTo("otasim: firmware (newest) must look like 1.27.0 or 1.22\n");
  }

  @Test
  void aFileTheBoardCannotCompileIsAnError() throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.py"), "if x\n    pass\n");

    int code = run("lint", broken.toString());

    assertThat(code).isEqualTo(OtaSimCommand.EXIT_FAILED);
    assertThat(out.toString())
        .startsWith(broken + ":")
        .contains(": error[syntax] SyntaxError: invalid syntax (GraalPy: expected ':');")
        .endsWith("1 error, 0 warnings in 1 file\n");
  }

  @Test
  void withoutPathsItSaysWhatToName() {
    int code = run("lint");

    assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
    assertThat(err.toString())
        .isEqualTo(
            "otasim: name the .py files or folders to lint, such as: otasim lint python-src/\n");
  }

  @Test
  void helpDocumentsTheExitCodes() {
    run("lint", "--help");

    assertThat(out.toString())
        .contains(
            "Exit codes:\n"
                + "  0   no errors (with --strict: no findings at all)\n"
                + "  1   findings: an error (with --strict: any warning), including a file the\n"
                + "        board cannot parse\n"
                + "  2   usage: an unknown option or rule, a bad --firmware, a path that does not\n"
                + "        exist, a pyproject.toml that is not valid or has an unknown key\n");
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    assertThat(run("lint", "--format", "xml", clean.toString()))
        .isEqualTo(OtaSimCommand.EXIT_USAGE);
    assertThat(err.toString()).startsWith("Invalid value for option '--format'");
  }

  /** Each format's output to the letter, for one file with an error and a warning. */
  @Nested
  class Formats {
    private Path project;

    @BeforeEach
    void givenAnAppWithAnErrorAndAWarning() throws IOException {
      project = dir.resolve("project");
      Files.createDirectories(project.resolve("app"));
      Files.writeString(
          project.resolve("app/main.py"),
          """
          import os
          try:
              os.remove('x')
          except FileNotFoundError:
              pass
          print(s[::-1])
          """);
    }

    /** As the lint daemon runs it: in the project's folder, paths relative to it. */
    private int lintInProject(String... args) {
      StringWriter o = new StringWriter();
      StringWriter e = new StringWriter();
      int code = LintDaemon.lint(project, List.of(args), o, e);
      out.write(o.toString());
      err.write(e.toString());
      return code;
    }

    @Test
    void text() {
      int code = lintInProject("app");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_FAILED);
      assertThat(out.toString())
          .isEqualTo(
              """
              app/main.py:4:8: error[missing-name] FileNotFoundError does not exist on \
              MicroPython (NameError when the line runs); catch OSError and test e.args[0] == \
              errno.ENOENT
              app/main.py:6:7: warning[step-slice] s[::-1]: a slice with a step raises \
              NotImplementedError on MicroPython unless the object is a list (str, bytes, \
              bytearray and tuple fail); convert with list() first
              1 error, 1 warning in 1 file
              """);
    }

    @Test
    void json() {
      lintInProject("--format", "json", "app/main.py");

      assertThat(out.toString())
          .isEqualTo(
              """
              {"findings":[{"path":"app/main.py","line":4,"col":8,"rule":"missing-name",\
              "severity":"error","message":"FileNotFoundError does not exist on MicroPython \
              (NameError when the line runs); catch OSError and test e.args[0] == errno.ENOENT"},\
              {"path":"app/main.py","line":6,"col":7,"rule":"step-slice","severity":"warning",\
              "message":"s[::-1]: a slice with a step raises NotImplementedError on MicroPython \
              unless the object is a list (str, bytes, bytearray and tuple fail); convert with \
              list() first"}],"errors":1,"warnings":1,"files":1}
              """);
    }

    @Test
    void github() {
      int code = lintInProject("--format", "github", "app");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_FAILED);
      assertThat(out.toString())
          .isEqualTo(
              """
              ::error file=app/main.py,line=4,col=8,title=otasim lint missing-name::\
              FileNotFoundError does not exist on MicroPython (NameError when the line runs); \
              catch OSError and test e.args[0] == errno.ENOENT
              ::warning file=app/main.py,line=6,col=7,title=otasim lint step-slice::s[::-1]: a \
              slice with a step raises NotImplementedError on MicroPython unless the object is a \
              list (str, bytes, bytearray and tuple fail); convert with list() first
              1 error, 1 warning in 1 file
              """);
    }

    @Test
    void ruffsNameForTheFormatOptionWorksToo() {
      int code = lintInProject("--output-format=github", "app");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_FAILED);
      assertThat(out.toString())
          .startsWith("::error file=app/main.py,line=4,col=8,title=otasim lint missing-name::");
    }

    @Test
    void sarif() {
      int code = lintInProject("--format", "sarif", "app");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_FAILED);
      assertThat(out.toString())
          .isEqualTo(
              """
              {
                "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                "version": "2.1.0",
                "runs": [
                  {
                    "tool": {
                      "driver": {
                        "name": "otasim lint",
                        "version": "OTASIM_VERSION",
                        "informationUri": "https://github.com/otasim/otasim",
                        "rules": [
                          {
                            "id": "missing-name",
                            "shortDescription": { "text": "builtins the board does not have, \
              such as FileNotFoundError." },
                            "helpUri": "https://github.com/otasim/otasim/blob/main/docs/lint.md\
              #missing-name",
                            "help": { "text": "builtins the board does not have, such as \
              FileNotFoundError. Silence one line with '# otasim: ignore[missing-name]'. \
              Documentation: https://github.com/otasim/otasim/blob/main/docs/lint.md\
              #missing-name" }
                          },
                          {
                            "id": "step-slice",
                            "shortDescription": { "text": "s[::-1] raises NotImplementedError \
              on the board unless s is a list." },
                            "helpUri": "https://github.com/otasim/otasim/blob/main/docs/lint.md\
              #step-slice",
                            "help": { "text": "s[::-1] raises NotImplementedError on the board \
              unless s is a list. Silence one line with '# otasim: ignore[step-slice]'. \
              Documentation: https://github.com/otasim/otasim/blob/main/docs/lint.md\
              #step-slice" }
                          }
                        ]
                      }
                    },
                    "originalUriBaseIds": {
                      "%SRCROOT%": { "uri": "ROOT_URI" }
                    },
                    "columnKind": "unicodeCodePoints",
                    "results": [
                      {
                        "ruleId": "missing-name",
                        "ruleIndex": 0,
                        "level": "error",
                        "message": { "text": "FileNotFoundError does not exist on MicroPython \
              (NameError when the line runs); catch OSError and test e.args[0] == errno.ENOENT" },
                        "locations": [
                          {
                            "physicalLocation": {
                              "artifactLocation": { "uri": "app/main.py", \
              "uriBaseId": "%SRCROOT%" },
                              "region": { "startLine": 4, "startColumn": 8 }
                            }
                          }
                        ]
                      },
                      {
                        "ruleId": "step-slice",
                        "ruleIndex": 1,
                        "level": "warning",
                        "message": { "text": "s[::-1]: a slice with a step raises \
              NotImplementedError on MicroPython unless the object is a list (str, bytes, \
              bytearray and tuple fail); convert with list() first" },
                        "locations": [
                          {
                            "physicalLocation": {
                              "artifactLocation": { "uri": "app/main.py", \
              "uriBaseId": "%SRCROOT%" },
                              "region": { "startLine": 6, "startColumn": 7 }
                            }
                          }
                        ]
                      }
                    ]
                  }
                ]
              }
              """
                  .replace("ROOT_URI", project.toUri().toString())
                  .replace("OTASIM_VERSION", Linter.VERSION));
    }

    @Test
    void sarifLinksARuleToTheDocsOfTheReleaseThatLinted() {
      String release = LintReport.sarif(List.of(finding()), Map.of(), "0.3.0", project);
      String snapshot = LintReport.sarif(List.of(finding()), Map.of(), "0.4.0-SNAPSHOT", project);

      assertThat(release)
          .contains(
              "\"helpUri\": \"https://github.com/otasim/otasim/blob/v0.3.0/docs/lint.md"
                  + "#step-slice\"")
          .doesNotContain("blob/main");
      assertThat(snapshot)
          .contains(
              "\"helpUri\": \"https://github.com/otasim/otasim/blob/main/docs/lint.md"
                  + "#step-slice\"");
    }

    private Finding finding() {
      return new Finding(
          project.resolve("main.py"), 1, 7, "step-slice", Severity.ERROR, "s[::-1] fails");
    }

    @Test
    void sarifUrisAreRelativeToTheRepositoryRootNotTheWorkingFolder() throws IOException {
      Files.createDirectories(project.resolve(".git"));
      Path root = project;
      project = project.resolve("app");

      int code = lintInProject("--format", "sarif", "main.py", bad.toString());

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_FAILED);
      assertThat(out.toString())
          .contains("\"%SRCROOT%\": { \"uri\": \"" + root.toUri() + "\" }")
          .contains(
              "\"artifactLocation\": { \"uri\": \"app/main.py\", \"uriBaseId\": \"%SRCROOT%\" }")
          // a file outside the repository keeps its own address
          .contains("\"artifactLocation\": { \"uri\": \"" + bad.toUri() + "\" }");
    }

    @Test
    void sarifWithoutFindingsHasNoRulesAndNoResults() throws IOException {
      Files.writeString(project.resolve("clean.py"), "print('ok')\n");

      int code = lintInProject("--format", "sarif", "clean.py");

      assertThat(code).isZero();
      assertThat(out.toString()).contains("\"rules\": []\n").contains("\"results\": []\n");
    }
  }

  /** [tool.otasim.lint] in pyproject.toml, and the rule options of the command line. */
  @Nested
  class Configuration {
    private Path project;
    private Path app;

    @BeforeEach
    void givenAProjectWithAnErrorAWarningAndAMissingMethod() throws IOException {
      project = dir.resolve("repo");
      app = Files.createDirectories(project.resolve("src/app")).resolve("main.py");
      Files.copy(bad, app);
    }

    private void pyproject(Path folder, String toml) throws IOException {
      Files.writeString(folder.resolve("pyproject.toml"), toml);
    }

    private String rulesFound() {
      return String.join(
          ",",
          out.toString()
              .lines()
              .filter(l -> l.contains("["))
              .map(l -> l.substring(l.indexOf('[') + 1, l.indexOf(']')))
              .toList());
    }

    @Test
    void theNearestPyprojectAboveTheFileIgnoresARule() throws IOException {
      pyproject(project, "[tool.otasim.lint]\nignore = [\"raise-from\"]\n");

      int code = run("lint", app.toString());

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_FAILED);
      assertThat(rulesFound()).isEqualTo("missing-name,missing-method");
      assertThat(out.toString()).endsWith("2 errors, 0 warnings in 1 file\n");
    }

    @Test
    void aPyprojectWithoutTheTableIsPassedOver() throws IOException {
      pyproject(project, "[tool.otasim.lint]\nselect = [\"raise-from\"]\n");
      pyproject(project.resolve("src"), "[tool.black]\nline-length = 100\n");

      int code = run("lint", app.toString());

      assertThat(code).isZero();
      assertThat(rulesFound()).isEqualTo("raise-from");
    }

    @Test
    void perFileIgnoresMatchPathsUnderThePyprojectsFolder() throws IOException {
      pyproject(
          project,
          """
          [tool.otasim.lint]
          per-file-ignores = { "src/**" = ["missing-name"], "!src/**" = ["ALL"] }
          """);
      Path tool = Files.createDirectories(project.resolve("tools")).resolve("gen.py");
      Files.copy(bad, tool);

      run("lint", app.toString(), tool.toString());

      assertThat(rulesFound()).isEqualTo("raise-from,missing-method");
    }

    @Test
    void theFirmwareComesFromTheFileUnlessTheCommandLineNamesOne() throws IOException {
      pyproject(project, "[tool.otasim.lint]\nfirmware = \"1.23\"\n");
      Path net = Files.writeString(project.resolve("net.py"), "import ussl\n");

      assertThat(run("lint", net.toString())).isEqualTo(OtaSimCommand.EXIT_FAILED);
      assertThat(rulesFound()).isEqualTo("missing-module");
      assertThat(run("lint", "--firmware", "1.22", net.toString())).isZero();
    }

    @Test
    void selectOnTheCommandLineReplacesTheFilesButKeepsItsIgnore() throws IOException {
      pyproject(
          project,
          "[tool.otasim.lint]\nselect = [\"missing-name\"]\nignore = [\"missing-method\"]\n");

      run("lint", "--select", "ALL", app.toString());

      assertThat(rulesFound()).isEqualTo("missing-name,raise-from");
    }

    @Test
    void ignoreAndExtendSelectOnTheCommandLine() throws IOException {
      pyproject(project, "[tool.otasim.lint]\nselect = [\"missing-name\"]\n");

      run(
          "lint",
          "--extend-select",
          "raise-from,missing-method",
          "--ignore",
          "missing-name",
          app.toString());

      assertThat(rulesFound()).isEqualTo("raise-from,missing-method");
    }

    @Test
    void configNamesTheFileInsteadOfTheSearch() throws IOException {
      pyproject(project, "[tool.otasim.lint]\nignore = [\"ALL\"]\n");
      Path other = Files.writeString(dir.resolve("lint.toml"), "[tool.otasim.lint]\n");

      run("lint", "--config", other.toString(), app.toString());

      assertThat(rulesFound()).isEqualTo("missing-name,raise-from,missing-method");
    }

    @Test
    void theLintDaemonReadsTheSameConfigurationAsTheCommandLine() throws IOException {
      pyproject(project, "[tool.otasim.lint]\nignore = [\"raise-from\"]\n");
      StringWriter o = new StringWriter();

      int code = LintDaemon.lint(project, List.of("src/app/main.py"), o, new StringWriter());

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_FAILED);
      assertThat(o.toString()).doesNotContain("raise-from").contains("src/app/main.py:4:8: ");
    }

    @Test
    void anUnknownKeyIsAUsageErrorNamingItAndTheFix() throws IOException {
      pyproject(project, "[tool.otasim.lint]\nselct = [\"ALL\"]\n");

      int code = run("lint", app.toString());

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: "
                  + project.resolve("pyproject.toml")
                  + ": [tool.otasim.lint] has no key 'selct' (did you mean 'select'?); the keys"
                  + " are firmware, select, extend-select, ignore, per-file-ignores (see"
                  + " https://github.com/otasim/otasim/blob/main/docs/lint.md#configuration)\n");
      assertThat(out.toString()).isEmpty();
    }

    @Test
    void anUnknownRuleOnTheCommandLineIsAUsageError() {
      int code = run("lint", "--ignore", "raise-frm", app.toString());

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .isEqualTo(
              "otasim: --ignore: no rule 'raise-frm' (did you mean 'raise-from'?); the rules are"
                  + " listed in https://github.com/otasim/otasim/blob/main/docs/lint.md (or use"
                  + " ALL)\n");
    }

    @Test
    void aPyprojectThatIsNotTomlIsAUsageErrorNamingTheFile() throws IOException {
      pyproject(project, "[tool.otasim.lint\nselect = [\n");

      int code = run("lint", app.toString());

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .startsWith("otasim: " + project.resolve("pyproject.toml") + " is not valid TOML: ")
          .endsWith("; correct it (or lint with --config naming another file)\n");
    }

    @Test
    void aPyprojectThatIsALinkIsNotFollowed() throws IOException {
      Path secret = Files.writeString(dir.resolve("secret.toml"), "[tool.otasim.lint]\n");
      Files.createSymbolicLink(project.resolve("pyproject.toml"), secret);

      int code = run("lint", app.toString());

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString()).contains("pyproject.toml").contains("link");
    }

    @Test
    void deeplyNestedTomlIsRefusedNotOverflowed() throws IOException {
      pyproject(project, "x = " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");

      int code = run("lint", app.toString());

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString()).contains("is not valid TOML: ");
    }
  }

  @Nested
  class Explain {
    @Test
    void printsTheRulesDocumentation() {
      int code = run("lint", "--explain", "step-slice");

      assertThat(code).isZero();
      assertThat(out.toString())
          .startsWith("## `step-slice`\n\n**Error or warning.** `s[::-1]` and other slices")
          .endsWith(
              "Fix: `''.join(reversed(s))` for a string, `list(x)[::-1]`, or a loop over"
                  + " the indices.\n");
    }

    @Test
    void everyRuleHasDocumentation() {
      for (String rule : dev.otasim.lint.Linter.rules().keySet()) {
        assertThat(dev.otasim.lint.Linter.explain(rule)).startsWith("## `" + rule + "`\n");
      }
    }

    @Test
    void anUnknownRuleIsAUsageError() {
      int code = run("lint", "--explain", "stepslice");

      assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
      assertThat(err.toString())
          .startsWith(
              "otasim: otasim lint --explain: no rule 'stepslice' (did you mean"
                  + " 'step-slice'?)");
    }
  }
}
