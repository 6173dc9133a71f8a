package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * README's {@code otasim run} example, as written, on the folders it names (examples/board and
 * examples/releases): the board installs v1.1.0 and settles (issue 11).
 */
class ReadmeRunExampleTest {
  private static final String EXAMPLE =
      "./otasim run --board examples/board --releases examples/releases --repo me/thermostat"
          + " --wifi home:secret";

  @Test
  void runsAsWrittenAndInstallsTheNewRelease() throws Exception {
    // the command README shows, run from the repository root (Maven runs tests in runtime/cli)
    assertThat(Files.readString(Path.of("../../README.md"))).contains(EXAMPLE + "\n");
    String[] args =
        EXAMPLE.substring("./otasim ".length()).replace("examples/", "../../examples/").split(" ");
    StringWriter out = new StringWriter();
    CommandLine cl = OtaSimCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(out));

    int code = cl.execute(args);

    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("console │ app: hello from lib/util.py")
        .contains("/main/lib/util.py  146 B")
        .contains("✔ settled after 3 boots: main.py returned");
  }
}
