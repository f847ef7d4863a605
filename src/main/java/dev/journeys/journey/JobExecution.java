package dev.journeys.journey;

import io.camunda.client.jobhandling.CamundaClientExecutorService;
import io.camunda.client.spring.properties.CamundaClientProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads job handlers run on, stopped gently. The Camunda client's own pool is shut down with
 * interrupts when the client closes: a handler interrupted mid-write makes H2 close its database
 * file, and the rest of the shutdown then fails. Here, on shutdown, handlers already running finish
 * (bounded by {@code journeys.jobs.shutdown-grace}), jobs activated but not started are dropped (the
 * engine hands them out again when their timeout passes), and only then do the client, the engine
 * and the database close.
 */
@Configuration(proxyBeanMethods = false)
class JobExecution {

  private static final Logger log = LoggerFactory.getLogger(JobExecution.class);

  @Bean
  CamundaClientExecutorService camundaClientExecutorService(
      CamundaClientProperties properties, ObjectProvider<MeterRegistry> meters) {
    Integer threads = properties.getExecutionThreads();
    AtomicInteger number = new AtomicInteger();
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            threads == null || threads < 1 ? 1 : threads,
            task -> Thread.ofPlatform().name("job-handler-" + number.incrementAndGet()).unstarted(task));
    // The same pool meters the starter's own pool would have.
    meters.ifAvailable(
        registry ->
            new ExecutorServiceMetrics(
                    executor, "camundaClientExecutor", Tags.of("name", "zeebe_client_thread_pool"))
                .bindTo(registry));
    // Not owned by the client: it must not shutdownNow() the pool under running handlers.
    return new CamundaClientExecutorService(executor, false);
  }

  @Bean
  GracefulJobStop gracefulJobStop(
      CamundaClientExecutorService executor,
      @Value("${journeys.jobs.shutdown-grace:30s}") Duration grace) {
    return new GracefulJobStop((ScheduledThreadPoolExecutor) executor.get(), grace);
  }

  /** Stops the pool in the lifecycle's stop phase, before any bean is destroyed. */
  static final class GracefulJobStop implements SmartLifecycle {

    private final ScheduledThreadPoolExecutor executor;
    private final Duration grace;
    private volatile boolean running;

    GracefulJobStop(ScheduledThreadPoolExecutor executor, Duration grace) {
      this.executor = executor;
      this.grace = grace;
    }

    @Override
    public void start() {
      running = true;
    }

    @Override
    public void stop() {
      running = false;
      executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      executor.shutdown();
      List<Runnable> notStarted = List.copyOf(executor.getQueue());
      executor.getQueue().clear();
      try {
        if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn("Job handlers still running after {}; interrupting them", grace);
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        executor.shutdownNow();
      }
      if (!notStarted.isEmpty()) {
        log.info("Stopped with {} activated jobs not started; the engine hands them out again after their timeout",
            notStarted.size());
      }
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    /** Late in the stop order: web server and job workers stop taking work first. */
    @Override
    public int getPhase() {
      return Integer.MIN_VALUE + 1000;
    }
  }
}
