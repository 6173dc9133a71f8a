package dev.otasim.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.sweep.Shard;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateReportTest {
  private static GateReport report(List<Check> checks, List<Check> points) {
    return new GateReport(
        "owner/app", "v1.0.0", "v1.1.0", "v1.1.0", new Shard(1, 2), checks, points, Map.of());
  }

  @Test
  void writesOneTestCasePerCheckAndPerBrickedPoint() {
    GateReport r =
        report(
            List.of(
                new Check(
                    "update installs v1.0.0 -> v1.1.0",
                    Check.Status.PASSED,
                    "settled running v1.1.0 after 3 boots",
                    "",
                    1500),
                new Check(
                    "power-cut sweep (shard 1/2)",
                    Check.Status.FAILED,
                    "bricks at 1 of 2 points: 0 recovered new, 1 recovered old, 1 bricked",
                    "",
                    2000)),
            List.of(
                new Check(
                    "power cut at point 7: rmdir main",
                    Check.Status.FAILED,
                    "bricked (boot 2): /main/.version is missing",
                    "flash:\n/next/app.py <8 B>\n",
                    0)));

    assertThat(r.junitXml())
        .isEqualTo(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="otasim gate v1.0.0 -&gt; v1.1.0 shard 1/2" tests="3" failures="2" \
            errors="0" skipped="0" time="3.500">
              <properties>
                <property name="repo" value="owner/app"/>
                <property name="previous" value="v1.0.0"/>
                <property name="candidate" value="v1.1.0"/>
                <property name="candidateTag" value="v1.1.0"/>
                <property name="shard" value="1/2"/>
              </properties>
              <testcase classname="otasim.gate" name="update installs v1.0.0 -&gt; v1.1.0" \
            time="1.500"/>
              <testcase classname="otasim.gate" name="power-cut sweep (shard 1/2)" time="2.000">
                <failure message="bricks at 1 of 2 points: 0 recovered new, 1 recovered old, \
            1 bricked">bricks at 1 of 2 points: 0 recovered new, 1 recovered old, 1 bricked\
            </failure>
              </testcase>
              <testcase classname="otasim.gate" name="power cut at point 7: rmdir main" \
            time="0.000">
                <failure message="bricked (boot 2): /main/.version is missing">bricked (boot 2): \
            /main/.version is missing

            flash:
            /next/app.py &lt;8 B&gt;
            </failure>
              </testcase>
            </testsuite>
            """);
    assertThat(r.markdown())
        .isEqualTo(
            """
            ## otasim gate: ` v1.0.0 ` \u2192 ` v1.1.0 ` \u2014 \u274c failed (1 of 2 checks)

            ` owner/app `: the board runs ` v1.0.0 ` and updates to ` v1.1.0 `; sweep points of \
            shard 1/2.

            | check | result | details |
            |---|---|---|
            | ` update installs v1.0.0 -> v1.1.0 ` | \u2705 passed | ` settled running v1.1.0 \
            after 3 boots ` |
            | ` power-cut sweep (shard 1/2) ` | \u274c failed | ` bricks at 1 of 2 points: 0 \
            recovered new, 1 recovered old, 1 bricked ` |

            <details><summary>failure 1 of 1</summary>

            ```text
            power cut at point 7: rmdir main: bricked (boot 2): /main/.version is missing

            flash:
            /next/app.py <8 B>
            ```
            </details>
            """);
  }

  @Test
  void passesWhenNoCheckFailsAndSkippedOnesDoNotCount() {
    GateReport r =
        report(
            List.of(
                new Check("lint main/", Check.Status.PASSED, "no errors", "", 1),
                new Check("network-fault sweep", Check.Status.SKIPPED, "skipped: why", "", 0)),
            List.of());

    assertThat(r.passed()).isTrue();
    assertThat(r.junitXml())
        .contains(
            """
              <testcase classname="otasim.gate" name="network-fault sweep" time="0.000">
                <skipped message="skipped: why"/>
              </testcase>
            """);
    assertThat(r.markdown())
        .startsWith("## otasim gate: ` v1.0.0 ` \u2192 ` v1.1.0 ` \u2014 \u2705 passed\n");
  }

  @Test
  void deviceTextInTheSummaryIsNeverMarkdown() {
    String message =
        "# Heading\n![x](https://evil.example/track.png) <img src=x> | cell ``` and ```` too";
    GateReport r =
        report(
            List.of(
                new Check(
                    "update installs v1.0.0 -> v1.1.0",
                    Check.Status.FAILED,
                    "RuntimeError: " + message,
                    "Traceback:\n```\n" + message + "\n",
                    1)),
            List.of());

    assertThat(r.markdown())
        .endsWith(
            """
            | check | result | details |
            |---|---|---|
            | ` update installs v1.0.0 -> v1.1.0 ` | \u274c failed | ````` RuntimeError: # \
            Heading ![x](https://evil.example/track.png) <img src=x> \\| cell ``` and ```` too \
            ````` |

            <details><summary>failure 1 of 1</summary>

            `````text
            update installs v1.0.0 -> v1.1.0: RuntimeError: # Heading
            ![x](https://evil.example/track.png) <img src=x> | cell ``` and ```` too

            Traceback:
            ```
            # Heading
            ![x](https://evil.example/track.png) <img src=x> | cell ``` and ```` too
            `````
            </details>
            """);
  }

  @Test
  void aReportStoppedByCtrlCIsIncompleteInTheXmlAndTheSummary() {
    GateReport r =
        new GateReport(
            "owner/app",
            "v1.0.0",
            "v1.1.0",
            "v1.1.0",
            new Shard(1, 1),
            List.of(
                new Check(
                    "update installs v1.0.0 -> v1.1.0",
                    Check.Status.PASSED,
                    "settled running v1.1.0 after 3 boots",
                    "",
                    1500),
                new Check(
                    "power-cut sweep",
                    Check.Status.SKIPPED,
                    "interrupted after 1 of 40 points (Ctrl-C): 1 recovered new, 0 recovered old,"
                        + " 0 bricked",
                    "",
                    500)),
            List.of(),
            Map.of(),
            List.of("power-cut sweep", "network-fault sweep"));

    assertThat(r.complete()).isFalse();
    assertThat(r.passed()).isFalse();
    assertThat(r.finished()).isEqualTo(1);
    assertThat(r.junitXml())
        .contains(
            "<testsuite name=\"otasim gate v1.0.0 -&gt; v1.1.0\" tests=\"3\" failures=\"0\""
                + " errors=\"1\" skipped=\"1\" time=\"2.000\">")
        .endsWith(
            """
              <testcase classname="otasim.gate" name="interrupted" time="0.000">
                <error type="interrupted" message="interrupted after 1 of 3 checks; not \
            finished: power-cut sweep, network-fault sweep (Ctrl-C): this report is incomplete"/>
              </testcase>
            </testsuite>
            """);
    assertThat(r.markdown())
        .startsWith(
            """
            ## otasim gate: ` v1.0.0 ` \u2192 ` v1.1.0 ` \u2014 \u26a0\ufe0f incomplete (1 of 3 \
            checks finished)

            **Interrupted (Ctrl-C): this report is incomplete.** Not finished: ` power-cut sweep `, \
            ` network-fault sweep `.

            ` owner/app `: the board runs ` v1.0.0 ` and updates to ` v1.1.0 `.
            """);
  }
}
