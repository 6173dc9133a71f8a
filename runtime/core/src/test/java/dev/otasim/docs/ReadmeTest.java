package dev.otasim.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README cannot drift from what works (issue 11): its Java examples are the test classes of
 * examples/junit-user (which CI builds as a user's project), its links and the example folders it
 * names exist, and examples/board carries the reference updater as python-src has it.
 */
class ReadmeTest {
  /** The repository root: Maven runs tests in runtime/core. */
  private static final Path ROOT = Path.of("../..");

  private static final Path EXAMPLES = ROOT.resolve("examples/junit-user/src/test/java");

  @Test
  void everyJavaExampleIsATestClassOfTheUserProject() throws IOException {
    Map<String, String> sources = new TreeMap<>();
    try (Stream<Path> files = Files.walk(EXAMPLES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        // the file without its package line and the blank line after it
        sources.put(EXAMPLES.relativize(f).toString(), Files.readString(f).split("\n", 3)[2]);
      }
    }
    List<String> blocks = fenced(Files.readString(ROOT.resolve("README.md")), "java");

    assertThat(blocks).isNotEmpty();
    for (String block : blocks) {
      assertThat(sources.values())
          .as(
              "README's Java example must be, whole, a test class of examples/junit-user"
                  + " (after its package line); copy the test's source here or this example"
                  + " there:%n%s",
              block)
          .contains(block);
    }
  }

  @Test
  void everyRelativeLinkInTheDocsPointsToAFile() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    List<String> missing = new ArrayList<>();
    Pattern link = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    for (Path doc : docs) {
      // code is not a link: fenced blocks and inline spans (`def f[T](x)`) are left out
      String prose =
          Files.readString(doc).replaceAll("(?s)```.*?```", "").replaceAll("`[^`\n]*`", "");
      Matcher m = link.matcher(prose);
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
          continue; // a web address or an anchor in the same page
        }
        Path file = doc.getParent().resolve(target.replaceFirst("#.*", ""));
        if (!Files.exists(file)) {
          missing.add(ROOT.relativize(doc) + " -> " + target);
        }
      }
    }
    assertThat(missing).as("links to files that do not exist").isEmpty();
  }

  @Test
  void theExampleFoldersReadmeNamesExist() throws IOException {
    Matcher m =
        Pattern.compile("examples/[A-Za-z0-9_./-]*[A-Za-z0-9_]")
            .matcher(Files.readString(ROOT.resolve("README.md")));
    List<String> missing = new ArrayList<>();
    while (m.find()) {
      if (!Files.exists(ROOT.resolve(m.group()))) {
        missing.add(m.group());
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void theExampleBoardRunsTheReferenceUpdaterAsShipped() throws IOException {
    for (String file : List.of("main.py", "ota_updater.py", "main/app.py")) {
      assertThat(ROOT.resolve("examples/board").resolve(file))
          .as("examples/board/%s is a copy of python-src/%s; copy it again", file, file)
          .hasSameBinaryContentAs(ROOT.resolve("python-src").resolve(file));
    }
  }

  /** The fenced code blocks of this language, each with its final newline. */
  static List<String> fenced(String markdown, String language) {
    List<String> blocks = new ArrayList<>();
    Matcher m =
        Pattern.compile("(?m)^```" + language + "\\n(.*?)^```$", Pattern.DOTALL).matcher(markdown);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }
}
