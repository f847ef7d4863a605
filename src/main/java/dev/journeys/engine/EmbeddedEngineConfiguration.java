package dev.journeys.engine;

import dev.journeys.engine.clock.ControlledClock;
import dev.journeys.engine.clock.EngineClock;
import dev.journeys.engine.processing.EngineListener;
import dev.journeys.engine.state.WriterLeaseHeldException;
import io.camunda.client.CamundaClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The engine's one edge to Spring: with {@code journeys.engine.mode=embedded} (the default) it starts
 * the embedded engine before any Camunda client bean, so the app's own client connects to it over
 * loopback exactly as it would to a Camunda 8 cluster: gRPC on {@code journeys.engine.port}, REST
 * searches on {@code journeys.engine.rest-port}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "journeys.engine.mode", havingValue = "embedded", matchIfMissing = true)
@EnableConfigurationProperties(EmbeddedEngineConfiguration.EngineProperties.class)
public class EmbeddedEngineConfiguration {

  static final String ENGINE_BEAN = "journeysEmbeddedEngine";

  /**
   * Settings of the embedded engine.
   *
   * @param mode embedded (this engine) or camunda (a Camunda 8 cluster via camunda.client.*)
   * @param host address the gRPC gateway binds to
   * @param port gRPC port; 0 picks a free one at start-up
   * @param clock system, or controlled (time moves only when told; for tests and simulation)
   * @param maxBatchSize commands applied per database transaction
   * @param longPollTimeout how long ActivateJobs waits for jobs when the request sets no timeout
   * @param restPort port of the engine's Camunda REST v2 subset (camunda.client.rest-address); 0 picks a free one
   * @param clockStart where a controlled clock starts (default: now); simulations start at their scenario's date
   * @param leaseDuration how long the writer lease outlives its last renewal (default 5s): a killed
   *     engine's lease lapses after it, and a second engine on the same database is refused
   */
  @ConfigurationProperties("journeys.engine")
  public record EngineProperties(
      String mode, String host, int port, String clock, Integer maxBatchSize, Duration longPollTimeout,
      Integer restPort, Instant clockStart, Duration leaseDuration) {

    public EngineProperties {
      mode = mode == null ? "embedded" : mode;
      host = host == null ? "127.0.0.1" : host;
      clock = clock == null ? "system" : clock;
      maxBatchSize = maxBatchSize == null ? 256 : maxBatchSize;
      longPollTimeout = longPollTimeout == null ? Duration.ofSeconds(10) : longPollTimeout;
      restPort = restPort == null ? 8088 : restPort;
      leaseDuration = leaseDuration == null ? EngineSettings.DEFAULT_LEASE_DURATION : leaseDuration;
    }
  }

  @Bean
  EngineClock journeysEngineClock(EngineProperties properties) {
    return switch (properties.clock()) {
      case "system" -> EngineClock.system();
      case "controlled" -> new ControlledClock(
          properties.clockStart() == null ? Instant.now() : properties.clockStart());
      default -> throw new IllegalArgumentException(
          "Expected journeys.engine.clock to be 'system' or 'controlled', but it is '" + properties.clock() + "'");
    };
  }

  /**
   * The application's one {@link Clock} (see dev.journeys.AppClock): the engine's, so that when the
   * engine clock is controlled, every module's "now" moves with it.
   */
  @Bean
  Clock journeysClock(EngineClock clock) {
    return new EngineWallClock(clock);
  }

  /** A read-only java.time view of the engine clock, in UTC unless asked for another zone. */
  static final class EngineWallClock extends Clock {

    private final EngineClock clock;
    private final ZoneId zone;

    EngineWallClock(EngineClock clock) {
      this(clock, ZoneOffset.UTC);
    }

    private EngineWallClock(EngineClock clock, ZoneId zone) {
      this.clock = clock;
      this.zone = zone;
    }

    @Override
    public long millis() {
      return clock.millis();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(clock.millis());
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
      return new EngineWallClock(clock, newZone);
    }
  }

  @Bean(name = ENGINE_BEAN, destroyMethod = "close")
  EmbeddedEngine journeysEmbeddedEngine(EngineProperties properties, DataSource dataSource, EngineClock clock,
      ObjectProvider<MeterRegistry> registry) {
    MeterRegistry meters = registry.getIfAvailable();
    EngineMeters engineMeters = meters == null ? null : new EngineMeters(meters);
    EmbeddedEngine engine = EmbeddedEngine.start(new EngineSettings(
        dataSource, properties.host(), properties.port(), clock, properties.maxBatchSize(),
        properties.longPollTimeout(), properties.restPort(), properties.leaseDuration()),
        engineMeters == null ? EngineListener.NONE : engineMeters);
    if (engineMeters != null) {
      engineMeters.bind(engine::openIncidents);
    }
    return engine;
  }

  /**
   * Health of the embedded engine: UP while its writer thread takes commands; DOWN once it died,
   * since then nothing moves even though the gateway still answers.
   */
  @Bean
  HealthIndicator engineHealthIndicator(EmbeddedEngine engine) {
    return () -> (engine.writerAlive() ? Health.up() : Health.down().withDetail("writer", "stopped"))
        .withDetail("mode", "embedded")
        .withDetail("grpcPort", engine.port())
        .build();
  }

  /** Makes every Camunda client bean wait for the engine, so workers never poll a closed port. */
  @Bean
  static BeanFactoryPostProcessor journeysClientAfterEngine() {
    return (ConfigurableListableBeanFactory factory) -> {
      for (String name : factory.getBeanNamesForType(CamundaClient.class, true, false)) {
        if (factory.getBeanDefinition(name) instanceof AbstractBeanDefinition definition) {
          definition.setDependsOn(append(definition.getDependsOn(), ENGINE_BEAN));
        }
      }
    };
  }

  /**
   * Moves the engine's time, only when {@code journeys.engine.clock=controlled}: for tests and
   * demos of year-long journeys. Never present by default.
   */
  @RestController
  @RequestMapping("/api/engine/clock")
  @ConditionalOnProperty(name = "journeys.engine.clock", havingValue = "controlled")
  static class ClockController {

    private final ControlledClock clock;

    ClockController(EngineClock clock) {
      this.clock = (ControlledClock) clock;
    }

    /** The body of a clock change: move forward by an ISO-8601 duration, or to an instant. */
    record ClockChange(Duration advance, Instant to) {}

    @GetMapping
    Map<String, Instant> now() {
      return Map.of("now", clock.instant());
    }

    @PostMapping
    Map<String, Instant> change(@RequestBody ClockChange change) {
      if ((change.advance() == null) == (change.to() == null)) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
            "Expected exactly one of 'advance' (an ISO-8601 duration) or 'to' (an instant), but got "
                + (change.advance() == null ? "neither" : "both"));
      }
      try {
        if (change.advance() != null) {
          clock.advance(change.advance());
        } else {
          clock.setTo(change.to());
        }
      } catch (IllegalArgumentException e) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
      }
      return now();
    }
  }

  /**
   * Turns a refused second engine into Spring Boot's "APPLICATION FAILED TO START" report, with what
   * to do instead (registered in META-INF/spring.factories).
   */
  static class WriterLeaseHeldFailureAnalyzer extends AbstractFailureAnalyzer<WriterLeaseHeldException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WriterLeaseHeldException cause) {
      return new FailureAnalysis(
          cause.getMessage(),
          "Only one embedded engine may write a database. To run more app instances on this database, start"
              + " them with journeys.engine.mode=camunda and camunda.client.grpc-address / rest-address pointing"
              + " at the running engine's gateway. To replace the running engine, stop it first: its lease is"
              + " freed on a clean stop, or lapses journeys.engine.lease-duration (5s by default) after a kill.",
          cause);
    }
  }

  private static String[] append(String[] existing, String name) {
    if (existing == null) {
      return new String[] {name};
    }
    String[] result = java.util.Arrays.copyOf(existing, existing.length + 1);
    result[existing.length] = name;
    return result;
  }
}
