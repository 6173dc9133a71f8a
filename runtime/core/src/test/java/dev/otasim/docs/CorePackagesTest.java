package dev.otasim.docs;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Core's packages as docs/architecture.md draws them: layers, each using only those beneath it, no
 * arrow back up and no cycle, read from the compiled classes (issue 18).
 */
class CorePackagesTest {
  /** Each package's layer, bottom 0; a package may use only packages of a lower layer. */
  private static final Map<String, Integer> LAYERS =
      Map.ofEntries(
          Map.entry("report", 0),
          Map.entry("boot", 1),
          Map.entry("engine.graalpy", 2),
          Map.entry("engine.micropython", 2),
          Map.entry("github", 2),
          Map.entry("device", 3),
          Map.entry("crosscheck", 4),
          Map.entry("lint", 4),
          Map.entry("sweep", 4),
          Map.entry("scenario", 5),
          Map.entry("fleet", 6),
          Map.entry("gate", 6));

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("dev.otasim");

  @Test
  void noPackageDependsOnItselfThroughAnother() {
    slices()
        .matching("dev.otasim.(**)")
        .should()
        .beFreeOfCycles()
        .check(CORE.that(DescribedPredicate.not(inStubs())));
  }

  @Test
  void everyArrowRunsDownTheLayers() {
    Set<String> upwards = new TreeSet<>();
    Set<String> unplaced = new TreeSet<>();
    for (JavaClass c : CORE) {
      String from = pkg(c);
      if (from == null) {
        continue;
      }
      if (!LAYERS.containsKey(from)) {
        unplaced.add(from);
        continue;
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String to = pkg(d.getTargetClass());
        if (to == null || to.equals(from)) {
          continue;
        }
        if (!LAYERS.containsKey(to)) {
          unplaced.add(to);
        } else if (LAYERS.get(to) >= LAYERS.get(from)) {
          upwards.add(from + " -> " + to + " (" + d.getDescription() + ")");
        }
      }
    }
    assertThat(unplaced)
        .as("core packages without a layer here and in docs/architecture.md")
        .isEmpty();
    assertThat(upwards).as("arrows that do not run down the layers").isEmpty();
  }

  /** The package below dev.otasim, or null for one outside core (the stubs, the JDK). */
  private static String pkg(JavaClass c) {
    String p = c.getPackageName();
    if (!p.startsWith("dev.otasim.") || p.startsWith("dev.otasim.stubs")) {
      return null;
    }
    return p.substring("dev.otasim.".length());
  }

  private static DescribedPredicate<JavaClass> inStubs() {
    return DescribedPredicate.describe(
        "in the stubs", c -> c.getPackageName().startsWith("dev.otasim.stubs"));
  }
}
