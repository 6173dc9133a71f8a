package dev.otasim.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/known-differences.md counts, per reason and per engine, the probe lines that still differ
 * from the real output; those counts are the rows of fidelity/known-differences.tsv, which the
 * probes themselves keep exact (ProbeFidelityTest). This keeps the page and the probes in step.
 */
class KnownDifferencesTableTest {
  /** A row of the page's table: reason, kind, what differs, GraalPy lines, MicroPython lines. */
  private static final Pattern ROW =
      Pattern.compile("^\\| `(\\w+)` \\|[^|]*\\|.*\\| (\\d+) \\| (\\d+) \\|$", Pattern.MULTILINE);

  @Test
  void thePageCountsWhatTheProbesPinPerEngine() throws IOException {
    Map<String, String> page = new TreeMap<>();
    Matcher m = ROW.matcher(Files.readString(page()));
    while (m.find()) {
      page.put(m.group(1), m.group(2) + " graalpy, " + m.group(3) + " micropython");
    }
    Map<String, int[]> counts = new TreeMap<>();
    for (String reason : ProbeFidelityTest.REASONS.keySet()) {
      counts.put(reason, new int[2]);
    }
    for (ProbeFidelityTest.Known k : ProbeFidelityTest.known()) {
      counts.get(k.reason())[k.engine() == Engine.GRAALPY ? 0 : 1]++;
    }
    Map<String, String> probes = new TreeMap<>();
    counts.forEach((r, c) -> probes.put(r, c[0] + " graalpy, " + c[1] + " micropython"));

    assertThat(page).isEqualTo(probes);
  }

  /** docs/known-differences.md, found from the module's folder upwards. */
  static Path page() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve("docs/known-differences.md");
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException("docs/known-differences.md not found above the working folder");
  }
}
