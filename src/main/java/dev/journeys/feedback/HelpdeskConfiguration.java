package dev.journeys.feedback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** Picks the helpdesk: the configured webhook, else the sandbox, so a fresh checkout just works. */
@Configuration(proxyBeanMethods = false)
class HelpdeskConfiguration {

  private static final Logger log = LoggerFactory.getLogger(HelpdeskConfiguration.class);

  @Bean
  SandboxHelpdesk sandboxHelpdesk(JdbcClient jdbc, java.time.Clock clock) {
    return new SandboxHelpdesk(jdbc, clock);
  }

  @Bean
  Helpdesk helpdesk(FeedbackProperties properties, RestClient.Builder http, SandboxHelpdesk sandbox) {
    Helpdesk helpdesk =
        properties.helpdeskConfigured()
            ? new WebhookHelpdesk(http, properties.helpdeskUrl(), properties.helpdeskTimeout())
            : sandbox;
    log.info("Support tickets go to {}", helpdesk.describe());
    return helpdesk;
  }
}
