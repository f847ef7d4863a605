package dev.journeys.journey.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.journeys.JourneysApplication;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A journey with lint errors is not deployed: the application fails to start and the failure
 * lists the findings. Runs the whole application on the embedded engine, as {@code java -jar}.
 */
class StartupLintTest {

  @Test
  void aJourneyWithErrorsFailsStartUpListingTheFindings() {
    Throwable failure = catchThrowable(() -> {
      try (ConfigurableApplicationContext context = SpringApplication.run(
          JourneysApplication.class,
          "--journeys.deployment.resources=classpath:lint/user-task.bpmn",
          "--journeys.engine.port=0",
          "--server.port=0",
          "--spring.datasource.url=jdbc:h2:mem:lint-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
        // reaching this line means the broken journey was deployed: the assertion below fails
      }
    });

    assertThat(failure)
        .hasMessageStartingWith("Journeys not deployed: lint found 1 error(s), 0 warning(s)")
        .hasMessageContaining("review_order")
        .hasMessageContaining("found a userTask");
    assertThat(failure.getClass().getSimpleName()).isEqualTo("JourneyLintException");
  }
}
