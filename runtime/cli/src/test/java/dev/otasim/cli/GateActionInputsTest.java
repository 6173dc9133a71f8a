package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate action (action.yml) checks its inputs before anything runs ({@code
 * scripts/gate-action-inputs}, run here as the runner runs it): {@code shard} is i/n, {@code junit}
 * a file inside the workspace (never the workspace, which {@code junit: gate.xml} uploaded whole),
 * and no input adds a line to {@code $GITHUB_OUTPUT}.
 */
class GateActionInputsTest {
  @TempDir Path dir;

  private Path workspace;
  private Path output;
  private final Map<String, String> env = new HashMap<>();
  private String stdout;

  @BeforeEach
  void given() throws IOException {
    workspace = Files.createDirectories(dir.resolve("workspace"));
    output = Files.createFile(dir.resolve("output"));
    env.put("GITHUB_WORKSPACE", workspace.toString());
    env.put("GITHUB_OUTPUT", output.toString());
    env.put("GITHUB_REPOSITORY", "owner/app");
    env.put("ACTION_PATH", Path.of("../..").toAbsolutePath().normalize().toString());
    env.put("ACTION_REPO", "owner/otasim");
    env.put("ACTION_REF", "main");
    env.put("VERSION", "");
    env.put("SHARD", "1/1");
    env.put("JUNIT", "otasim-gate/gate.xml");
    env.put("LINT", "true");
    env.put("CROSS_CHECK", "false");
    env.put("THREADS", "");
  }

  private int run() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            "bash", Path.of("../../scripts/gate-action-inputs").toAbsolutePath().toString());
    pb.directory(workspace.toFile());
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor();
  }

  private String outputs() throws IOException {
    return Files.readString(output).replaceAll("(?m)^poms=[0-9a-f]{16}$", "poms=HASH");
  }

  @Test
  void theDefaultsGiveOneLinePerOutput() throws Exception {
    assertThat(run()).as(stdout).isZero();
    assertThat(outputs())
        .isEqualTo(
            "version=source\nrepository=owner/otasim\npoms=HASH\nartifact=otasim-gate-1-of-1\n"
                + "junit=otasim-gate/gate.xml\npages=otasim-gate/gate-*.html\n");
  }

  @Test
  void aReportAtTheWorkspacesTopUploadsItsFilesNotTheWorkspace() throws Exception {
    env.put("JUNIT", "./gate.xml");

    assertThat(run()).as(stdout).isZero();
    assertThat(outputs()).contains("\njunit=gate.xml\npages=gate-*.html\n");
  }

  @Test
  void anAbsoluteReportInsideTheWorkspaceIsMadeRelative() throws Exception {
    env.put("JUNIT", workspace + "/reports//gate.xml");

    assertThat(run()).as(stdout).isZero();
    assertThat(outputs()).contains("\njunit=reports/gate.xml\npages=reports/gate-*.html\n");
  }

  @Test
  void aNewlineInTheShardAddsNoOutputLine() throws Exception {
    env.put("SHARD", "1/1\nversion=v9.9.9");

    assertThat(run()).isEqualTo(2);
    assertThat(stdout)
        .isEqualTo(
            "::error title=otasim gate::input shard is '1/1%0Aversion=v9.9.9'; give i/n, e.g. 1/4"
                + " (this job runs every n-th sweep point)\n");
    assertThat(Files.readString(output)).isEmpty();
  }

  @Test
  void theWorkspaceItselfIsNotAReport() throws Exception {
    env.put("JUNIT", ".");

    assertThat(run()).isEqualTo(2);
    assertThat(stdout)
        .isEqualTo(
            "::error title=otasim gate::input junit is '.', the workspace itself; give a file path"
                + " such as otasim-gate/gate.xml\n");
  }

  @Test
  void aReportOutsideTheWorkspaceIsRefused() throws Exception {
    env.put("JUNIT", "../gate.xml");

    assertThat(run()).isEqualTo(2);
    assertThat(stdout)
        .isEqualTo(
            "::error title=otasim gate::input junit is '../gate.xml', which leaves the workspace"
                + " with '..'; give a path inside it such as otasim-gate/gate.xml\n");

    env.put("JUNIT", "/etc/gate.xml");
    assertThat(run()).isEqualTo(2);
    assertThat(stdout)
        .isEqualTo(
            "::error title=otasim gate::input junit is '/etc/gate.xml', outside the workspace "
                + workspace
                + "; give a path inside it such as otasim-gate/gate.xml\n");
  }

  @Test
  void aFolderIsNotAReport() throws Exception {
    Files.createDirectories(workspace.resolve("reports"));
    env.put("JUNIT", "reports");

    assertThat(run()).isEqualTo(2);
    assertThat(stdout)
        .isEqualTo(
            "::error title=otasim gate::input junit is 'reports', a folder; give a file path such"
                + " as otasim-gate/gate.xml\n");
  }

  @Test
  void aLineBreakInLintCannotStartACommand() throws Exception {
    env.put("LINT", "yes\n::stop-commands::x");

    assertThat(run()).isEqualTo(2);
    assertThat(stdout)
        .isEqualTo(
            "::error title=otasim gate::input lint is 'yes%0A::stop-commands::x'; use 'true' or"
                + " 'false'\n");
  }

  @Test
  void servePairsStayOnOneLine() throws Exception {
    env.put("SERVE", "http://192.168.1.10:8000/=.\nhttps://updates.example.org/=srv");

    assertThat(run()).isEqualTo(2);
    assertThat(stdout)
        .isEqualTo(
            "::error title=otasim gate::input serve is 'http://192.168.1.10:8000/=.%0A"
                + "https://updates.example.org/=srv'; give URL=DIR pairs separated by spaces on"
                + " one line, e.g. http://192.168.1.10:8000/=.\n");
  }

  @Test
  void theActionRunsTheCheckAndUploadsOnlyTheReportFiles() throws IOException {
    String action = Files.readString(Path.of("../../action.yml"));

    assertThat(action)
        .contains("      run: '\"${{ github.action_path }}/scripts/gate-action-inputs\"'\n")
        .contains(
            "        path: |\n"
                + "          ${{ steps.names.outputs.junit }}\n"
                + "          ${{ steps.names.outputs.pages }}\n")
        .doesNotContain("dirname");
  }
}
