package dev.otasim.stubs;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The stubs' packages form no cycle: models ({@code flash}, {@code net}, {@code ota}, {@code
 * machine}'s Board) never import the board modules' adapters that work on them (issue 8).
 */
class PackageCyclesTest {
  private static final JavaClasses STUBS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.otasim.stubs");

  @Test
  void noPackageDependsOnItselfThroughAnother() {
    slices().matching("dev.otasim.stubs.(**)").should().beFreeOfCycles().check(STUBS);
  }
}
