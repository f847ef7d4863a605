package dev.journeys.notify.sms;

import dev.journeys.notify.ChannelSupport;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The SMS transport (provider or sandbox). Quiet hours and send times come from the app-wide clock
 * bean (dev.journeys.AppClock): the system clock, or the engine's when it is controlled, so a
 * simulation's night is the customer's night; tests may replace it with one they can move.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SmsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SmsConfiguration.class);

  @Bean
  SmsTransport smsTransport(SmsProperties properties, JdbcClient jdbc, Clock clock, SmsWebhookUrls webhooks,
      com.fasterxml.jackson.databind.ObjectMapper json,
      @Value("${" + ChannelSupport.SANDBOX_ONLY + ":false}") boolean sandboxOnly) {
    if (sandboxOnly || properties.sandbox()) {
      log.info("SMS go to the sandbox (GET /api/sandbox/sms): {}", sandboxOnly
          ? ChannelSupport.SANDBOX_ONLY + " is set" : "journeys.sms.account-sid is not set");
      return new SandboxSmsTransport(jdbc, clock, properties.from());
    }
    log.info("SMS go to {} (account {}); delivery status comes back to {}", properties.baseUrl(),
        properties.accountSid(), webhooks.statusCallback());
    return new TwilioSmsTransport(properties, clock, webhooks.statusCallback(), json);
  }
}
