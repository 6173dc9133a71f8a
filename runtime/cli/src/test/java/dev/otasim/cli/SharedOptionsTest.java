package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** --firmware and --repo, declared once and checked before anything runs (issue 10, item 5). */
class SharedOptionsTest extends CommandLineHarness {

  private static final String PROFILES =
      "use one of 1.20, 1.21, 1.22, 1.23, 1.24, 1.25, 1.26, 1.27, 1.28\n";

  @Test
  void aFirmwareOtasimHasNoProfileForIsAUsageErrorListingTheProfiles() {
    assertThat(run("lint", "--firmware", "0.1", ".")).isEqualTo(OtaSimCommand.EXIT_USAGE);
    assertThat(run("shell", "--firmware", "99.0")).isEqualTo(OtaSimCommand.EXIT_USAGE);

    assertThat(err.toString())
        .isEqualTo(
            "otasim: firmware (0.1) is not one otasim has a module profile for; "
                + PROFILES
                + "otasim: firmware (99.0) is not one otasim has a module profile for; "
                + PROFILES);
  }

  @Test
  void aRepoGitHubWouldRefuseIsAUsageError() {
    int code = run("run", "--board", ".", "--releases", ".", "--repo", "../..");

    assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
    assertThat(err.toString())
        .isEqualTo(
            "otasim: --repo '../..' is not a GitHub repository: give OWNER/NAME, such as"
                + " me/thermostat (owner: letters, digits and single inner hyphens; name:"
                + " letters, digits, '.', '-' and '_', not '.' or '..')\n");
  }

  @Test
  void aRepoWithoutASlashIsAUsageError() {
    int code = run("shell", "--repo", "thermostat");

    assertThat(code).isEqualTo(OtaSimCommand.EXIT_USAGE);
    assertThat(err.toString())
        .isEqualTo(
            "otasim: --repo 'thermostat' is not a GitHub repository: give OWNER/NAME, such as"
                + " me/thermostat\n");
  }
}
