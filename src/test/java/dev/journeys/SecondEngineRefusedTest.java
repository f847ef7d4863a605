package dev.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.journeys.engine.EmbeddedEngine;
import dev.journeys.engine.state.WriterLeaseHeldException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

/**
 * Two apps with the embedded engine on one database: the second is refused at start-up, naming the
 * engine that holds the database and what to do, and the first keeps running.
 */
class SecondEngineRefusedTest {

  private static ConfigurableApplicationContext start(String databaseUrl) {
    return SpringApplication.run(JourneysApplication.class,
        "--server.port=0",
        "--journeys.engine.port=0",
        "--journeys.engine.lease-duration=1s",
        "--spring.datasource.url=" + databaseUrl);
  }

  @Test
  void theSecondEmbeddedEngineOnOneDatabaseIsRefusedAndTheFirstKeepsRunning() {
    String url = "jdbc:h2:mem:two-engines-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (ConfigurableApplicationContext first = start(url)) {
      Throwable failure = catchThrowable(() -> start(url).close());

      assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
          .isInstanceOf(WriterLeaseHeldException.class)
          .hasMessageContaining("Expected to be the only engine writing to this database")
          .hasMessageContaining("journeys.engine.mode=camunda");
      assertThat(first.getBean(EmbeddedEngine.class).writerAlive()).isTrue();
    }
  }
}
