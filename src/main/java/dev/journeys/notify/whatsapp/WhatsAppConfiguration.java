package dev.journeys.notify.whatsapp;

import dev.journeys.notify.ChannelSupport;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The WhatsApp transport (provider or sandbox), and where the provider reports delivery status. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = WhatsAppProperties.PREFIX, name = "enabled", havingValue = "true")
class WhatsAppConfiguration {

  static final String STATUS_PATH = "/webhooks/whatsapp/status";

  private static final Logger log = LoggerFactory.getLogger(WhatsAppConfiguration.class);

  @Bean
  WhatsAppStatusUrl whatsAppStatusUrl(WhatsAppProperties properties,
      @Value("${journeys.public-base-url:http://localhost:8080}") String publicBaseUrl) {
    String configured = properties.statusCallbackUrl();
    return new WhatsAppStatusUrl(configured == null || configured.isBlank()
        ? publicBaseUrl.replaceAll("/+$", "") + STATUS_PATH
        : configured);
  }

  @Bean
  WhatsAppTransport whatsAppTransport(WhatsAppProperties properties, JdbcClient jdbc, Clock clock,
      WhatsAppStatusUrl status, com.fasterxml.jackson.databind.ObjectMapper json, @Value("${" + ChannelSupport.SANDBOX_ONLY + ":false}") boolean sandboxOnly) {
    if (sandboxOnly || properties.sandbox()) {
      log.info("WhatsApp messages go to the sandbox (GET /api/sandbox/whatsapp): {}", sandboxOnly
          ? ChannelSupport.SANDBOX_ONLY + " is set" : WhatsAppProperties.PREFIX + ".account-sid is not set");
      return new SandboxWhatsAppTransport(jdbc, clock, properties.fromAddress(), json);
    }
    log.info("WhatsApp messages go to {} (account {}); delivery status comes back to {}", properties.baseUrl(),
        properties.accountSid(), status.url());
    return new TwilioWhatsAppTransport(properties, status.url(), json);
  }

  /** The status callback URL: what the provider is told to call, and what it signs when it does. */
  record WhatsAppStatusUrl(String url) {}
}
