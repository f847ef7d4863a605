package dev.journeys.engine.spring;

import dev.journeys.engine.EmbeddedEngine;
import dev.journeys.engine.EngineSettings;
import dev.journeys.engine.clock.EngineClock;
import dev.journeys.engine.processing.EngineListener;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The engine's edge to Spring (the only package of the engine that may use Spring): with
 * {@code journeys.engine.mode=embedded} (the default) it starts the embedded engine before any Camunda
 * client bean, so the app's own client connects to it over loopback exactly as it would to a Camunda
 * 8 cluster: gRPC on {@code journeys.engine.port}, REST searches on {@code journeys.engine.rest-port}.
 * The clock beans, the clock endpoint and the start-up failure report sit beside it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "journeys.engine.mode", havingValue = "embedded", matchIfMissing = true)
@EnableConfigurationProperties(EngineProperties.class)
public class EmbeddedEngineConfiguration {

  static final String ENGINE_BEAN = "journeysEmbeddedEngine";

  /** With journeys.engine.tls.*, the app's own client dials https and trusts the engine's certificate. */
  @Bean
  static EngineClientTls journeysEngineClientTls(Environment environment) {
    return new EngineClientTls(environment);
  }

  @Bean
  InProcessCredentials journeysInProcessCredentials() {
    return new InProcessCredentials();
  }

  /** The app's own client's credentials once the engine requires some (the starter's own bean steps aside). */
  @Bean
  @Conditional(InProcessCredentials.Needed.class)
  CredentialsProvider journeysInProcessCredentialsProvider(InProcessCredentials credentials) {
    return credentials.provider();
  }

  @Bean(name = ENGINE_BEAN, destroyMethod = "close")
  EmbeddedEngine journeysEmbeddedEngine(EngineProperties properties, DataSource dataSource, EngineClock clock,
      ObjectProvider<MeterRegistry> registry, InProcessCredentials inProcess) {
    MeterRegistry meters = registry.getIfAvailable();
    EngineMeters engineMeters = meters == null ? null : new EngineMeters(meters);
    EmbeddedEngine engine = EmbeddedEngine.start(new EngineSettings(
        dataSource, properties.host(), properties.port(), clock, properties.maxBatchSize(),
        properties.longPollTimeout(), properties.restPort(), properties.leaseDuration(),
        EngineSecurityFactory.from(properties, inProcess), properties.feelEvaluationTimeout()),
        engineMeters == null ? EngineListener.NONE : engineMeters);
    if (engineMeters != null) {
      engineMeters.bind(engine::openIncidents);
    }
    return engine;
  }

  /**
   * Health of the embedded engine: UP while its writer thread takes commands; DOWN once it died (or
   * lost its database's writer lease), since then nothing moves even though the gateway still answers.
   */
  @Bean
  HealthIndicator engineHealthIndicator(EmbeddedEngine engine) {
    return () -> (engine.writerAlive() ? Health.up() : Health.down().withDetail("writer", "stopped"))
        .withDetail("mode", "embedded")
        .withDetail("grpcPort", engine.port())
        .build();
  }

  /** Ended journeys' history goes after journeys.engine.history-retention (README, "Retention"). */
  @Bean
  EngineHistoryCleanup journeysEngineHistoryCleanup(EmbeddedEngine engine, DataSource dataSource, EngineClock clock,
      @org.springframework.beans.factory.annotation.Value("${journeys.engine.history-retention:396d}") Duration keep) {
    return new EngineHistoryCleanup(new dev.journeys.engine.state.HistoryRetention(dataSource), clock, keep);
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

  private static String[] append(String[] existing, String name) {
    if (existing == null) {
      return new String[] {name};
    }
    String[] result = Arrays.copyOf(existing, existing.length + 1);
    result[existing.length] = name;
    return result;
  }
}
