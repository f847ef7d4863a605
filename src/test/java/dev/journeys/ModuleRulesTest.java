package dev.journeys;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The module check of {@link ModularityTest} refuses what it should: fed class sets that break the
 * rules (test fixtures outside the application's packages), it fails naming the offence.
 */
class ModuleRulesTest {

  /** The fixtures are test classes, which the module check leaves out by default. */
  private static final ImportOption TEST_CLASSES_TOO = location -> true;

  @Test
  void reachingIntoAnotherModulesInternalsFails() {
    assertThatThrownBy(() -> ApplicationModules.of("modularityfixture.internals", TEST_CLASSES_TOO).verify())
        .hasMessageContaining("Module 'shop' depends on non-exposed type")
        .hasMessageContaining("modularityfixture.internals.billing.internal.Ledger");
  }

  @Test
  void aDependencyTheModuleDoesNotDeclareFails() {
    assertThatThrownBy(() -> ApplicationModules.of("modularityfixture.undeclared", TEST_CLASSES_TOO).verify())
        .hasMessageContaining("Module 'catalog' depends on module 'pricing'");
  }
}
