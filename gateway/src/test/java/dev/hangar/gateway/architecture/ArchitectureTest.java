package dev.hangar.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's package rules: a pure domain, adapters that know only the ports, and no package
 * cycles. Reads the main classes only (tests may reach across).
 */
class ArchitectureTest {
  private static final String ROOT = "dev.hangar.gateway";
  private static final List<String> ADAPTERS = List.of("fleet", "github", "ledger", "queue", "aws");
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(ROOT);
  }

  @Test
  void theDomainUsesNoFrameworkCloudOrIo() {
    ArchRule rule = noClasses().that().resideInAPackage("..gateway.domain..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("io.vertx..", "software.amazon..", "java.io..", "java.nio..", "java.net..")
        .orShould().dependOnClassesThat().areAssignableTo(java.time.Clock.class)
        .because("the domain decides from values; adapters and the root do the I/O and own the clock");
    rule.check(classes);
  }

  @Test
  void noAdapterUsesAnotherAdapter() {
    for (String adapter : ADAPTERS) {
      String[] others = ADAPTERS.stream().filter(a -> !a.equals(adapter))
          .map(a -> ROOT + "." + a + "..").toArray(String[]::new);
      noClasses().that().resideInAPackage(ROOT + "." + adapter + "..")
          .should().dependOnClassesThat().resideInAnyPackage(others)
          .because("adapters meet only through the ports, wired by the composition root")
          .check(classes);
    }
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }
}
