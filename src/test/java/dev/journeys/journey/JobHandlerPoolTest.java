package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneysAppTest;
import io.camunda.client.jobhandling.CamundaClientExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The app's job handlers run on its own pool, which the client must not shut down itself. */
@JourneysAppTest
class JobHandlerPoolTest {

  @Autowired CamundaClientExecutorService executor;

  @Test
  void handlersGetEightThreadsThatTheClientDoesNotOwn() {
    assertThat(executor.isOwnedByCamundaClient()).isFalse();
    assertThat(((ScheduledThreadPoolExecutor) executor.get()).getCorePoolSize()).isEqualTo(8);
  }
}
