package dev.journeys;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Module boundaries: every module (a direct subpackage of dev.journeys) uses only the modules its
 * package-info allows, and only their API (Spring Modulith's verification); docs/ARCHITECTURE.md draws
 * the modules as the code has them. And for the engine (docs/ARCHITECTURE.md): the engine is plain Java that imports nothing else of ours, with
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
  void everyModuleUsesOnlyTheModulesItDeclaresAndOnlyTheirApi() {
    ApplicationModules.of(JourneysApplication.class).verify();
  }

  /** The diagram in docs/ARCHITECTURE.md, between its markers, is the one the code draws. */
  @Test
  void theArchitectureDocumentDrawsTheModulesAsTheCodeHasThem() throws IOException {
    String doc = Files.readString(Path.of("docs/ARCHITECTURE.md"));
    String begin = "<!-- modules:begin (ModularityTest writes this diagram; do not edit by hand) -->\n";
    String end = "<!-- modules:end -->";
    String expected = moduleDiagram(ApplicationModules.of(JourneysApplication.class));
    int from = doc.indexOf(begin);
    int to = doc.indexOf(end);
    if (from < 0 || to < from || !doc.substring(from + begin.length(), to).equals(expected)) {
      throw new AssertionError("docs/ARCHITECTURE.md must hold, between its module markers, exactly:\n" + expected);
    }
  }

  /** A Mermaid graph of the modules and their direct dependencies, sorted so it is stable. */
  static String moduleDiagram(ApplicationModules modules) {
    String edges = modules.stream()
        .sorted(java.util.Comparator.comparing(ApplicationModule::getName))
        .flatMap(module -> module.getDirectDependencies(modules).uniqueModules()
            .map(ApplicationModule::getName).sorted().map(target -> "  " + module.getName() + " --> " + target))
        .collect(Collectors.joining("\n"));
    String alone = modules.stream()
        .filter(module -> module.getDirectDependencies(modules).uniqueModules().findAny().isEmpty())
        .map(ApplicationModule::getName).sorted().map(name -> "  " + name)
        .collect(Collectors.joining("\n"));
    return "```mermaid\ngraph LR\n" + edges + "\n" + alone + "\n```\n";
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
        // a package-info carries only the module declaration that the check above reads
        .and().doNotHaveSimpleName("package-info")
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

  /** The one exception: the simulator moves the engine's controlled clock, which is there for it (docs/ARCHITECTURE.md). */
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
