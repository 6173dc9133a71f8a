package dev.otasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Device text in a CI log is escaped as GitHub's actions toolkit escapes a command's data. */
class WorkflowTextTest {
  @Test
  void dataEscapesPercentAndLineBreaks() {
    assertThat(WorkflowText.data("100%\r\n::error::x")).isEqualTo("100%25%0D%0A::error::x");
  }

  @Test
  void propertiesEscapeColonsAndCommasToo() {
    assertThat(WorkflowText.property("file=a.py,line=1: x")).isEqualTo("file=a.py%2Cline=1%3A x");
  }

  @Test
  void aLineThatWouldStartACommandGetsAMarkInFront() {
    assertThat(WorkflowText.line("  ::stop-commands::t")).isEqualTo(">   ::stop-commands::t");
    assertThat(WorkflowText.line("##[error]x")).isEqualTo("> ##[error]x");
    assertThat(WorkflowText.line("a ::b")).isEqualTo("a ::b");
  }

  @Test
  void aMessageKeepsItsLinesButNoneStartsACommand() {
    assertThat(
            WorkflowText.message(
                "otasim: --board a\n::stop-commands::x\n  ##[error]y\rz is not a folder\nplain"))
        .isEqualTo(
            "otasim: --board a\n> ::stop-commands::x\n>   ##[error]y%0Dz is not a folder\nplain");
  }
}
