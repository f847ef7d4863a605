package dev.journeys;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Module boundaries from DESIGN.md: the engine is plain Java that imports nothing else of ours, with
 * one Spring edge (the package dev.journeys.engine.spring); every other module reaches the engine only through the Camunda client.
 */
class ModularityTest {

  /** The engine's one edge to Spring: its configuration, properties, clock beans, meters. */
  private static final String EDGE = "dev.journeys.engine.spring";
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.journeys");
  }

  @Test
  void engineImportsNothingElseOfOurs() {
    noClasses().that().resideInAPackage("dev.journeys.engine..")
        .should().dependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "outside dev.journeys.engine",
                c -> c.getPackageName().startsWith("dev.journeys")
                    && !c.getPackageName().startsWith("dev.journeys.engine")))
        .check(classes);
  }

  @Test
  void engineUsesNoSpringOutsideItsEdgeConfiguration() {
    noClasses().that().resideInAPackage("dev.journeys.engine..")
        .and(com.tngtech.archunit.base.DescribedPredicate.describe(
            "not the edge", c -> !c.getPackageName().equals(EDGE)))
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.camunda.spring..")
        .check(classes);
  }

  /** The REST API speaks Camunda's generated protocol models, as the gateway speaks its gRPC classes. */
  @Test
  void engineUsesOnlyTheCamundaClientsProtocolModelsOutsideItsEdge() {
    noClasses().that().resideInAPackage("dev.journeys.engine..")
        .and(com.tngtech.archunit.base.DescribedPredicate.describe(
            "not the edge", c -> !c.getPackageName().equals(EDGE)))
        .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
            "in io.camunda.client but outside io.camunda.client.protocol",
            c -> (c.getPackageName() + ".").startsWith("io.camunda.client.")
                && !(c.getPackageName() + ".").startsWith("io.camunda.client.protocol.")))
        .check(classes);
  }

  /** The engine reports through its EngineListener; only the edge binds that to Micrometer. */
  @Test
  void engineUsesMicrometerOnlyAtItsEdge() {
    noClasses().that().resideInAPackage("dev.journeys.engine..")
        .and(com.tngtech.archunit.base.DescribedPredicate.describe(
            "not the edge", c -> !c.getPackageName().equals(EDGE)))
        .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..")
        .check(classes);
  }

  @Test
  void otherModulesReachTheEngineOnlyThroughTheCamundaClient() {
    noClasses().that().resideOutsideOfPackages("dev.journeys.engine..", "dev.journeys.simulate..")
        .should().dependOnClassesThat().resideInAPackage("dev.journeys.engine..")
        .check(classes);
  }

  /** The one exception: the simulator moves the engine's controlled clock, which is there for it (DESIGN.md). */
  @Test
  void theSimulatorUsesOnlyTheEnginesClock() {
    noClasses().that().resideInAPackage("dev.journeys.simulate..")
        .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
            "in dev.journeys.engine but outside dev.journeys.engine.clock",
            c -> c.getPackageName().startsWith("dev.journeys.engine")
                && !c.getPackageName().startsWith("dev.journeys.engine.clock")))
        .check(classes);
  }
}
