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

  /** A journal of 100 writes, write main/f1.py 1 B to write main/f100.py 100 B. */
  private static Journal hundredWrites() {
    Journal j = new Journal();
    for (int i = 1; i <= 100; i++) {
      j.record(new Event.Write("main/f" + i + ".py", i));
    }
    return j;
  }

  private static String message(Throwable e) {
    return e.getMessage().replace(System.lineSeparator(), "\n");
  }

  /** A long journal's failure shows the lines that matter, not all of them (issue 19). */
  @Nested
  class LongJournals {
    @Test
    void aMissingLineShowsTheExpectedLinesAroundItAndTheClosestActualLine() {
      AssertionFailedError e =
          catchThrowableOfType(
              AssertionFailedError.class,
              () ->
                  OtaAssertions.assertThat(hundredWrites())
                      .containsInOrder(
                          "write main/f10.py 10 B",
                          "write main/f20.py 20 B",
                          "write main/f3O.py 30 B",
                          "write main/f40.py 40 B"));

      assertThat(message(e))
          .isEqualTo(
              """

              Expecting journal (100 lines) to contain 4 lines in order, but expected line 3 was \
              not found after actual line 20, where expected line 2 is:
                  1  write main/f10.py 10 B
                  2  write main/f20.py 20 B
                > 3  write main/f3O.py 30 B
                  4  write main/f40.py 40 B
              The closest actual line after line 20 is line 30, 95% alike:
                  28  write main/f28.py 28 B
                  29  write main/f29.py 29 B
                > 30  write main/f30.py 30 B
                  31  write main/f31.py 31 B
                  32  write main/f32.py 32 B""");
      // the whole journal is still there, for an IDE's diff view
      assertThat(e.getActual().getStringRepresentation()).hasLineCount(100);
    }

    @Test
    void aLineOutOfOrderSaysWhereItIs() {
      Throwable e =
          catchThrowable(
              () ->
                  OtaAssertions.assertThat(hundredWrites())
                      .containsInOrder("write main/f50.py 50 B", "write main/f7.py 7 B"));

      assertThat(message(e))
          .contains("but expected line 2 was not found after actual line 50")
          .contains("\nIt is actual line 7, before that: the order differs.\n");
    }

    @Test
    void aFilteredViewOfALongJournalSaysHowLongTheJournalIs() {
      Journal j = hundredWrites();
      j.record(new Event.Mkdir("next"));

      Throwable e =
          catchThrowable(() -> OtaAssertions.assertThat(j).writes().doesNotContain("mkdir next"));

      assertThat(message(e))
          .isEqualTo(
              """

              Expecting flash writes (101 lines) not to contain:
                mkdir next
              but it is line 101:
                   99  write main/f99.py 99 B
                  100  write main/f100.py 100 B
                > 101  mkdir next
              (the full journal has 101 lines)""");
    }

    @Test
    void oneLineIsOneLine() {
      Journal j = journal(new Event.Mkdir("next"));

      Throwable e = catchThrowable(() -> OtaAssertions.assertThat(j).containsInOrder("mkdir nxet"));

      assertThat(message(e))
          .startsWith(
              "\nExpecting journal (1 line) to contain 1 line in order, but expected line 1 was"
                  + " not found:\n");
    }
  }

  @Nested
  class Scrubbers {
    @TempDir Path dir;

    private final Journal api =
        journal(
            new Event.HttpExchange(
                "GET", "https://api.github.com/repos/o/r/releases/latest", 200, 1709),
            new Event.HttpExchange(
                "GET", "https://raw.githubusercontent.com/o/r/v1/main/app.py", 200, 913),
            new Event.Write("next/app.py", 913));

    @AfterEach
    void clear() {
      System.clearProperty(GoldenJournal.DIR_PROPERTY);
      System.clearProperty(GoldenJournal.APPROVE_PROPERTY);
    }

    @Test
    void generatedSizesLetOtasimsJsonChangeButNotTheUsersFiles() throws Exception {
      System.setProperty(GoldenJournal.DIR_PROPERTY, dir.toString());
      Files.writeString(
          dir.resolve("api.journal"),
          "http GET https://api.github.com/repos/o/r/releases/latest -> 200 (1650 B)\n"
              + "http GET https://raw.githubusercontent.com/o/r/v1/main/app.py -> 200 (913 B)\n"
              + "write next/app.py 913 B\n");

      OtaAssertions.assertThat(api).scrubbing(Scrubber.GENERATED_SIZES).matchesGolden("api");
      assertThat(catchThrowable(() -> OtaAssertions.assertThat(api).matchesGolden("api")))
          .hasMessageContaining(
              "-http GET https://api.github.com/repos/o/r/releases/latest" + " -> 200 (1650 B)");
    }

    @Test
    void approvingWritesTheScrubbedLines() throws Exception {
      System.setProperty(GoldenJournal.DIR_PROPERTY, dir.toString());
      System.setProperty(GoldenJournal.APPROVE_PROPERTY, "true");

      OtaAssertions.assertThat(api)
          .scrubbing(Scrubber.GENERATED_SIZES, Scrubber.replace("/o/r/v1/", "/o/r/TAG/"))
          .matchesGolden("api");

      assertThat(dir.resolve("api.journal"))
          .hasContent(
              "http GET https://api.github.com/repos/o/r/releases/latest -> 200 (N B)\n"
                  + "http GET https://raw.githubusercontent.com/o/r/TAG/main/app.py -> 200"
                  + " (913 B)\n"
                  + "write next/app.py 913 B");
    }

    @Test
    void aFunctionScrubsTheExpectedLinesToo() {
      OtaAssertions.assertThat(api)
          .scrubbing(line -> line.replaceAll("\\d+ B", "# B"))
          .writes()
          .containsExactly("write next/app.py 1 B");
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
