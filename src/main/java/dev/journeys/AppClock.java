package dev.journeys;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the application: orders, customers, feedback and notify date their rows and
 * decide quiet hours by the {@link Clock} bean. With the embedded engine, that bean is the engine's
 * clock (dev.journeys.engine.spring.EngineClockConfiguration): the system clock in UTC, or the controlled clock in tests and
 * simulations, so a year moved on the engine is a year for every module. Against a Camunda 8
 * cluster, whose time cannot be controlled, it is the system clock in UTC.
 */
@Configuration(proxyBeanMethods = false)
class AppClock {

  @Bean
  @ConditionalOnProperty(name = "journeys.engine.mode", havingValue = "camunda")
  Clock journeysClock() {
    return Clock.systemUTC();
  }
}
