package dev.otasim.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.otasim.device.Device;
import dev.otasim.stubs.host.HostInput;
import dev.otasim.stubs.journal.Event;
import dev.otasim.stubs.journal.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.opentest4j.AssertionFailedError;

/**
 * Failures that an IDE can show as a diff (issue 11): opentest4j's {@link AssertionFailedError}
 * with the expected and the actual text, and a golden mismatch as a unified diff. The messages are
 * pinned whole.
 */
@Isolated // sets otasim.golden.dir and otasim.approve
class FailureMessagesTest {
  private static Journal journal(Event... events) {
    Journal j = new Journal();
    for (Event e : events) {
      j.record(e);
    }
    return j;
  }

  private static final Journal INSTALL =
      journal(
          new Event.Mkdir("next"),
          new Event.Open("next/app.py", "wb"),
          new Event.Write("next/app.py", 913),
          new Event.Close("next/app.py"),
          new Event.Rename("main", "prev"),
          new Event.Rename("next", "main"),
          new Event.Rmdir("prev"));

  @Test
  void containsExactlyCarriesExpectedAndActualAndADiff() {
    AssertionFailedError e =
        catchThrowableOfType(
            AssertionFailedError.class,
            () ->
                OtaAssertions.assertThat(INSTALL)
                    .fileOps()
                    .containsExactly("mkdir next", "rename next -> main", "rmdir prev"));

    assertThat(e.getExpected().getStringRepresentation())
        .isEqualTo("mkdir next\nrename next -> main\nrmdir prev\n");
    assertThat(e.getActual().getStringRepresentation())
        .isEqualTo(
            "mkdir next\nopen next/app.py wb\nwrite next/app.py 913 B\nclose next/app.py\n"
                + "rename main -> prev\nrename next -> main\nrmdir prev\n");
    assertThat(e.getMessage().replace(System.lineSeparator(), "\n"))
        .isEqualTo(
            """

            Expecting file operations to be exactly the expected lines:
            --- expected
            +++ actual
            @@ -1,3 +1,7 @@
             mkdir next
            +open next/app.py wb
            +write next/app.py 913 B
            +close next/app.py
            +rename main -> prev
             rename next -> main
             rmdir prev

            full journal:
              mkdir next
              open next/app.py wb
              write next/app.py 913 B
              close next/app.py
              rename main -> prev
              rename next -> main
              rmdir prev""");
  }

  @Test
  void fileContentMismatchCarriesBothTexts() {
    Device device = Device.create();
    device.flash().put("/main/.version", "v1.0.0");

    AssertionFailedError e =
        catchThrowableOfType(
            AssertionFailedError.class,
            () ->
                OtaAssertions.assertThat(device)
                    .as("after the update")
                    .hasFileWithText("/main/.version", "v1.1.0"));

    assertThat(e.getExpected().getValue()).isEqualTo("v1.1.0");
    assertThat(e.getActual().getValue()).isEqualTo("v1.0.0");
    assertThat(e.getMessage().replace(System.lineSeparator(), "\n"))
        .isEqualTo(
            """
            [after the update]\s
            Expecting flash file /main/.version to contain:
              v1.1.0
            but it contains:
              v1.0.0""");
  }

  @Nested
  class Golden {
    @TempDir Path dir;

    @AfterEach
    void clear() {
      System.clearProperty(GoldenJournal.DIR_PROPERTY);
      System.clearProperty(GoldenJournal.APPROVE_PROPERTY);
    }

    @Test
    void mismatchIsAUnifiedDiffWithContextAndNamesThisTestToApprove() throws Exception {
      System.setProperty(GoldenJournal.DIR_PROPERTY, dir.toString());
      Files.writeString(
          dir.resolve("install.journal"),
          "mkdir next\nopen next/app.py wb\nwrite next/app.py 900 B\nclose next/app.py\n"
              + "rename main -> prev\nrename next -> main\nrmdir main\n");

      AssertionFailedError e =
          catchThrowableOfType(
              AssertionFailedError.class,
              () -> OtaAssertions.assertThat(INSTALL).matchesGolden("install"));

      Path file = dir.resolve("install.journal");
      assertThat(e.getExpected().getValue()).isEqualTo(Files.readString(file));
      assertThat(e.getActual().getValue()).isEqualTo(INSTALL.text());
      assertThat(e.getMessage().replace(System.lineSeparator(), "\n"))
          .isEqualTo(
              "\nJournal does not match the golden file "
                  + file
                  + ":\n--- "
                  + file
                  + "\n+++ actual\n"
                  + "@@ -1,7 +1,7 @@\n"
                  + " mkdir next\n"
                  + " open next/app.py wb\n"
                  + "-write next/app.py 900 B\n"
                  + "+write next/app.py 913 B\n"
                  + " close next/app.py\n"
                  + " rename main -> prev\n"
                  + " rename next -> main\n"
                  + "-rmdir main\n"
                  + "+rmdir prev\n"
                  + "The actual journal is also in target/otasim-golden/install.journal.\n"
                  + "If the change is intended, rerun with"
                  + " -Dotasim.approve=FailureMessagesTest.Golden#mismatchIsAUnifiedDiffWithContextAndNamesThisTestToApprove"
                  + " and review the golden file's diff before committing.");
    }

    @Test
    void approvingOneTestLeavesTheOthersComparing() throws Exception {
      System.setProperty(GoldenJournal.DIR_PROPERTY, dir.toString());
      System.setProperty(
          GoldenJournal.APPROVE_PROPERTY, "SomeOtherTest, FailureMessagesTest#notThisOne");
      assertThat(
              catchThrowableOfType(
                  AssertionFailedError.class,
                  () -> OtaAssertions.assertThat(INSTALL).matchesGolden("install")))
          .hasMessageContaining("No golden journal at " + dir.resolve("install.journal"));

      System.setProperty(
          GoldenJournal.APPROVE_PROPERTY,
          "FailureMessagesTest$Golden#approvingOneTestLeavesTheOthersComparing");
      OtaAssertions.assertThat(INSTALL).matchesGolden("install");
      assertThat(dir.resolve("install.journal")).hasContent(INSTALL.text());
    }

    @Test
    void aGoldenFileThatIsALinkIsRefusedAndItsTargetNeverRead() throws Exception {
      System.setProperty(GoldenJournal.DIR_PROPERTY, dir.toString());
      Path secret = Files.writeString(dir.resolve("host-secret.txt"), "TOKEN=hunter2\n");
      Files.createSymbolicLink(dir.resolve("install.journal"), secret);

      Throwable e =
          catchThrowable(() -> OtaAssertions.assertThat(INSTALL).matchesGolden("install"));

      assertThat(e)
          .isInstanceOf(HostInput.InputRefused.class)
          .hasMessage(
              "the golden folder "
                  + dir
                  + ": install.journal is a symbolic link (to "
                  + secret
                  + "); otasim reads only regular files and folders from the host, replace it with"
                  + " the file itself");
    }

    @Test
    void approvingNeverWritesThroughALink() throws Exception {
      System.setProperty(GoldenJournal.DIR_PROPERTY, dir.toString());
      System.setProperty(GoldenJournal.APPROVE_PROPERTY, "true");
      Path target = Files.writeString(dir.resolve("host-file.txt"), "keep me\n");
      Files.createSymbolicLink(dir.resolve("install.journal"), target);

      Throwable e =
          catchThrowable(() -> OtaAssertions.assertThat(INSTALL).matchesGolden("install"));

      assertThat(e)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "golden journal "
                  + dir.resolve("install.journal")
                  + " is a symbolic link (to "
                  + target
                  + "); otasim writes golden journals only as regular files, never through a"
                  + " link: replace the link with the file itself");
      assertThat(target).hasContent("keep me");
    }

    @Test
    void approvingAClassCoversItsTests() {
      System.setProperty(GoldenJournal.DIR_PROPERTY, dir.toString());
      System.setProperty(
          GoldenJournal.APPROVE_PROPERTY, "dev.otasim.assertions.FailureMessagesTest");
      // the enclosing class is not this nested one: not approved
      assertThat(
              catchThrowableOfType(
                  AssertionFailedError.class,
                  () -> OtaAssertions.assertThat(INSTALL).matchesGolden("install")))
          .isNotNull();

      System.setProperty(GoldenJournal.APPROVE_PROPERTY, "FailureMessagesTest.Golden");
      OtaAssertions.assertThat(INSTALL).matchesGolden("install");
      assertThat(dir.resolve("install.journal")).exists();
    }
  }

  @Test
  void unifiedDiffSplitsDistantChangesIntoHunks() {
    List<String> before = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l");
    List<String> after = List.of("a", "B", "c", "d", "e", "f", "g", "h", "i", "j", "k");
    assertThat(LineDiff.unified(before, after, "old", "new"))
        .isEqualTo(
            """
            --- old
            +++ new
            @@ -1,5 +1,5 @@
             a
            -b
            +B
             c
             d
             e
            @@ -9,4 +9,3 @@
             i
             j
             k
            -l
            """);
    assertThat(LineDiff.unified(List.of(), List.of("x"), "old", "new"))
        .isEqualTo("--- old\n+++ new\n@@ -0,0 +1 @@\n+x\n");
    assertThat(LineDiff.unified(before, before, "old", "new")).isEmpty();
  }
}
