package dev.journeys.notify;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The SMS transport (provider or sandbox) and the wall clock notify decides quiet hours by. The
 * clock is a bean, not the engine's: quiet hours are about the customer's real night, and tests
 * replace it with one they can move.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SmsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SmsConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  Clock wallClock() {
    return Clock.systemUTC();
  }

  @Bean
  SmsTransport smsTransport(SmsProperties properties, JdbcClient jdbc, Clock clock, SmsWebhookUrls webhooks) {
    if (properties.sandbox()) {
      log.info("SMS go to the sandbox (GET /api/sandbox/sms): journeys.sms.account-sid is not set");
      return new SandboxSmsTransport(jdbc, clock, properties.from());
    }
    log.info("SMS go to {} (account {}); delivery status comes back to {}", properties.baseUrl(),
        properties.accountSid(), webhooks.statusCallback());
    return new TwilioSmsTransport(properties, clock, webhooks.statusCallback());
  }
}
